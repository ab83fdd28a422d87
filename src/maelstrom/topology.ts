/**
 * Broadcast topologies, as Maelstrom's `--topology` builds them: `grid` (a roughly square
 * grid, at most 4 neighbours each), `line`, `tree2` / `tree3` / `tree4` (a tree with that
 * branching factor, nodes in breadth-first order; `tree` is `tree2`), and `total` (every
 * node next to every other). Neighbour lists follow Maelstrom's order.
 */

/** The topologies Maelstrom names. */
export const TOPOLOGY_NAMES = ["grid", "line", "tree", "tree2", "tree3", "tree4", "total"] as const;

/** A topology's name. */
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];

/** A map from each node to its neighbours. */
export type Topology = Readonly<Record<string, readonly string[]>>;

function gridTopology(nodes: readonly string[]): Topology {
  const side = Math.ceil(Math.sqrt(nodes.length));
  const at = (i: number, j: number): string | undefined =>
    i >= 0 && j >= 0 && j < side ? nodes[i * side + j] : undefined;
  const topology: Record<string, string[]> = {};
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const node = at(i, j);
      if (node === undefined) continue;
      const neighbours = [at(i + 1, j), at(i - 1, j), at(i, j + 1), at(i, j - 1)];
      topology[node] = neighbours.filter((neighbour) => neighbour !== undefined);
    }
  }
  return topology;
}

function lineTopology(nodes: readonly string[]): Topology {
  const topology: Record<string, string[]> = {};
  if (nodes.length < 2) return topology;
  nodes.forEach((node, index) => {
    topology[node] = [nodes[index - 1], nodes[index + 1]].filter((n) => n !== undefined);
  });
  return topology;
}

function treeTopology(nodes: readonly string[], branching: number): Topology {
  const topology: Record<string, string[]> = {};
  nodes.forEach((node, index) => {
    const parent = index === 0 ? [] : [nodes[Math.floor((index - 1) / branching)]!];
    const children: string[] = [];
    for (let child = branching * index + 1; child <= branching * index + branching; child++) {
      if (child < nodes.length) children.push(nodes[child]!);
    }
    topology[node] = [...parent, ...children];
  });
  return topology;
}

function totalTopology(nodes: readonly string[]): Topology {
  return Object.fromEntries(nodes.map((node) => [node, nodes.filter((other) => other !== node)]));
}

/**
 * The topology `name` over `nodes`.
 *
 * @example
 * ```ts
 * buildTopology("line", ["n1", "n2", "n3"]); // { n1: ["n2"], n2: ["n1", "n3"], n3: ["n2"] }
 * ```
 */
export function buildTopology(name: TopologyName, nodes: readonly string[]): Topology {
  switch (name) {
    case "grid":
      return gridTopology(nodes);
    case "line":
      return lineTopology(nodes);
    case "tree":
    case "tree2":
      return treeTopology(nodes, 2);
    case "tree3":
      return treeTopology(nodes, 3);
    case "tree4":
      return treeTopology(nodes, 4);
    case "total":
      return totalTopology(nodes);
  }
}
