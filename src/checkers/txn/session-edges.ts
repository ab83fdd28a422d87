/**
 * Process and real-time order as graph edges, for the models that need them.
 *
 * Process edges link each committed transaction to the next transaction its process
 * invoked. Nothing leaves an `info` transaction: it may take effect at any time after its
 * invocation.
 *
 * Real-time order ("T1 completed before T2 was invoked") would need up to n² edges; it is
 * kept linear with a chain of virtual nodes, one per `ok` completion in history order:
 * T1 -> its completion node -> the next completion node -> ... -> T2 for every T2 invoked
 * after that completion. A path through virtual nodes between two transactions is exactly
 * one real-time edge; the cycle search contracts such paths back into one step.
 */
import type { ProcessId } from "../history.js";
import { EdgeKind, type EdgeList } from "./edge-list.js";
import type { TransactionHistory } from "./transactions.js";

/** Adds process-order edges between transaction indexes. */
export function addProcessEdges(history: TransactionHistory, edges: EdgeList): void {
  const last = new Map<ProcessId, number>();
  for (const txn of history.transactions) {
    const previous = last.get(txn.process);
    if (previous !== undefined && history.transactions[previous]!.status === "ok") {
      edges.add(previous, txn.index, EdgeKind.process);
    }
    last.set(txn.process, txn.index);
  }
}

/**
 * Adds real-time edges through virtual nodes numbered from the transaction count up, and
 * returns the total node count (transactions plus virtual nodes).
 */
export function addRealtimeEdges(history: TransactionHistory, edges: EdgeList): number {
  const { transactions, eventCount } = history;
  // Event position -> (txn * 2) for an invoke, (txn * 2 + 1) for an ok completion; -1 otherwise.
  const events = new Int32Array(eventCount).fill(-1);
  for (const txn of transactions) {
    events[txn.invokeIndex] = txn.index * 2;
    if (txn.status === "ok" && txn.completeIndex !== undefined) {
      events[txn.completeIndex] = txn.index * 2 + 1;
    }
  }
  let nextNode = transactions.length;
  let lastCompletion = -1;
  for (let position = 0; position < eventCount; position++) {
    const code = events[position]!;
    if (code < 0) continue;
    const txn = code >> 1;
    if ((code & 1) === 0) {
      if (lastCompletion >= 0) edges.add(lastCompletion, txn, EdgeKind.realtime);
      continue;
    }
    const node = nextNode++;
    edges.add(txn, node, EdgeKind.realtime);
    if (lastCompletion >= 0) edges.add(lastCompletion, node, EdgeKind.realtime);
    lastCompletion = node;
  }
  return nextNode;
}
