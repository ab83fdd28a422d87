/**
 * An operation: an invocation paired with its completion. This is what models and the
 * search work on; events are only the way histories are written down.
 */
import type { ProcessId } from "./history.js";
import type { Value } from "./value.js";

/**
 * How an operation ended:
 * - `ok`: it took effect between its invocation and its completion;
 * - `fail`: it did not take effect (it constrains nothing and is left out of the search);
 * - `info`: unknown: it may take effect at any time after its invocation, or never. An
 *   invocation that was never completed is `info` too.
 */
export type OperationStatus = "ok" | "fail" | "info";

/** One operation of a history. */
export interface Operation {
  /** Its position among the history's operations, in order of invocation (0-based). */
  readonly id: number;
  /** The process that performed it. */
  readonly process: ProcessId;
  /** The function: `read`, `write`, `cas`, ... */
  readonly f: string;
  /** The key, for keyed models. */
  readonly key?: Value;
  /** The invocation's value. */
  readonly input: Value;
  /** The completion's value (`null` when the status is not `ok`). */
  readonly output: Value;
  /** How it ended. */
  readonly status: OperationStatus;
  /** Index of the invoke event in the history. */
  readonly invokeIndex: number;
  /** Index of the completion event; absent when it never completed. */
  readonly completeIndex?: number;
  /** Source line of the invocation, when read from a file. */
  readonly invokeLine?: number;
  /** Source line of the completion, when read from a file. */
  readonly completeLine?: number;
  /** The invocation's `time`, when the history has times. */
  readonly invokeTime?: number;
  /** The completion's `time`, when the history has times. */
  readonly completeTime?: number;
}

/** `p3`, or the process name for named processes. */
export function formatProcess(process: ProcessId): string {
  return typeof process === "number" ? `p${process}` : String(process);
}
