/**
 * The history lanes' data: a window of virtual time centred on the cursor, one lane per
 * client slot, each operation a bar from its invocation to its completion, labelled with
 * what it did; the operations the checker's explanation names are marked, and the cursor's
 * time is a column through every lane.
 */
import { fitWidth } from "./fit-text.js";
import { formatClockTime } from "./format-time.js";
import {
  AXIS,
  AXIS_CURSOR,
  BAR_FAILED,
  BAR_FILL,
  BAR_SHORT,
  BAR_UNKNOWN,
  CURSOR_COLUMN,
} from "./glyphs.js";
import { type HistoryOperation, operationsBetween } from "./history-model.js";
import type { ViewerContext } from "./viewer-context.js";
import { defaultHistorySpanUs, type ViewerState } from "./viewer-state.js";
import type { OperationRole } from "./violation.js";

/** How a cell of a lane is coloured. */
export type LaneTone = "idle" | "ok" | "fail" | "info" | "pending" | OperationRole;

/** A run of cells drawn alike. */
export interface LaneSegment {
  /** Its first column. */
  readonly start: number;
  readonly text: string;
  readonly tone: LaneTone;
  /** Whether this is the cursor's column. */
  readonly cursor: boolean;
}

/** One lane. */
export interface LaneView {
  /** The lane's label, fitted: the client process at the cursor's time. */
  readonly label: string;
  readonly segments: readonly LaneSegment[];
}

/** The history panel. */
export interface HistoryView {
  readonly title: string;
  readonly lanes: readonly LaneView[];
  /** The time axis under the lanes. */
  readonly axis: string;
  /** What the explanation says, fitted. */
  readonly notes: readonly string[];
}

const LABEL_WIDTH = 6;

interface Cell {
  char: string;
  tone: LaneTone;
}

/** The panel at the cursor, with `laneRows` lanes and `noteRows` notes, `width` wide. */
export function historyView(
  context: ViewerContext,
  state: ViewerState,
  laneRows: number,
  noteRows: number,
  width: number,
): HistoryView {
  const { columns } = context.recording;
  const cells = Math.max(10, width - LABEL_WIDTH);
  const spanUs = state.historySpanUs ?? defaultHistorySpanUs(context.history);
  const cursorUs = columns.length === 0 ? 0 : columns.timeUs(state.cursor);
  const startUs = cursorUs - spanUs / 2;
  const cellUs = spanUs / cells;
  const cursorColumn = Math.floor((cursorUs - startUs) / cellUs);
  const lanes = shownLanes(context, laneRows).map((slot) => {
    const operations = operationsBetween(context.history.lanes[slot]!, startUs, startUs + spanUs);
    const row = paintLane(context, operations, startUs, cellUs, cells);
    return {
      label: fitWidth(laneLabel(slot), LABEL_WIDTH),
      segments: segmentsOf(row, cursorColumn),
    };
  });
  const hiddenLanes = context.history.lanes.length - lanes.length;
  return {
    title: `History | ${formatSpan(spanUs)} around the cursor${hiddenLanes > 0 ? ` | ${hiddenLanes} lane(s) hidden` : ""}`,
    lanes,
    axis: axisLine(startUs, spanUs, cursorColumn, cells),
    notes: notesOf(context, noteRows, width),
  };
}

/**
 * The lanes shown when only `rows` fit: those with operations the explanation names first,
 * then the others, drawn in slot order.
 */
function shownLanes(context: ViewerContext, rows: number): number[] {
  const slots = context.history.lanes.map((_, slot) => slot);
  if (slots.length <= rows) return slots;
  const named = new Set<number>();
  for (const [invokeIndex] of context.violation?.operations ?? []) {
    const process = context.recording.result.history[invokeIndex]?.process;
    if (process !== undefined) named.add(process % slots.length);
  }
  const chosen = [
    ...slots.filter((slot) => named.has(slot)),
    ...slots.filter((slot) => !named.has(slot)),
  ];
  return chosen.slice(0, rows).sort((a, b) => a - b);
}

