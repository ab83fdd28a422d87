/**
 * The status line's data: the prompt being typed, or feedback on the last action, or a
 * reminder of the main keys.
 */
import { fitWidth } from "./fit-text.js";
import type { ViewerState } from "./viewer-state.js";

/** The status line, ready to draw. */
export interface StatusView {
  readonly text: string;
  /** `prompt` while typing, `message` for feedback, `hint` otherwise. */
  readonly tone: "prompt" | "message" | "hint";
}

const HINTS = "<- -> step | space play | n/N fault | v violation | g time | ? help | q quit";

/** The status line for `state`, `width` wide. */
export function statusView(state: ViewerState, width: number): StatusView {
  const prompt = state.prompt;
  if (prompt !== undefined) {
    const label =
      prompt.kind === "time"
        ? "go to time (1.5s, 250ms, #index)"
        : `search${state.search === undefined ? "" : ` (empty: "${state.search}")`}`;
    return {
      text: fitWidth(`${label}: ${prompt.text}_  (Enter: go, Esc: cancel)`, width),
      tone: "prompt",
    };
  }
  if (state.message !== undefined) return { text: fitWidth(state.message, width), tone: "message" };
  return { text: fitWidth(HINTS, width), tone: "hint" };
}
