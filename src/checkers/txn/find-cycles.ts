/**
 * The cycle search over every strongly connected component, as Elle orders it: for each
 * kind of cycle (G0, G1c, G-single, G-nonadjacent, G2-item) it looks first among data edges
 * only, then with process edges, then with real-time edges, and keeps the first cycle found
 * whose name is new for the component. Cycles come back as steps between transactions,
 * with real-time chains through virtual nodes contracted to one step.
 */

import { classifyCycle } from "./classify-cycle.js";
import {
  cycleAmong,
  cycleThrough,
  maskRule,
  nonadjacentRule,
  type PathRule,
  SearchScratch,
  singleRwRule,
} from "./cycle-search.js";
import { DATA_EDGES, EdgeKind, type Graph } from "./edge-list.js";
import type { SearchBudget } from "./search-budget.js";
import { stronglyConnected } from "./strongly-connected.js";
import { extractSubgraph, type Subgraph } from "./subgraph.js";

/** One step of a found cycle, between transaction indexes. */
export interface CycleEdge {
  readonly from: number;
  readonly to: number;
  /** One `EdgeKind` bit. */
  readonly kind: number;
  readonly key: number;
  readonly detail: number;
}

/** A found cycle and its name. */
export interface FoundCycle {
  readonly type: string;
  readonly steps: readonly CycleEdge[];
}

type Search = (
  graph: Subgraph,
  mask: number,
  scratch: SearchScratch,
  budget: SearchBudget,
) => number[] | undefined;

/** Tries a cycle through each rw edge in turn, under `rule(mask)`. */
function throughRwEdges(
  rule: (mask: number) => PathRule,
  startState: number,
  goalStates: number,
): Search {
  return (graph, mask, scratch, budget) => {
    const pathRule = rule(mask);
    for (let node = 0; node < graph.nodeCount; node++) {
      for (let edge = graph.offsets[node]!; edge < graph.offsets[node + 1]!; edge++) {
        if (graph.kinds[edge] !== EdgeKind.rw) continue;
        const cycle = cycleThrough(
          graph,
          node,
          edge,
          pathRule,
          startState,
          goalStates,
          scratch,
          budget,
        );
        if (cycle !== undefined || budget.stopped !== undefined) return cycle;
      }
    }
    return undefined;
  };
}

const SEARCHES: readonly { readonly name: string; readonly search: Search }[] = [
  {
    name: "G0",
    search: (graph, mask, scratch, budget) =>
      cycleAmong(graph, mask & ~(EdgeKind.wr | EdgeKind.rw), scratch, budget),
  },
  {
    name: "G1c",
    search: (graph, mask, scratch, budget) =>
      cycleAmong(graph, mask & ~EdgeKind.rw, scratch, budget),
  },
  { name: "G-single", search: throughRwEdges(singleRwRule, 0, 1) },
  { name: "G-nonadjacent", search: throughRwEdges(nonadjacentRule, 2, 1 << 1) },
  { name: "G2-item", search: throughRwEdges(maskRule, 0, 1) },
];

/** Turns local edge slots into steps between transactions, contracting virtual nodes. */
function contract(graph: Subgraph, slots: readonly number[], txnCount: number): CycleEdge[] {
  const sourceOf = (position: number) =>
    graph.targets[slots[(position + slots.length - 1) % slots.length]!]!;
  let start = 0;
  while (graph.globalNode[sourceOf(start)]! >= txnCount) start++;
  const steps: CycleEdge[] = [];
  let from = graph.globalNode[sourceOf(start)]!;
  let merged = 0;
  for (let offset = 0; offset < slots.length; offset++) {
    const slot = slots[(start + offset) % slots.length]!;
    const to = graph.globalNode[graph.targets[slot]!]!;
    merged++;
    if (to >= txnCount) continue;
    const kind = merged > 1 ? EdgeKind.realtime : graph.kinds[slot]!;
    steps.push({ from, to, kind, key: graph.keys[slot]!, detail: graph.details[slot]! });
    from = to;
    merged = 0;
  }
  return steps;
}

/** The edge sets to try in order: data only, then with process, then with real-time edges. */
function tiers(mask: number): number[] {
  const result = [DATA_EDGES];
  if ((mask & EdgeKind.process) !== 0) result.push(DATA_EDGES | EdgeKind.process);
  if ((mask & EdgeKind.realtime) !== 0) result.push(mask);
  return result;
}

function searchComponent(
  graph: Subgraph,
  mask: number,
  txnCount: number,
  budget: SearchBudget,
): FoundCycle[] {
  const scratch = new SearchScratch(graph.nodeCount);
  const found: FoundCycle[] = [];
  const names = new Set<string>();
  const types = new Set<string>();
  for (const { name, search } of SEARCHES) {
    if (name === "G2-item" && (types.has("G-single") || types.has("G-nonadjacent"))) continue;
    for (const tier of tiers(mask)) {
      const slots = search(graph, tier, scratch, budget);
      if (budget.stopped !== undefined) return found;
      if (slots === undefined) continue;
      const steps = contract(graph, slots, txnCount);
      const type = classifyCycle(steps.map((step) => step.kind));
      const base = type.replace(/-(process|realtime)$/, "");
      if (!names.has(base)) {
        names.add(base);
        types.add(type);
        found.push({ type, steps });
      }
      break;
    }
  }
  return found;
}

/**
 * Finds the cycles of `graph` among edges in `mask`: strongly connected components first,
 * then named cycles in each. Nodes from `txnCount` up are virtual (real-time chain).
 */
export function findCycles(
  graph: Graph,
  mask: number,
  txnCount: number,
  budget: SearchBudget,
): FoundCycle[] {
  const { components, componentOf } = stronglyConnected(graph, mask);
  const localIndex = new Int32Array(graph.nodeCount);
  const found: FoundCycle[] = [];
  for (let id = 0; id < components.length; id++) {
    const subgraph = extractSubgraph(graph, components[id]!, componentOf, id, mask, localIndex);
    found.push(...searchComponent(subgraph, mask, txnCount, budget));
    if (budget.stopped !== undefined) break;
  }
  return found;
}
