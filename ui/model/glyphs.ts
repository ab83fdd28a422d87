/**
 * The characters the viewer draws with. Printable ASCII only: every terminal and font
 * shows it one cell wide, and ink measures ASCII text with a fast path (wider Unicode goes
 * through grapheme segmentation for every line of every frame, which made redraws several
 * times slower).
 */

/** Ends text that was cut. */
export const ELLIPSIS = "...";
/** Fills a history bar after its label. */
export const BAR_FILL = "-";
/** A history bar too short for a label. */
export const BAR_SHORT = "=";
/** The cursor's column through the history lanes. */
export const CURSOR_COLUMN = "|";
/** The history lanes' time axis. */
export const AXIS = "-";
/** The cursor's place on the axis. */
export const AXIS_CURSOR = "^";
/** Fills the bar of an operation that failed (it did not take effect). */
export const BAR_FAILED = "x";
/** Fills the bar of an operation whose outcome is unknown (info) or still pending. */
export const BAR_UNKNOWN = "?";
