/**
 * The plain report `faultline ui` prints when there is no terminal to draw in (a pipe, CI):
 * the same view data as the interactive frames, as text without colours, centred on the
 * failure (or on the end of a passing run). Explained operations are drawn `!between!`
 * (cannot be placed) and `+between+` (end of the longest linearizable prefix) instead of
 * in colours. Prose is wrapped to the width; tables are cut to it.
 */
import { formatTime } from "../../src/sim/time.js";
import { eventListView } from "./event-list-view.js";
import { fitWidth, wrapWords } from "./fit-text.js";
import { formatClockTime } from "./format-time.js";
import { historyView, type LaneSegment } from "./history-view.js";
import { type NodeRowView, nodeTableView } from "./node-table-view.js";
import type { ViewerContext } from "./viewer-context.js";
import { initialViewerState, type ViewerState } from "./viewer-state.js";

/** Options of the static report. */
export interface StaticReportOptions {
  /** Line width, in characters. */
  readonly width: number;
  /** Events listed around the failure. */
  readonly events?: number;
}

const DEFAULT_EVENTS = 21;
/** The brackets of explained operations' bars. */
const LANE_MARKS: Readonly<Partial<Record<LaneSegment["tone"], string>>> = {
  blocker: "!",
  prefix: "+",
};

/** The report, as lines ending in a newline. */
export function staticReport(context: ViewerContext, options: StaticReportOptions): string {
  const { recording, violation } = context;
  const width = options.width;
  const cursor = violation?.index ?? Math.max(0, recording.columns.length - 1);
  const state: ViewerState = { ...initialViewerState(context), cursor, message: undefined };
  const where = violation === undefined ? "at the end" : "at the violation";
  const prose = [
    ...summaryLines(context),
    "",
    ...faultLines(context),
    "",
    ...violationLines(context),
  ];
  const tables = [
    ...nodeLines(context, cursor, width, where),
    "",
    `Events ${where} (> marks it):`,
    ...eventListView(recording, state, options.events ?? DEFAULT_EVENTS, width).rows.map(
      (row) => row.text,
    ),
    "",
    ...laneLines(context, state, width),
  ];
  const lines = [
    ...prose.flatMap((line) => wrapWords(line, width)),
    ...tables.map((line) => fitWidth(line, width)),
  ];
  return `${lines.map((line) => line.trimEnd()).join("\n")}\n`;
}

function summaryLines(context: ViewerContext): string[] {
  const { recording } = context;
  const { result } = recording;
  const verdict = result.ok ? "PASSED" : `FAILED ${result.failure?.reason ?? ""}`;
  return [
    `faultline ui: ${verdict}: ${recording.scenarioName} seed ${recording.seed} (${recording.scenarioLabel})`,
    "(no terminal: printing a static report; run it in a terminal to step through the run)",
    `trace hash ${result.traceHash}, ${result.events} events, ${formatTime(result.virtualUs)} virtual, ${result.ops.invoked} operations, ${result.faults.length} faults`,
  ];
}

function faultLines(context: ViewerContext): string[] {
  const { faults } = context.recording.result;
  if (faults.length === 0) return ["Faults: none"];
  return [
    "Faults:",
    ...faults.map((fault) => {
      const end = fault.endUs === undefined ? "to the end" : `to ${formatTime(fault.endUs)}`;
      const skipped = fault.skipped === undefined ? "" : ` (skipped: ${fault.skipped})`;
      return `  ${formatTime(fault.atUs)} ${end}: ${fault.description}${skipped}`;
    }),
  ];
}

function violationLines(context: ViewerContext): string[] {
  const { violation, recording } = context;
  if (violation === undefined) return [];
  const at = formatClockTime(recording.columns.timeUs(violation.index));
  return [
    `Violation at event #${violation.index} (t=${at}):`,
    ...violation.lines.map((line) => `  ${line}`),
    "",
  ];
}

function nodeLines(context: ViewerContext, cursor: number, width: number, where: string) {
  const { recording } = context;
  const nodes = nodeTableView(recording, cursor, recording.nodeIds.length, width);
  return [`Nodes ${where}:`, nodes.heading, ...nodes.rows.map(nodeLine)];
}

function nodeLine(row: NodeRowView): string {
  return `${row.touched ? "> " : "  "}${row.cells.map((cell) => cell.text).join("")}`;
}

function laneLines(context: ViewerContext, state: ViewerState, width: number): string[] {
  const history = historyView(context, state, context.history.lanes.length, 0, width);
  const lines = [
    `${history.title}:`,
    ...history.lanes.map((lane) => `${lane.label}${lane.segments.map(plainSegment).join("")}`),
    history.axis,
  ];
  if ((context.violation?.operations.size ?? 0) > 0)
    lines.push("!...!: cannot be placed next | +...+: last of the longest linearizable prefix");
  return lines;
}

function plainSegment(segment: LaneSegment): string {
  const mark = LANE_MARKS[segment.tone];
  return mark === undefined ? segment.text : segment.text.replace(/[[\]]/g, mark);
}
