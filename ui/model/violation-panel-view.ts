/**
 * The open explanation of the run's failure (after `v`): its lines, fitted to the rows and
 * columns the layout gives it.
 */
import { fitWidth } from "./fit-text.js";
import type { ViolationView } from "./violation.js";

/** The panel, ready to draw. */
export interface ViolationPanelView {
  readonly title: string;
  readonly lines: readonly string[];
}

/** The panel for `violation` in `rows` lines of `width` columns. */
export function violationPanelView(
  violation: ViolationView,
  rows: number,
  width: number,
): ViolationPanelView {
  const all = violation.lines;
  const shown =
    all.length <= rows
      ? all
      : [...all.slice(0, Math.max(0, rows - 1)), `... ${all.length - rows + 1} more line(s)`];
  return {
    title: fitWidth(
      `Violation | ${violation.reason} | at event #${violation.index} (v or Esc: hide)`,
      width,
    ),
    lines: shown.slice(0, rows).map((line) => fitWidth(line, width)),
  };
}
