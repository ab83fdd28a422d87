/**
 * How the screen's rows are shared between the panels, for any terminal from 80×24 up
 * (smaller ones get what fits). The events list keeps a minimum; the node table, the
 * message-flow panel (when shown), the violation's explanation (when open) and the history lanes take what they need in that
 * order; the events list gets the rest. One row is left free below the frame so that the
 * terminal never scrolls.
 */

/** The terminal's size, in character cells. */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** What the panels would like to show. */
export interface LayoutDemand {
  /** Nodes in the cluster. */
  readonly nodes: number;
  /** History lanes (client slots). */
  readonly lanes: number;
  /** Lines of explanation below the lanes (0 when the run passed). */
  readonly laneNotes: number;
  /** Lines of the violation's explanation, when it is open (else 0). */
  readonly violationLines: number;
  /** Whether the message-flow panel is shown (it takes up to `FLOW_ROWS_MAX` rows). */
  readonly flow?: boolean;
}

/** Rows given to each panel (titles not included). */
export interface ScreenLayout {
  readonly width: number;
  /** Rows of the whole frame. */
  readonly height: number;
  readonly nodeRows: number;
  /** Arrows of the message-flow panel (its title and column labels not included); 0: hidden. */
  readonly flowRows: number;
  readonly eventRows: number;
  readonly violationRows: number;
  readonly laneRows: number;
  readonly laneNoteRows: number;
}

/** Smallest terminal drawn; smaller ones are drawn as if this big (and clipped). */
export const MIN_SIZE: TerminalSize = { columns: 40, rows: 12 };
/** Rows of the events list that are always kept. */
const EVENT_ROWS_MIN = 3;
/** Most rows the open explanation takes (it takes at most half of what the nodes leave). */
const VIOLATION_ROWS_MAX = 12;
/** Rows the open explanation gets even when that leaves no room for the history lanes. */
const VIOLATION_ROWS_MIN = 3;
/** Most arrows the message-flow panel shows (it takes at most half of what the nodes leave). */
const FLOW_ROWS_MAX = 8;
/** Header line and status line. */
const FIXED_ROWS = 2;

/** Shares the rows of a `size` terminal between the panels. */
export function screenLayout(size: TerminalSize, demand: LayoutDemand): ScreenLayout {
  const width = Math.max(MIN_SIZE.columns, size.columns);
  const height = Math.max(MIN_SIZE.rows, size.rows) - 1;
  let remaining = height - FIXED_ROWS - 1 - EVENT_ROWS_MIN;
  const take = (wanted: number): number => {
    const granted = Math.max(0, Math.min(wanted, remaining));
    remaining -= granted;
    return granted;
  };
  const nodeRows = Math.max(0, take(1 + demand.nodes) - 1);
  const flowWanted =
    demand.flow === true ? Math.min(FLOW_ROWS_MAX, Math.floor(remaining / 2) - 2) : 0;
  const flowRows = flowWanted > 0 ? Math.max(0, take(2 + flowWanted) - 2) : 0;
  const violationShare = Math.max(VIOLATION_ROWS_MIN, Math.floor(remaining / 2));
  const violationWanted = Math.min(demand.violationLines, VIOLATION_ROWS_MAX, violationShare);
  const violationRows = violationWanted > 0 ? Math.max(0, take(1 + violationWanted) - 1) : 0;
  const { laneRows, laneNoteRows } = historyRows(demand, remaining);
  remaining -= laneRows + laneNoteRows + (laneRows > 0 ? 2 : 0);
  return {
    width,
    height,
    nodeRows,
    flowRows,
    eventRows: EVENT_ROWS_MIN + remaining,
    violationRows,
    laneRows,
    laneNoteRows,
  };
}

/** Lanes (with their title and axis) and notes, or nothing when not even one lane fits. */
function historyRows(demand: LayoutDemand, available: number) {
  if (demand.lanes === 0 || available < 3) return { laneRows: 0, laneNoteRows: 0 };
  const laneRows = Math.min(demand.lanes, available - 2);
  const laneNoteRows = Math.min(demand.laneNotes, available - 2 - laneRows);
  return { laneRows, laneNoteRows };
}
