/**
 * The message diagram's data, computed from a recording: one column per node and per
 * client thread, every message as a compact row (times, columns, type, outcome, body), the
 * nodes' crashes and pauses, and the window around the failure that the page shows first.
 * Message bodies are cut to a bounded length so a long run's page stays small.
 */
import type { RecordedMessage, Recording } from "../recording/recording.js";
import { shortJson } from "./format.js";

/** Longest message body kept for hovering, in characters. */
export const BODY_CHARS = 160;

/** How a message ended. */
export const MESSAGE_DELIVERED = 0;
/** Dropped (partition, loss, crashed receiver, ...). */
export const MESSAGE_DROPPED = 1;
/** Still in flight when the run ended. */
export const MESSAGE_IN_FLIGHT = 2;

/**
 * One message, as the page reads it:
 * `[sentUs, endUs, fromColumn, toColumn, typeIndex, outcome, sentEvent, dropReasonIndex]`;
 * `endUs` is the delivery or drop time (the run's end while in flight).
 */
export type MessageRow = readonly [number, number, number, number, number, number, number, number];

/** A span of virtual time, in microseconds. */
export interface TimeWindow {
  readonly startUs: number;
  readonly endUs: number;
}

/** A node's crash or pause, as a span on its line. */
export interface NodeSpan {
  readonly column: number;
  readonly kind: "crashed" | "paused";
  readonly startUs: number;
  readonly endUs: number;
}

/** Everything the message diagram draws. */
export interface MessageDiagramData {
  /** Column labels: the nodes, then the client threads. */
  readonly columns: readonly string[];
  /** How many columns are nodes. */
  readonly nodeColumns: number;
  readonly types: readonly string[];
  readonly dropReasons: readonly string[];
  readonly messages: readonly MessageRow[];
  /** The bodies, parallel to `messages`. */
  readonly bodies: readonly string[];
  readonly spans: readonly NodeSpan[];
  /** Log lines and failures on nodes: `[timeUs, column, text]`. */
  readonly notes: readonly (readonly [number, number, string])[];
  readonly window: TimeWindow;
  readonly durationUs: number;
}

/** The column of a client endpoint: its thread (`c2` for process 12 of 5 threads). */
export function clientColumnName(endpoint: string, concurrency: number | undefined): string {
  const match = /^c(\d+)$/.exec(endpoint);
  if (match === null || concurrency === undefined) return endpoint;
  return `c${Number(match[1]) % concurrency}`;
}

function columnsOf(recording: Recording): { names: string[]; index: Map<string, number> } {
  const names = [...recording.nodes];
  const index = new Map(names.map((name, position) => [name, position]));
  const clients = new Set(recording.clients.map((c) => clientColumnName(c, recording.concurrency)));
  const sorted = [...clients].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const client of sorted) {
    index.set(client, names.length);
    names.push(client);
  }
  for (const client of recording.clients)
    index.set(client, index.get(clientColumnName(client, recording.concurrency))!);
  return { names, index };
}

/** A message's type for coloring: the body's `type`, or its `f` for a client request. */
export function messageType(body: unknown): string {
  if (typeof body !== "object" || body === null) return "message";
  const { type, f } = body as { type?: unknown; f?: unknown };
  if (typeof type === "string") return type;
  if (typeof f === "string") return f;
  return "message";
}

class Interner {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();
  of(value: string): number {
    let index = this.#index.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.#index.set(value, index);
    }
    return index;
  }
}

function messageRow(
  message: RecordedMessage,
  columns: Map<string, number>,
  types: Interner,
  reasons: Interner,
  durationUs: number,
): MessageRow | undefined {
  const from = columns.get(message.from);
  const to = columns.get(message.to);
  if (from === undefined || to === undefined) return undefined;
  const outcome =
    message.deliveredUs !== undefined
      ? MESSAGE_DELIVERED
      : message.dropped !== undefined
        ? MESSAGE_DROPPED
        : MESSAGE_IN_FLIGHT;
  const endUs = message.deliveredUs ?? (outcome === MESSAGE_DROPPED ? message.sentUs : durationUs);
  const reason = message.dropped === undefined ? -1 : reasons.of(message.dropped);
  return [
    message.sentUs,
    endUs,
    from,
    to,
    types.of(messageType(message.body)),
    outcome,
    message.sentEvent ?? -1,
    reason,
  ];
}

function nodeSpans(recording: Recording, columns: Map<string, number>): NodeSpan[] {
  const spans: NodeSpan[] = [];
  const open = new Map<string, { kind: NodeSpan["kind"]; startUs: number }>();
  for (const event of recording.nodeEvents) {
    const column = columns.get(event.node);
    if (column === undefined) continue;
    if (event.kind === "crash" || event.kind === "pause") {
      open.set(event.node, {
        kind: event.kind === "crash" ? "crashed" : "paused",
        startUs: event.timeUs,
      });
    } else if (event.kind === "restart" || event.kind === "resume") {
      const span = open.get(event.node);
      open.delete(event.node);
      if (span !== undefined) spans.push({ column, ...span, endUs: event.timeUs });
    }
  }
  for (const [node, span] of open)
    spans.push({ column: columns.get(node)!, ...span, endUs: recording.durationUs });
  return spans;
}

/**
 * The diagram's data for `recording`, showing `window` first.
 *
 * @example
 * ```ts
 * const diagram = messageDiagramData(recording, { startUs: 4_900_000, endUs: 5_100_000 });
 * ```
 */
export function messageDiagramData(recording: Recording, window: TimeWindow): MessageDiagramData {
  const { names, index } = columnsOf(recording);
  const types = new Interner();
  const reasons = new Interner();
  const messages: MessageRow[] = [];
  const bodies: string[] = [];
  for (const message of recording.messages) {
    const row = messageRow(message, index, types, reasons, recording.durationUs);
    if (row === undefined) continue;
    messages.push(row);
    bodies.push(shortJson(message.body, BODY_CHARS));
  }
  const notes = recording.nodeEvents
    .filter((event) => (event.kind === "log" || event.kind === "failure") && index.has(event.node))
    .map((event) => [event.timeUs, index.get(event.node)!, event.text ?? event.kind] as const);
  return {
    columns: names,
    nodeColumns: recording.nodes.length,
    types: types.values,
    dropReasons: reasons.values,
    messages,
    bodies,
    spans: nodeSpans(recording, index),
    notes,
    window,
    durationUs: recording.durationUs,
  };
}
