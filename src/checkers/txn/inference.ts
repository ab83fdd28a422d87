/**
 * What a data model's inference yields: the anomalies it sees directly (not cycles), the
 * edges it added to the graph, and the words for each of those edges when a cycle needs
 * explaining. `list-append.ts` and `rw-register.ts` implement it.
 */
import type { Value } from "../value.js";
import type { Transaction } from "./transactions.js";
import type { TxnAnomaly, TxnRef } from "./types.js";

/** The result of inferring dependencies from a history. */
export interface Inference {
  /** Anomalies visible without a cycle: G1a, G1b, internal, incompatible-order, duplicate-elements. */
  readonly anomalies: readonly TxnAnomaly[];
  /** Why the data edge `from -> to` of `kind` (an `EdgeKind` bit) on key id `key` holds. */
  explainEdge(
    kind: number,
    from: Transaction,
    to: Transaction,
    key: number,
    detail: number,
  ): string;
  /** The value of key id `key`. */
  keyValue(key: number): Value;
}

/** A transaction's name in explanations: `T7`. */
export function txnName(txn: TxnRef): string {
  return `T${txn.id}`;
}
