/**
 * Runs the replay viewer in the terminal until the user quits. The viewer draws on the
 * terminal's alternate screen (as full-screen programs do), so the shell's scrollback is
 * left as it was, and it redraws from a clean screen when the terminal is resized. The
 * terminal is put in raw mode before the first frame is drawn, so that a key pressed as
 * soon as the viewer shows is never echoed or lost (ink itself only does so just after).
 */
import { type Instance, type RenderOptions, render } from "ink";
import { ReplayApp } from "./components/ReplayApp.js";
import type { ViewerContext } from "./model/viewer-context.js";

const ENTER_ALTERNATE_SCREEN = "\u001B[?1049h";
const LEAVE_ALTERNATE_SCREEN = "\u001B[?1049l";
const CLEAR_SCREEN = "\u001B[2J\u001B[H";
const HIDE_CURSOR = "\u001B[?25l";
const SHOW_CURSOR = "\u001B[?25h";

/** The terminal streams the viewer uses. */
export interface TerminalStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** How ink renders the viewer: at most 60 frames a second, Ctrl+C quits. */
export const VIEWER_RENDER_OPTIONS: RenderOptions = {
  exitOnCtrlC: true,
  patchConsole: false,
  maxFps: 60,
};

/** Mounts the viewer on `streams` (no screen switching); the caller unmounts it. */
export function mountReplayApp(context: ViewerContext, streams: TerminalStreams): Instance {
  return render(<ReplayApp context={context} />, { ...VIEWER_RENDER_OPTIONS, ...streams });
}

/**
 * Shows `context` in the terminal and resolves when the user quits.
 *
 * @example
 * ```ts
 * const recording = await recordReplay(scenario, 2);
 * await runReplayUi(buildViewerContext(recording));
 * ```
 */
export async function runReplayUi(
  context: ViewerContext,
  streams: TerminalStreams = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  },
): Promise<void> {
  const { stdin, stdout } = streams;
  if (stdin.isTTY) stdin.setRawMode(true);
  stdout.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR + CLEAR_SCREEN);
  const instance = mountReplayApp(context, streams);
  const onResize = () => {
    instance.clear();
    stdout.write(CLEAR_SCREEN);
  };
  stdout.on("resize", onResize);
  try {
    await instance.waitUntilExit();
  } finally {
    stdout.off("resize", onResize);
    instance.cleanup();
    if (stdin.isTTY) stdin.setRawMode(false);
    // Let go of the terminal's input so nothing keeps the process alive after the viewer.
    stdin.pause();
    stdin.unref?.();
    stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  }
}
