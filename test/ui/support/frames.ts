/**
 * Reading ink-testing-library frames: without colours, waiting for the frame a key press
 * causes (ink renders asynchronously). Waits are bounded; tests never assert on time.
 */
import { stripVTControlCharacters } from "node:util";

/** What `render` from ink-testing-library returns, as far as these helpers use it. */
export interface RenderedApp {
  lastFrame(): string | undefined;
  readonly stdin: { write(data: string): void };
}

/** The last frame without colours. */
export function plainFrame(app: RenderedApp): string {
  return stripVTControlCharacters(app.lastFrame() ?? "");
}

/** Longest a test waits for a frame, in milliseconds (a bound, not an expectation). */
const WAIT_LIMIT_MS = 5_000;

/** Resolves with the first frame for which `ready` holds; throws with the last frame if none. */
export async function frameWhere(
  app: RenderedApp,
  ready: (frame: string) => boolean,
): Promise<string> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const frame = plainFrame(app);
    if (ready(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`no frame matched; the last one was:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Types `keys` and resolves with the first frame that differs from the one before. */
export async function press(app: RenderedApp, keys: string): Promise<string> {
  const before = plainFrame(app);
  app.stdin.write(keys);
  return frameWhere(app, (frame) => frame !== before);
}

/** Key codes as a terminal sends them. */
export const KEYS = {
  right: "\u001B[C",
  left: "\u001B[D",
  enter: "\r",
  escape: "\u001B",
} as const;
