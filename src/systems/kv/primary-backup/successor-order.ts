/**
 * The fixed successor order of primaries. Epochs are numbered from 1, and epoch `e` can
 * only ever have one primary: the node at position `(e - 1) mod n` in the cluster's natural
 * order. So two nodes never compete for the same epoch, and when the primary of epoch `e`
 * fails, the next epochs belong to its successors in turn.
 */
import { assert } from "../../../sim/assert.js";
import type { NodeId } from "../../../sim/node-api.js";

/** The only node that may be primary in `epoch`. */
export function designatedPrimary(order: readonly NodeId[], epoch: number): NodeId {
  assert(Number.isSafeInteger(epoch) && epoch >= 1, `epochs start at 1, got ${epoch}`);
  return order[(epoch - 1) % order.length]!;
}

/**
 * The smallest epoch above `after` whose designated primary is `node`.
 *
 * @example
 * ```ts
 * nextEpochOf(["n1", "n2", "n3"], "n2", 3); // 5
 * ```
 */
export function nextEpochOf(order: readonly NodeId[], node: NodeId, after: number): number {
  const index = order.indexOf(node);
  assert(index >= 0, `${node} is not in the cluster order`);
  const n = order.length;
  const epoch = after + 1 + ((((index - after) % n) + n) % n);
  assert(designatedPrimary(order, epoch) === node && epoch > after, "nextEpochOf is wrong");
  return epoch;
}
