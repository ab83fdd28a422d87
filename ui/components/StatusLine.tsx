/**
 * The status line at the bottom: the prompt, feedback, or key hints.
 */
import { Text } from "ink";
import type { StatusView } from "../model/status-view.js";
import { type Colour, colourProps } from "./tones.js";

const STATUS_COLOURS: Readonly<Record<StatusView["tone"], Colour>> = {
  prompt: "cyan",
  message: "yellow",
  hint: undefined,
};

/** Props of `StatusLine`. */
export interface StatusLineProps {
  /** What to show. */
  readonly view: StatusView;
}

/** The status line. */
export function StatusLine({ view }: StatusLineProps) {
  return (
    <Text
      wrap="truncate"
      {...colourProps(STATUS_COLOURS[view.tone])}
      dimColor={view.tone === "hint"}
    >
      {view.text}
    </Text>
  );
}