function paintLane(
  context: ViewerContext,
  operations: readonly HistoryOperation[],
  startUs: number,
  cellUs: number,
  cells: number,
): Cell[] {
  const row: Cell[] = Array.from({ length: cells }, () => ({ char: " ", tone: "idle" }));
  const roles = context.violation?.operations;
  for (const operation of operations) {
    const from = Math.max(0, Math.floor((operation.startUs - startUs) / cellUs));
    const to = Math.min(cells - 1, Math.floor((operation.endUs - startUs) / cellUs));
    if (to < from) continue;
    const tone: LaneTone = roles?.get(operation.invokeIndex) ?? operation.outcome;
    const bar = barText(operation.label, to - from + 1, operation.startUs >= startUs, fillOf(tone));
    for (let cell = from; cell <= to; cell++) row[cell] = { char: bar[cell - from]!, tone };
  }
  return row;
}

/** A bar of `length` cells: `[label---]` (filled with `fill`), or `=` when too short for a label. */
function barText(label: string, length: number, showsStart: boolean, fill: string): string {
  if (length < 3) return (fill === BAR_FILL ? BAR_SHORT : fill).repeat(length);
  const inner = label.slice(0, length - 2).padEnd(length - 2, fill);
  return `${showsStart ? "[" : fill}${inner}]`;
}

function segmentsOf(row: readonly Cell[], cursorColumn: number): LaneSegment[] {
  const segments: LaneSegment[] = [];
  row.forEach((cell, column) => {
    const cursor = column === cursorColumn;
    const char = cursor && cell.tone === "idle" ? CURSOR_COLUMN : cell.char;
    const last = segments.at(-1);
    if (last !== undefined && last.tone === cell.tone && last.cursor === cursor && !cursor) {
      segments[segments.length - 1] = { ...last, text: last.text + char };
    } else {
      segments.push({ start: column, text: char, tone: cell.tone, cursor });
    }
  });
  return segments;
}

/**
 * A lane's label: its client thread, the same wherever the cursor is (process `p12` of 5
 * threads runs on `c2`; the report and the message flow use the same names).
 */
function laneLabel(slot: number): string {
  return `c${slot}`;
}

/** The fill of a bar by its tone: failed `x`, unknown or pending `?`, else `-`. */
function fillOf(tone: LaneTone): string {
  if (tone === "fail") return BAR_FAILED;
  if (tone === "info" || tone === "pending") return BAR_UNKNOWN;
  return BAR_FILL;
}

function axisLine(startUs: number, spanUs: number, cursorColumn: number, cells: number): string {
  const axis = Array.from({ length: cells }, () => AXIS);
  const left = formatClockTime(Math.max(0, Math.round(startUs)));
  const right = formatClockTime(Math.max(0, Math.round(startUs + spanUs)));
  const write = (text: string, at: number) => {
    for (let i = 0; i < text.length && at + i < cells; i++)
      if (at + i >= 0) axis[at + i] = text[i]!;
  };
  write(left, 0);
  write(right, cells - right.length);
  if (cursorColumn >= 0 && cursorColumn < cells) axis[cursorColumn] = AXIS_CURSOR;
  return `${" ".repeat(LABEL_WIDTH)}${axis.join("")}`;
}

/** What the lanes' colours and fills mean; under 80 columns, so it is never cut. */
export const LANE_LEGEND =
  "red: cannot be placed | blue: prefix end | ?: unknown, pending | x: failed";

function notesOf(context: ViewerContext, noteRows: number, width: number): string[] {
  const violation = context.violation;
  if (violation === undefined || noteRows <= 0) return [];
  const notes = [`!! ${violation.summary}`];
  if (violation.operations.size > 0) notes.push(LANE_LEGEND);
  return notes.slice(0, noteRows).map((note) => fitWidth(note, width));
}

function formatSpan(spanUs: number): string {
  if (spanUs >= 1_000_000) return `${(spanUs / 1_000_000).toFixed(2).replace(/\.?0+$/, "")}s`;
  if (spanUs >= 1_000) return `${(spanUs / 1_000).toFixed(1).replace(/\.?0+$/, "")}ms`;
  return `${Math.round(spanUs)}us`;
}
