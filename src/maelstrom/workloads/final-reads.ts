/**
 * Helpers several workloads share: a final read on every node after healing, and a
 * weighted choice between operation kinds.
 */
import type { RandomSource } from "../random-source.js";
import type { FinalOp, MaelstromOp, MaelstromOptions } from "../workload.js";

/** One final `read` on every node, as Maelstrom's `each-thread` final generator gives. */
export function finalReadOnEveryNode(options: MaelstromOptions): FinalOp[] {
  return options.nodeIds.map((node) => ({ node, op: { f: "read", value: null, final: true } }));
}

/** A read operation (its value is what it returns). */
export const READ_OP: MaelstromOp = { f: "read", value: null };

/** True with probability `chance`. */
export function chance(random: RandomSource, probability: number): boolean {
  return random.next() < probability;
}
