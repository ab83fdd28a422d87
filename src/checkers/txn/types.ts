/**
 * The public shapes of transactional checking: which data model a history uses, which
 * consistency model it is judged against, the anomalies found and the verdict. Other parts
 * (the reference transactional system, Maelstrom's txn workloads, the CLI) depend on these
 * names; they follow Elle's so results read the same as Jepsen's.
 */
import type { ProcessId } from "../history.js";
import type { Value } from "../value.js";

/** The data model of the history: append-only lists, or read/write registers. */
export type TxnModel = "list-append" | "rw-register";

/** Every data model, for messages and validation. */
export const TXN_MODELS: readonly TxnModel[] = ["list-append", "rw-register"];

/**
 * A consistency model a history can be judged against. The `strong-session-` variants add
 * each process's own order (process edges); `strict-serializable` and
 * `strong-snapshot-isolation` add real-time order (real-time edges).
 */
export type ConsistencyModel =
  | "strict-serializable"
  | "serializable"
  | "snapshot-isolation"
  | "repeatable-read"
  | "read-committed"
  | "read-uncommitted"
  | "strong-session-serializable"
  | "strong-session-snapshot-isolation"
  | "strong-snapshot-isolation";

/** Options of `checkTransactions`. */
export interface TxnCheckOptions {
  /** How the micro-operations are read: list appends or register writes. */
  readonly model: TxnModel;
  /** The model that decides the verdict; `serializable` when absent. */
  readonly consistency?: ConsistencyModel;
  /** Polled during the search; answering true ends it with an `unknown` verdict (unless a violation is already found). */
  readonly shouldStop?: () => boolean;
}

/** A micro-operation's function: append to a list, read, or write a register. */
export type MicroOpFunction = "append" | "r" | "w";

/** One micro-operation: `["append", k, v]`, `["r", k, value]` or `["w", k, v]`. */
export type MicroOp = readonly [f: MicroOpFunction, key: Value, value: Value];

/** A transaction as the history shows it, for explanations and reports. */
export interface TxnRef {
  /** Its name in explanations: `T` and this number (1-based, in order of invocation). */
  readonly id: number;
  /** The process that ran it. */
  readonly process: ProcessId;
  /** How it ended: `ok`, `fail`, or `info` (unknown, including never completed). */
  readonly status: "ok" | "fail" | "info";
  /** Its micro-operations: as completed for `ok`, as invoked otherwise. */
  readonly ops: readonly MicroOp[];
  /** The 0-based index of its invoke event in the history. */
  readonly invokeIndex: number;
  /** The 0-based index of its completion event, when it has one. */
  readonly completeIndex?: number;
}

/** Why one transaction must precede another in every serial order a model allows. */
export type TxnEdgeType = "ww" | "wr" | "rw" | "process" | "realtime";

/** One edge of a dependency cycle, with the reason for it in words. */
export interface TxnCycleStep {
  /** The transaction that must come first. */
  readonly from: TxnRef;
  /** The transaction that must come after it. */
  readonly to: TxnRef;
  /** The kind of dependency. */
  readonly edge: TxnEdgeType;
  /** The key the dependency is about (absent for process and real-time edges). */
  readonly key?: Value;
  /** The reason, citing what the history shows, e.g. "T2 read x = [1 2], so it saw T1's append of 2". */
  readonly explanation: string;
}

/** One anomaly found in a history. */
export interface TxnAnomaly {
  /**
   * Elle's name: `G0`, `G1a`, `G1b`, `G1c`, `G-single`, `G-nonadjacent`, `G2-item`,
   * `internal`, `incompatible-order`, `duplicate-elements`; cycle anomalies that need process
   * or real-time edges carry a `-process` or `-realtime` suffix.
   */
  readonly type: string;
  /** For cycle anomalies: the cycle, each step leading to the next, the last back to the first. */
  readonly cycle?: readonly TxnCycleStep[];
  /** For other anomalies: the transactions involved. */
  readonly ops?: readonly TxnRef[];
  /** The anomaly in words a person can check against the history. */
  readonly explanation: string;
}

/**
 * The outcome: `valid` when the chosen model rules out none of the anomalies found,
 * `violation` when it rules out at least one, `unknown` when the search stopped early
 * (`reason` says why) without finding one.
 */
export type TxnCheckResult = {
  readonly verdict: "valid" | "violation" | "unknown";
  /** Every anomaly found, whichever models rule it out. */
  readonly anomalies: readonly TxnAnomaly[];
  /** Every supported consistency model the anomalies rule out, strongest first. */
  readonly notModels: readonly ConsistencyModel[];
  /** Why the verdict is unknown. */
  readonly reason?: string;
};
