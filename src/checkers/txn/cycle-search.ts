/**
 * Shortest-path searches for cycles inside one component (a `Subgraph`), as Elle does them:
 * a cycle made only of some edge kinds (G0: ww; G1c: ww and wr) is found by taking a
 * component of the subgraph of those kinds and searching breadth-first from one of its
 * nodes back to itself; a cycle through one given rw edge u -> v is a breadth-first path
 * from v back to u, under a small automaton that says which edge kinds may follow which
 * (for G-single no other rw edge; for G-nonadjacent no two rw edges in a row).
 * A cycle is returned as its edge slots, in order.
 */
import { EdgeKind } from "./edge-list.js";
import type { SearchBudget } from "./search-budget.js";
import { stronglyConnected } from "./strongly-connected.js";
import type { Subgraph } from "./subgraph.js";

/**
 * Which edges a path may take: given the state (0..states-1) and an edge kind, the next
 * state, or -1 when the edge is not allowed there.
 */
export interface PathRule {
  readonly states: number;
  step(state: number, kind: number): number;
}

/** Scratch arrays for breadth-first search over (node, state) pairs, reused across searches. */
export class SearchScratch {
  private seen: Int32Array;
  private via: Int32Array;
  private from: Int32Array;
  private queue: Int32Array;
  private generation = 0;

  constructor(private readonly nodeCount: number) {
    this.seen = new Int32Array(0);
    this.via = this.seen;
    this.from = this.seen;
    this.queue = this.seen;
  }

  private ensure(size: number): void {
    if (this.seen.length >= size) return;
    this.seen = new Int32Array(size);
    this.via = new Int32Array(size);
    this.from = new Int32Array(size);
    this.queue = new Int32Array(size);
    this.generation = 0;
  }

  /**
   * The shortest path of edges from `start` (in state `startState`) to `goal` in one of
   * `goalStates` (a bit set of states), or undefined. Edge slots, in order.
   */
  path(
    graph: Subgraph,
    start: number,
    startState: number,
    goal: number,
    goalStates: number,
    rule: PathRule,
    budget: SearchBudget,
  ): number[] | undefined {
    const { states } = rule;
    this.ensure(this.nodeCount * states);
    const mark = ++this.generation;
    const { seen, via, from, queue } = this;
    const { offsets, targets, kinds } = graph;
    let head = 0;
    let tail = 0;
    const first = start * states + startState;
    seen[first] = mark;
    queue[tail++] = first;
    while (head < tail) {
      const current = queue[head++]!;
      const node = (current / states) | 0;
      const state = current - node * states;
      const end = offsets[node + 1]!;
      if (!budget.spend(end - offsets[node]! + 1)) return undefined;
      for (let edge = offsets[node]!; edge < end; edge++) {
        const nextState = rule.step(state, kinds[edge]!);
        if (nextState < 0) continue;
        const next = targets[edge]!;
        if (next === goal && ((goalStates >> nextState) & 1) === 1) {
          return this.unwind(edge, current, first);
        }
        const code = next * states + nextState;
        if (seen[code] === mark) continue;
        seen[code] = mark;
        via[code] = edge;
        from[code] = current;
        queue[tail++] = code;
      }
    }
    return undefined;
  }

  private unwind(lastEdge: number, before: number, first: number): number[] {
    const edges = [lastEdge];
    let current = before;
    while (current !== first) {
      edges.push(this.via[current]!);
      current = this.from[current]!;
    }
    return edges.reverse();
  }
}

/** A rule allowing the edges in `mask`, with one state. */
export function maskRule(mask: number): PathRule {
  return { states: 1, step: (_state, kind) => ((kind & mask) === 0 ? -1 : 0) };
}

/**
 * The shortest cycle found among edges in `mask`: through a node of the first component
 * of that subgraph, or undefined when it is acyclic.
 */
export function cycleAmong(
  graph: Subgraph,
  mask: number,
  scratch: SearchScratch,
  budget: SearchBudget,
): number[] | undefined {
  if (!budget.spend(graph.targets.length + graph.nodeCount)) return undefined;
  const { components } = stronglyConnected(graph, mask);
  const component = components[0];
  if (component === undefined) return undefined;
  let start = component[0]!;
  for (const node of component) if (node < start) start = node;
  return scratch.path(graph, start, 0, start, 1, maskRule(mask), budget);
}

/**
 * The shortest cycle made of the rw edge at slot `rwEdge` (`source` u -> v) and a path from v back
 * to u that `rule` allows, starting in `startState` and ending in one of `goalStates`.
 */
export function cycleThrough(
  graph: Subgraph,
  source: number,
  rwEdge: number,
  rule: PathRule,
  startState: number,
  goalStates: number,
  scratch: SearchScratch,
  budget: SearchBudget,
): number[] | undefined {
  const target = graph.targets[rwEdge]!;
  const path = scratch.path(graph, target, startState, source, goalStates, rule, budget);
  return path === undefined ? undefined : [rwEdge, ...path];
}

/** G-single: after the one rw edge, only ww, wr, process and real-time edges (those in `mask`). */
export function singleRwRule(mask: number): PathRule {
  return maskRule(mask & ~EdgeKind.rw);
}

/**
 * G-nonadjacent: states are (last edge was rw) * 2 + (another rw edge seen). The path starts
 * just after the rw edge (state 2) and must end in state 1: a further rw edge seen, and the
 * last edge not rw (it is followed by the starting rw edge).
 */
export function nonadjacentRule(mask: number): PathRule {
  return {
    states: 4,
    step: (state, kind) => {
      if ((kind & mask) === 0) return -1;
      if (kind === EdgeKind.rw) return state >= 2 ? -1 : 3;
      return state & 1;
    },
  };
}
