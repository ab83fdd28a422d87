/**
 * Everything one frame shows, computed from the recording, the viewer's state and the
 * terminal's size, before any drawing: the components only lay these strings out and
 * colour them, and the plain report prints the same data.
 */
import { type EventListView, eventListView } from "./event-list-view.js";
import { type HeaderView, headerView } from "./header-view.js";
import { helpLines } from "./help-view.js";
import { type HistoryView, historyView } from "./history-view.js";
import { type ScreenLayout, screenLayout, type TerminalSize } from "./layout.js";
import { type MessageFlowView, messageFlowView } from "./message-flow-view.js";
import { type NodeTableView, nodeTableView } from "./node-table-view.js";
import { type StatusView, statusView } from "./status-view.js";
import type { ViewerContext } from "./viewer-context.js";
import type { ViewerState } from "./viewer-state.js";
import { type ViolationPanelView, violationPanelView } from "./violation-panel-view.js";

/** One frame's data. */
export interface Screen {
  readonly layout: ScreenLayout;
  readonly header: HeaderView;
  /** The help's lines when it is open (it then replaces the panels). */
  readonly help: readonly string[] | undefined;
  readonly nodes: NodeTableView;
  /** The message-flow panel, when shown. */
  readonly flow: MessageFlowView | undefined;
  readonly events: EventListView;
  readonly violation: ViolationPanelView | undefined;
  readonly history: HistoryView | undefined;
  readonly status: StatusView;
}

/** Builds the frame for `state` in a terminal of `size`. */
export function buildScreen(
  context: ViewerContext,
  state: ViewerState,
  size: TerminalSize,
): Screen {
  const { recording, violation } = context;
  const showViolation = state.showViolation && violation !== undefined;
  const layout = screenLayout(size, {
    nodes: recording.nodeIds.length,
    lanes: context.history.lanes.length,
    laneNotes: violation === undefined ? 0 : violation.operations.size > 0 ? 2 : 1,
    violationLines: showViolation ? violation.lines.length : 0,
    flow: state.showFlow,
  });
  const { width } = layout;
  return {
    layout,
    header: headerView(recording, state),
    help: state.help ? helpLines(layout.height - 2, width) : undefined,
    nodes: nodeTableView(recording, state.cursor, layout.nodeRows, width),
    flow:
      layout.flowRows > 0
        ? messageFlowView(recording, state.cursor, layout.flowRows, width)
        : undefined,
    events: eventListView(recording, state, layout.eventRows, width),
    violation: showViolation
      ? violationPanelView(violation, layout.violationRows, width, state.violationScroll)
      : undefined,
    history:
      layout.laneRows > 0
        ? historyView(context, state, layout.laneRows, layout.laneNoteRows, width)
        : undefined,
    status: statusView(state, width),
  };
}
