/**
 * The node table's data at the cursor: for each node its status, partition group, clock
 * offset, and what its `inspect()` said, with `role`, `term` and `commitIndex` in columns
 * of their own when the system reports them (Raft-like systems do) and every other field
 * as `key=value`.
 */
import type { NodeSummary } from "../../src/sim/node-api.js";
import type { NodeStatus } from "../../src/sim/node-slot.js";
import { type ClusterSnapshot, clockOffsetAt } from "../recording/cluster-timeline.js";
import { groupLetter, type PartitionView } from "../recording/partition-groups.js";
import type { ReplayRecording } from "../recording/replay-recording.js";
import { fitWidth } from "./fit-text.js";
import { formatOffset } from "./format-time.js";
import { formatValue } from "./format-value.js";

/** One cell of the table, padded to its column's width. */
export interface NodeCell {
  /** The column it is in (stable, for rendering). */
  readonly column: string;
  readonly text: string;
  /** How to colour it. */
  readonly tone: "plain" | "up" | "crashed" | "paused" | "leader" | "changed" | "dim";
}

/** One node's row. */
export interface NodeRowView {
  readonly node: string;
  /** Whether the event at the cursor involves this node. */
  readonly touched: boolean;
  readonly cells: readonly NodeCell[];
}

/** The node table. */
export interface NodeTableView {
  /** The column titles, padded like the cells. */
  readonly heading: string;
  readonly rows: readonly NodeRowView[];
  /** Nodes left out for lack of rows. */
  readonly hidden: number;
}

/** Summary fields shown in columns of their own, with their titles and widths. */
const FIELD_COLUMNS = [
  { field: "role", title: "role", width: 10 },
  { field: "term", title: "term", width: 5 },
  { field: "commitIndex", title: "commit", width: 7 },
] as const;

const MARKER_WIDTH = 2;
const STATUS_WIDTH = 8;
const NET_WIDTH = 4;
const CLOCK_WIDTH = 8;

/** What every row of one table shares. */
interface TableFrame {
  readonly recording: ReplayRecording;
  readonly cursor: number;
  readonly timeUs: number;
  readonly snapshot: ClusterSnapshot;
  readonly nameWidth: number;
  readonly fields: readonly (typeof FIELD_COLUMNS)[number][];
  readonly restWidth: number;
}

/** The table at trace index `cursor`, `maxRows` rows at most, `width` columns wide. */
export function nodeTableView(
  recording: ReplayRecording,
  cursor: number,
  maxRows: number,
  width: number,
): NodeTableView {
  const { nodeIds, columns } = recording;
  const nameWidth = nodeIds.reduce((widest, id) => Math.max(widest, id.length), 4) + 1;
  const fields = FIELD_COLUMNS.filter(({ field }) => recording.summaries.hasField(field));
  const fieldsWidth = fields.reduce((sum, column) => sum + column.width, 0);
  const fixedWidth =
    MARKER_WIDTH + nameWidth + STATUS_WIDTH + NET_WIDTH + CLOCK_WIDTH + fieldsWidth;
  const frame: TableFrame = {
    recording,
    cursor,
    timeUs: columns.length === 0 ? 0 : columns.timeUs(cursor),
    snapshot: recording.cluster.at(cursor),
    nameWidth,
    fields,
    restWidth: Math.max(0, width - fixedWidth),
  };
  const heading = [
    " ".repeat(MARKER_WIDTH),
    fitWidth("node", nameWidth),
    fitWidth("status", STATUS_WIDTH),
    fitWidth("net", NET_WIDTH),
    fitWidth("clock", CLOCK_WIDTH),
    ...fields.map((column) => fitWidth(column.title, column.width)),
    fitWidth("summary", frame.restWidth),
  ].join("");
  const touched = columns.length === 0 ? [] : [columns.node(cursor), columns.peer(cursor)];
  const rows = nodeIds.slice(0, maxRows).map((node, index) => ({
    node,
    touched: touched.includes(index),
    cells: rowCells(frame, index),
  }));
  return { heading, rows, hidden: Math.max(0, nodeIds.length - maxRows) };
}

function rowCells(frame: TableFrame, node: number): NodeCell[] {
  const { recording, snapshot } = frame;
  const summary = recording.summaries.at(node, frame.cursor);
  const status = snapshot.statuses[node]!;
  const changed = recording.summaries.changedAt(node, frame.cursor);
  const clock = snapshot.clocks[node]!;
  const offsetUs = clockOffsetAt(snapshot, node, frame.timeUs);
  return [
    { column: "node", text: fitWidth(recording.nodeIds[node]!, frame.nameWidth), tone: "plain" },
    {
      column: "status",
      text: fitWidth(status === "crashed" ? "CRASHED" : status, STATUS_WIDTH),
      tone: status,
    },
    {
      column: "net",
      text: fitWidth(netText(snapshot.partition, recording.nodeIds, node), NET_WIDTH),
      tone: snapshot.partition.partitioned ? "paused" : "dim",
    },
    {
      column: "clock",
      text: fitWidth(formatOffset(offsetUs), CLOCK_WIDTH),
      tone: offsetUs === 0 && clock.driftPpm === 0 ? "dim" : "paused",
    },
    ...frame.fields.map((column) =>
      fieldCell(summary, column.field, column.width, status, changed),
    ),
    {
      column: "summary",
      text: fitWidth(restOf(summary, status), frame.restWidth),
      tone: changed ? "changed" : "plain",
    },
  ];
}

function netText(partition: PartitionView, nodeIds: readonly string[], node: number): string {
  if (!partition.partitioned) return "-";
  const group = partition.groups[node]!;
  const cutWithinGroup = partition.unreachable[node]!.some(
    (peer) => partition.groups[nodeIds.indexOf(peer)] === group,
  );
  return `${groupLetter(group)}${cutWithinGroup ? "*" : ""}`;
}

/** A summary value as a cell shows it: strings bare, everything else as `formatValue` does. */
function cellValue(value: unknown): string {
  return typeof value === "string" ? value : formatValue(value);
}

function fieldCell(
  summary: NodeSummary | undefined,
  field: string,
  width: number,
  status: NodeStatus,
  changed: boolean,
): NodeCell {
  const value = summary?.[field];
  const shown = value === undefined ? (status === "crashed" ? "-" : "") : cellValue(value);
  const text = `${fitWidth(shown, width - 1)} `;
  if (field === "role" && value === "leader") return { column: field, text, tone: "leader" };
  return { column: field, text, tone: changed ? "changed" : "plain" };
}

function restOf(summary: NodeSummary | undefined, status: NodeStatus): string {
  if (summary === undefined) return status === "crashed" ? "(crashed: no state)" : "";
  return Object.entries(summary)
    .filter(([key]) => !FIELD_COLUMNS.some((column) => column.field === key))
    .map(([key, value]) => `${key}=${cellValue(value)}`)
    .join(" ");
}
