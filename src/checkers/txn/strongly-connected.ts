/**
 * Tarjan's strongly connected components, iterative (no recursion, so a million-node graph
 * cannot overflow the stack), over the edges whose kind is in a mask. Only components with
 * more than one node can hold a cycle (the graph has no self-edges), so only those are kept.
 */
import type { Graph } from "./edge-list.js";

/** The components with two or more nodes, and each node's component (-1 for the rest). */
export interface Components {
  readonly components: readonly Int32Array[];
  readonly componentOf: Int32Array;
}

/** Finds the strongly connected components of `graph` restricted to edges in `mask`. */
export function stronglyConnected(graph: Graph, mask: number): Components {
  const { nodeCount, offsets, targets, kinds } = graph;
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack = new Int32Array(nodeCount);
  const callNode = new Int32Array(nodeCount);
  const callEdge = new Int32Array(nodeCount);
  const componentOf = new Int32Array(nodeCount).fill(-1);
  const components: Int32Array[] = [];
  let stackSize = 0;
  let counter = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = offsets[root]!;
    index[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const node = callNode[depth]!;
      const edge = callEdge[depth]!;
      if (edge < offsets[node + 1]!) {
        callEdge[depth] = edge + 1;
        if ((kinds[edge]! & mask) === 0) continue;
        const next = targets[edge]!;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack[stackSize++] = next;
          onStack[next] = 1;
          depth++;
          callNode[depth] = next;
          callEdge[depth] = offsets[next]!;
        } else if (onStack[next] === 1 && index[next]! < low[node]!) {
          low[node] = index[next]!;
        }
        continue;
      }
      if (low[node] === index[node]) {
        let size = 0;
        while (stack[stackSize - 1 - size] !== node) size++;
        size++;
        const members = stack.slice(stackSize - size, stackSize);
        stackSize -= size;
        for (const member of members) onStack[member] = 0;
        if (size > 1) {
          for (const member of members) componentOf[member] = components.length;
          components.push(members);
        }
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[node]! < low[parent]!) low[parent] = low[node]!;
      }
    }
  }
  return { components, componentOf };
}
