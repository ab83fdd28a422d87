/**
 * A Maelstrom workload, independent of how nodes run: the options it reads (Maelstrom's
 * flag names), the setup messages (e.g. `topology`), the client operations drawn from a
 * seeded stream, the request body for an operation and the node it goes to, how a reply
 * or error becomes `ok` / `fail` / `info`, the final operations after healing, and the
 * checker over the recorded history. The simulation's clients and the process mode's
 * clients both drive workloads through this interface, so one definition serves both.
 */
import type { ObservedEvent } from "../checkers/event-pairs.js";
import type { Value } from "../checkers/value.js";
import type { HistoryVerdict } from "../checkers/verdict.js";
import type { MaelstromBody } from "./protocol.js";
import type { RandomSource } from "./random-source.js";
import type { TopologyName } from "./topology.js";

/** The options a workload may read, named after Maelstrom's `test` flags. */
export interface MaelstromOptions {
  /** The nodes under test, in order (`n1`, `n2`, ...). */
  readonly nodeIds: readonly string[];
  /** `--rate`: client operations per second, all clients together. */
  readonly rate: number;
  /** `--concurrency`: client processes (Maelstrom's default: the node count). */
  readonly concurrency: number;
  /** `--key-count`: keys in play at once (lin-kv, txn-*, kafka). */
  readonly keyCount: number;
  /** `--max-txn-length`: most micro-operations in a transaction. */
  readonly maxTxnLength: number;
  /** `--max-writes-per-key`: writes (appends) a key gets before a fresh key replaces it. */
  readonly maxWritesPerKey: number;
  /** `--topology`: the broadcast topology. */
  readonly topology: TopologyName;
  /** `--consistency-models`: what the txn workloads are judged against. */
  readonly consistencyModels: readonly string[];
}

/** Maelstrom's defaults for the options (the node list and concurrency come from the test). */
export const DEFAULT_MAELSTROM_OPTIONS: Omit<MaelstromOptions, "nodeIds" | "concurrency"> = {
  rate: 5,
  keyCount: 5,
  maxTxnLength: 4,
  maxWritesPerKey: 16,
  topology: "grid",
  consistencyModels: ["strict-serializable"],
};

/** A client operation, in the history's vocabulary (`f`, and `value` as invoked). */
export interface MaelstromOp {
  readonly f: string;
  readonly value: Value;
  /** The key, for keyed workloads (lin-kv). */
  readonly key?: Value;
  /** Set on the final operations after healing (final reads). */
  readonly final?: boolean;
}

/** How an operation ended. */
export interface Completion {
  readonly type: "ok" | "fail" | "info";
  /** The value recorded on the completion (a read's result; the invoked value otherwise). */
  readonly value: Value;
  /** Why it failed or may not have happened (an error name and text). */
  readonly error?: string;
}

/** A recorded history event of a Maelstrom workload. */
export interface MaelstromEvent extends ObservedEvent {
  readonly process: number;
  readonly value: Value;
  /** When it happened, in microseconds (virtual in the simulation, real in process mode). */
  readonly time: number;
  readonly error?: string;
}

/** A message the harness sends before the clients start. */
export interface SetupMessage {
  readonly dest: string;
  readonly body: MaelstromBody;
}

/** A final operation and the node it must go to. */
export interface FinalOp {
  readonly node: string;
  readonly op: MaelstromOp;
}

/** Draws client operations. */
export interface OpGenerator {
  /** The next operation of `process`. */
  next(random: RandomSource, process: number): MaelstromOp;
  /** Hears how an operation ended (e.g. kafka clients move their poll offsets). */
  observe?(process: number, op: MaelstromOp, completion: Completion): void;
}

/** What a workload's checker says (a value checker's verdict). */
export type MaelstromCheckResult = HistoryVerdict;

/** A Maelstrom workload. */
export interface MaelstromWorkload {
  /** Maelstrom's name for it (`-w`), e.g. `broadcast`. */
  readonly name: string;
  /** One line saying what it tests. */
  readonly summary: string;
  /** The options (by Maelstrom's flag names, e.g. `topology`) it reads. */
  readonly flags: readonly string[];
  /** Messages each node gets after `init`, before the clients start. */
  setup(options: MaelstromOptions): readonly SetupMessage[];
  /** A fresh operation generator for one run. */
  generator(options: MaelstromOptions): OpGenerator;
  /** The request body (without `msg_id`) for an operation. */
  request(op: MaelstromOp): MaelstromBody;
  /** How a reply body (or an error body) ends the operation. */
  complete(op: MaelstromOp, reply: MaelstromBody): Completion;
  /** How an operation that got no reply within the client's timeout ends. */
  timedOut(op: MaelstromOp): Completion;
  /** The operations after healing (e.g. a final read on every node). */
  finalOps(options: MaelstromOptions): readonly FinalOp[];
  /** Judges a recorded history. */
  check(history: readonly MaelstromEvent[], options: MaelstromOptions): MaelstromCheckResult;
}

/** The node a process talks to: process p to node p mod n, as Maelstrom's clients do. */
export function nodeOfProcess(options: MaelstromOptions, process: number): string {
  return options.nodeIds[process % options.nodeIds.length]!;
}
