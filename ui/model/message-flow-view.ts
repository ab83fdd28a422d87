/**
 * The message-flow panel (toggled with `m`): the last messages that arrived (or were
 * dropped) up to the cursor, each drawn as an arrow between node columns, as a compact
 * text form of the report's message diagram. One column per node and one for all clients;
 * `─label─>` is a delivery, `─label─✕` a drop; the row of the event under the cursor is
 * marked `>`.
 */
import { dropReasonName, TraceKind } from "../../src/sim/trace.js";
import type { ReplayRecording } from "../recording/replay-recording.js";
import { fitWidth } from "./fit-text.js";
import { formatClockTime } from "./format-time.js";

/** The panel, ready to draw. */
export interface MessageFlowView {
  readonly title: string;
  /** The column labels, aligned with the arrows. */
  readonly header: string;
  readonly lines: readonly string[];
}

/** Width of the time column (`  0.031485s `). */
const TIME_WIDTH = 12;
/** How far back from the cursor the panel looks for messages, in trace events. */
const LOOKBACK_EVENTS = 5_000;

const ARRIVALS = new Set<number>([
  TraceKind.deliver,
  TraceKind.drop,
  TraceKind.clientDeliver,
  TraceKind.clientResponse,
]);
const SENDS = new Map<number, string>([
  [TraceKind.send, "m"],
  [TraceKind.clientRequest, "q"],
  [TraceKind.clientReply, "r"],
]);

const labelCache = new WeakMap<ReplayRecording, Map<string, string>>();

/** The message type of every send, by message key (`m12`, `q7`, `r7`), computed once per recording. */
function sendLabels(recording: ReplayRecording): Map<string, string> {
  let labels = labelCache.get(recording);
  if (labels !== undefined) return labels;
  labels = new Map();
  const { trace } = recording;
  for (let index = 0; index < trace.length; index++) {
    const prefix = SENDS.get(recording.columns.kind(index));
    if (prefix === undefined) continue;
    const event = trace.event(index);
    labels.set(`${prefix}${event.detail}`, typeOf(event.payload));
  }
  labelCache.set(recording, labels);
  return labels;
}

function typeOf(payload: unknown): string {
  if (typeof payload !== "object" || payload === null) return "msg";
  const { type, f } = payload as { type?: unknown; f?: unknown };
  return typeof type === "string" ? type : typeof f === "string" ? f : "msg";
}

function messageKey(recording: ReplayRecording, index: number, detail: number): string {
  const kind = recording.columns.kind(index);
  if (kind === TraceKind.clientDeliver) return `q${detail}`;
  if (kind === TraceKind.clientResponse) return `r${detail}`;
  if (kind === TraceKind.drop) {
    const nodes = recording.nodeIds.length;
    if (recording.columns.node(index) >= nodes) return `q${detail}`;
    if (recording.columns.peer(index) >= nodes) return `r${detail}`;
  }
  return `m${detail}`;
}

/** One arrow from column `from` to column `to` on a canvas of `width` characters. */
function arrow(canvas: string[], from: number, to: number, label: string, dropped: boolean) {
  const step = from < to ? 1 : -1;
  const end = dropped ? from + Math.trunc((to - from) / 2) || to : to;
  for (let x = from; x !== end; x += step) canvas[x] = "─";
  canvas[from] = "•";
  canvas[end] = dropped ? "✕" : step === 1 ? ">" : "<";
  const span = Math.abs(end - from) - 1;
  if (span >= label.length + 2) {
    const start = Math.min(from, end) + 1 + Math.floor((span - label.length) / 2);
    for (let i = 0; i < label.length; i++) canvas[start + i] = label[i]!;
  }
}

/** The panel for the cursor at `cursor`, in `rows` lines of `width` columns. */
export function messageFlowView(
  recording: ReplayRecording,
  cursor: number,
  rows: number,
  width: number,
): MessageFlowView {
  const nodes = recording.nodeIds.length;
  const columns = nodes + 1;
  const cell = Math.max(4, Math.floor((width - TIME_WIDTH) / columns));
  const center = (column: number) => column * cell + Math.floor(cell / 2);
  const columnOf = (endpoint: number) => (endpoint < nodes ? endpoint : nodes);
  const labels = sendLabels(recording);
  const found: number[] = [];
  const stop = Math.max(0, cursor - LOOKBACK_EVENTS);
  for (let index = cursor; index >= stop && found.length < rows; index--)
    if (ARRIVALS.has(recording.columns.kind(index))) found.push(index);
  const lines = found.reverse().map((index) => {
    const event = recording.trace.event(index);
    const from = center(columnOf(recording.columns.node(index)));
    const to = center(columnOf(recording.columns.peer(index)));
    const canvas = Array.from({ length: columns * cell }, (_, x) =>
      x % cell === Math.floor(cell / 2) ? "│" : " ",
    );
    const dropped = event.kind === "drop";
    const label = labels.get(messageKey(recording, index, event.detail)) ?? event.kind;
    const text = dropped ? `${label} (${dropReasonName(event.digest) ?? "drop"})` : label;
    if (from !== to) arrow(canvas, from, to, text, dropped);
    const mark = index === cursor ? ">" : " ";
    return fitWidth(
      `${mark}${formatClockTime(event.timeUs).padStart(TIME_WIDTH - 2)} ${canvas.join("")}`,
      width,
    );
  });
  const header = [...recording.nodeIds, "clients"]
    .map((name) =>
      name
        .slice(0, cell - 1)
        .padStart(Math.floor(cell / 2) + Math.ceil(Math.min(name.length, cell - 1) / 2))
        .padEnd(cell),
    )
    .join("");
  return {
    title: fitWidth(
      `Message flow | last ${lines.length} arrivals up to #${cursor} | m: hide`,
      width,
    ),
    header: fitWidth(`${" ".repeat(TIME_WIDTH)}${header}`, width),
    lines,
  };
}
