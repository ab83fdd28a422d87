/**
 * A key's preference list: the N nodes that hold its replicas. The key's hash picks a
 * starting node in the cluster's natural order and the list takes the next N nodes from
 * there, wrapping around, so every node computes the same list for a key.
 */
import { assert } from "../../../sim/assert.js";
import { digestValue } from "../../../sim/digest.js";
import type { NodeId } from "../../../sim/node-api.js";

/**
 * The `replicas` nodes that hold `key`.
 *
 * @example
 * ```ts
 * preferenceList("x", ["n1", "n2", "n3", "n4"], 3); // e.g. ["n3", "n4", "n1"]
 * ```
 */
export function preferenceList(key: string, order: readonly NodeId[], replicas: number): NodeId[] {
  assert(
    replicas <= order.length,
    `replicas (N = ${replicas}) exceeds the cluster size (${order.length}): lower replicas or add nodes`,
  );
  const start = digestValue(key) % order.length;
  return Array.from({ length: replicas }, (_, i) => order[(start + i) % order.length]!);
}
