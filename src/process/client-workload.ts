/**
 * What the process harness's clients need from a workload: the next operation to invoke,
 * the request body for it, the history event its answer makes, the final operations after
 * healing, and the check of the whole history. The Maelstrom workloads (src/maelstrom)
 * are adapted to this shape by `process-workloads.ts`; nothing here knows a workload.
 */
import type { Value } from "../checkers/value.js";
import type { RecordedHistoryEvent } from "../recording/recording.js";

/** An operation a client invokes: the history's `f`, and its `key` and `value` if any. */
export interface ClientInvocation {
  readonly f: string;
  readonly key?: Value;
  readonly value?: Value;
}

/** How an operation ended, from its answer. */
export interface ClientCompletion {
  readonly type: "ok" | "fail" | "info";
  /** The result (`null` when there is none). */
  readonly value?: Value;
  /** Why it failed or ended unknown. */
  readonly error?: string;
}

/** A request body without `msg_id` (the client adds it). */
export type RequestBody = { readonly type: string } & Readonly<Record<string, unknown>>;

/** The verdict of a workload's checker on a process run's history. */
export interface ClientCheck {
  readonly valid: boolean | "unknown";
  /** Anomalies by name (`lost`, `stale-read`, ...), for `--json`. */
  readonly anomalies: readonly string[];
  /** The explanation a person can act on. */
  readonly explanation: string;
}

/** One workload, as the clients of one trial drive it. */
export interface ClientWorkload {
  /** Requests sent once to each node before the workload starts (e.g. broadcast's topology). */
  setupRequests(node: string): readonly RequestBody[];
  /** The next operation of the main phase, or `undefined` when the generator is done. */
  nextInvocation(): ClientInvocation | undefined;
  /** The operations each client performs once after healing; empty when there is no final phase. */
  finalInvocations(): readonly ClientInvocation[];
  /** The request that performs `invocation`. */
  request(invocation: ClientInvocation): RequestBody;
  /** The completion an answer body makes. */
  complete(invocation: ClientInvocation, reply: RequestBody): ClientCompletion;
  /** Whether `f` can be retried safely: a timeout then counts as `fail`, not `info`. */
  idempotent(f: string): boolean;
  /** Checks the whole history. */
  check(history: readonly RecordedHistoryEvent[]): ClientCheck;
}
