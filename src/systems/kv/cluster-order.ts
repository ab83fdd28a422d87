/**
 * The cluster's node names in one order that every node computes alike from its own id and
 * its peers: natural order (shorter names first, then by text), so `n2` comes before `n10`.
 * KV systems use it to pick a fixed server, a fixed successor order, or a key's replicas.
 */
import type { NodeId } from "../../sim/node-api.js";

/** Compares two node names in natural order. */
export function compareNodeIds(a: NodeId, b: NodeId): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every node of the cluster (`self` and its peers) in natural order.
 *
 * @example
 * ```ts
 * clusterOrder("n10", ["n2", "n1"]); // ["n1", "n2", "n10"]
 * ```
 */
export function clusterOrder(self: NodeId, peers: readonly NodeId[]): NodeId[] {
  return [self, ...peers].sort(compareNodeIds);
}
