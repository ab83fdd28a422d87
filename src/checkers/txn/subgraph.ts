/**
 * One strongly connected component copied out as a small graph of its own, with local
 * node numbers, so the cycle searches run on arrays the size of the component rather than
 * of the whole history. Each local edge remembers its slot in the whole graph (for keys and
 * details) and each local node its global number.
 */
import type { Graph } from "./edge-list.js";

/** A component as a graph over local nodes `0..nodeCount-1`. */
export interface Subgraph extends Graph {
  /** Local node -> node of the whole graph. */
  readonly globalNode: Int32Array;
  /** Local edge slot -> edge slot of the whole graph. */
  readonly globalEdge: Int32Array;
}

/**
 * Copies the component `members` (whose nodes have `componentOf` equal to `id`) out of
 * `graph`, keeping the edges in `mask`. `localIndex` is scratch of the whole graph's size.
 */
export function extractSubgraph(
  graph: Graph,
  members: Int32Array,
  componentOf: Int32Array,
  id: number,
  mask: number,
  localIndex: Int32Array,
): Subgraph {
  const { offsets, targets, kinds, keys, details } = graph;
  const nodeCount = members.length;
  const sorted = members.slice().sort();
  for (let local = 0; local < nodeCount; local++) localIndex[sorted[local]!] = local;
  const localOffsets = new Int32Array(nodeCount + 1);
  const slots: number[] = [];
  for (let local = 0; local < nodeCount; local++) {
    const node = sorted[local]!;
    for (let edge = offsets[node]!; edge < offsets[node + 1]!; edge++) {
      if ((kinds[edge]! & mask) !== 0 && componentOf[targets[edge]!] === id) slots.push(edge);
    }
    localOffsets[local + 1] = slots.length;
  }
  const globalEdge = Int32Array.from(slots);
  const localTargets = new Int32Array(slots.length);
  const localKinds = new Uint8Array(slots.length);
  const localKeys = new Int32Array(slots.length);
  const localDetails = new Int32Array(slots.length);
  for (let slot = 0; slot < slots.length; slot++) {
    const edge = globalEdge[slot]!;
    localTargets[slot] = localIndex[targets[edge]!]!;
    localKinds[slot] = kinds[edge]!;
    localKeys[slot] = keys[edge]!;
    localDetails[slot] = details[edge]!;
  }
  return {
    nodeCount,
    offsets: localOffsets,
    targets: localTargets,
    kinds: localKinds,
    keys: localKeys,
    details: localDetails,
    globalNode: sorted,
    globalEdge,
  };
}
