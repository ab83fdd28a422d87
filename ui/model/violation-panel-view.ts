/**
 * The open explanation of the run's failure (after `v`): its lines from the scroll
 * position, fitted to the rows and columns the layout gives it; the title says which lines
 * show and how to scroll to the rest.
 */
import { fitWidth } from "./fit-text.js";
import type { ViolationView } from "./violation.js";

/** The panel, ready to draw. */
export interface ViolationPanelView {
  readonly title: string;
  readonly lines: readonly string[];
}

/** The panel for `violation` in `rows` lines of `width` columns, from line `scroll`. */
export function violationPanelView(
  violation: ViolationView,
  rows: number,
  width: number,
  scroll = 0,
): ViolationPanelView {
  const all = violation.lines;
  const first = Math.max(0, Math.min(scroll, all.length - rows));
  const shown = all.slice(first, first + rows);
  const range =
    all.length <= rows
      ? "v/Esc: hide"
      : `lines ${first + 1}-${first + shown.length} of ${all.length}, J/K: scroll`;
  return {
    title: fitWidth(
      `Violation | ${violation.reason} | at event #${violation.index} | ${range}`,
      width,
    ),
    lines: shown.map((line) => fitWidth(line, width)),
  };
}
