/**
 * Partition groups as people read them: nodes that can talk both ways belong to one group
 * (A, B, ...), and each node lists the peers it cannot send to. Computed from the network's
 * cut links, whatever shape (halves, bridge, one-way) made them.
 */

/** How the network looks from each node. */
export interface PartitionView {
  /** True when any link is cut. */
  readonly partitioned: boolean;
  /** Group number of each node (0-based, in order of each group's first node). */
  readonly groups: readonly number[];
  /** For each node, the peers its messages to are cut. */
  readonly unreachable: readonly (readonly string[])[];
}

/**
 * Groups `nodeIds` by two-way reachability. `isCut(from, to)` says whether messages from
 * `from` to `to` are cut.
 */
export function partitionView(
  nodeIds: readonly string[],
  isCut: (from: string, to: string) => boolean,
): PartitionView {
  const parent = nodeIds.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root]!;
    return root;
  };
  const unreachable = nodeIds.map((from) => nodeIds.filter((to) => to !== from && isCut(from, to)));
  nodeIds.forEach((from, i) => {
    nodeIds.forEach((to, j) => {
      if (j > i && !isCut(from, to) && !isCut(to, from)) parent[find(j)] = find(i);
    });
  });
  const numbers = new Map<number, number>();
  const groups = nodeIds.map((_, index) => {
    const root = find(index);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    return numbers.get(root)!;
  });
  return {
    partitioned: unreachable.some((peers) => peers.length > 0),
    groups,
    unreachable,
  };
}

/** The letter people see for group `group`: A, B, ... Z, then G26, G27, ... */
export function groupLetter(group: number): string {
  return group < 26 ? String.fromCharCode(65 + group) : `G${group}`;
}
