/**
 * The history model: what clients did, as a sequence of events in real-time order, with
 * Jepsen's semantics. Every importer produces this shape, and the simulator's workload
 * layer records it in memory, so the checker never needs to know where a history came from.
 */
import type { Value } from "./value.js";

/**
 * What an event reports, as in Jepsen:
 * - `invoke`: a process started an operation;
 * - `ok`: it completed and took effect between its invocation and this completion;
 * - `fail`: it completed and certainly did not take effect;
 * - `info`: its outcome is unknown: it may or may not take effect, at any time after its
 *   invocation (an invocation never completed means the same).
 */
export type EventType = "invoke" | "ok" | "fail" | "info";

/** The event types, in a fixed order (for messages and validation). */
export const EVENT_TYPES: readonly EventType[] = ["invoke", "ok", "fail", "info"];

/** Who performed an event: a client id (a number in Jepsen, or any string). */
export type ProcessId = number | string;

/**
 * One history event.
 *
 * @example
 * ```ts
 * const events: HistoryEvent[] = [
 *   { process: 0, type: "invoke", f: "write", value: 1 },
 *   { process: 0, type: "ok", f: "write", value: 1 },
 * ];
 * ```
 */
export interface HistoryEvent {
  /** The client that performed it; a process has at most one operation outstanding. */
  readonly process: ProcessId;
  /** What the event reports. */
  readonly type: EventType;
  /** The operation's function: `read`, `write`, `cas`, `get`, `put`, `append`, ... */
  readonly f: string;
  /** The key the operation touches, for keyed models such as `kv`. */
  readonly key?: Value;
  /** The input on `invoke`, the result on completion (`null` when there is none). */
  readonly value?: Value;
  /** When it happened, in any unit; informative only: the order of events is the truth. */
  readonly time?: number;
}

/** Where each event came from, so errors can name the file and line. */
export interface HistorySource {
  /** The file name as the user gave it. */
  readonly file: string;
  /** The 1-based line number of each event, parallel to the events. */
  readonly lines: readonly number[];
}

/** A history with the place each event came from. */
export interface SourcedHistory {
  /** The events in real-time order. */
  readonly events: readonly HistoryEvent[];
  /** Where they were read from; absent for histories built in memory. */
  readonly source?: HistorySource;
}
