/**
 * Named partition shapes, as Jepsen's nemeses have them. Each shape is a pure function from
 * the node list (and a random stream, where the shape is drawn) to the set of directed
 * links to cut; `Network.apply` cuts them. Shapes never look at the system under test: the
 * "isolate the leader" fault finds the leader first and then uses `isolate`.
 */
import { assert } from "./assert.js";
import type { RandomStream } from "./random.js";

/** One directed link: messages from `from` to `to`. */
export type Link = readonly [from: string, to: string];

/** A partition to apply: the links to cut, and a description for traces and reports. */
export interface PartitionPlan {
  /** Human-readable shape, e.g. `isolate n3` or `n1,n2 | n3,n4,n5`. */
  readonly description: string;
  /** Directed links to cut. */
  readonly cuts: readonly Link[];
}

/** The names of the built-in shapes. */
export type PartitionShapeName = "isolate" | "halves" | "majorities-ring" | "bridge";

function describeGroups(groups: readonly (readonly string[])[]): string {
  return groups.map((group) => group.join(",")).join(" | ");
}

/**
 * Cuts every link between nodes of different groups, both ways. Nodes named in no group
 * form one more group of their own.
 */
export function groupsPlan(nodes: readonly string[], groups: readonly (readonly string[])[]) {
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const node of group) {
      assert(nodes.includes(node), `partition names unknown node "${node}"`);
      assert(!groupOf.has(node), `partition names node "${node}" in two groups`);
      groupOf.set(node, index);
    }
  });
  const rest = nodes.filter((node) => !groupOf.has(node));
  const allGroups = rest.length > 0 ? [...groups, rest] : groups;
  for (const node of rest) groupOf.set(node, groups.length);
  const cuts: Link[] = [];
  for (const from of nodes) {
    for (const to of nodes) {
      if (from !== to && groupOf.get(from) !== groupOf.get(to)) cuts.push([from, to]);
    }
  }
  return { description: describeGroups(allGroups), cuts } satisfies PartitionPlan;
}

/** Cuts messages from every node of `from` to every node of `to`, one way only. */
export function oneWayPlan(from: readonly string[], to: readonly string[]): PartitionPlan {
  const cuts: Link[] = [];
  for (const source of from)
    for (const target of to) if (source !== target) cuts.push([source, target]);
  return { description: `${from.join(",")} -/-> ${to.join(",")}`, cuts };
}

/** Cuts `target` off from every other node, both ways. */
export function isolatePlan(nodes: readonly string[], target: string): PartitionPlan {
  const plan = groupsPlan(nodes, [[target]]);
  return { description: `isolate ${target}`, cuts: plan.cuts };
}

/** Splits the nodes into two random halves (the smaller half first). */
export function halvesPlan(nodes: readonly string[], random: RandomStream): PartitionPlan {
  const shuffled = random.shuffle(nodes);
  const half = Math.floor(shuffled.length / 2);
  return groupsPlan(nodes, [shuffled.slice(0, half), shuffled.slice(half)]);
}

/**
 * Every node can reach a majority, but no two nodes see the same majority: the nodes sit on
 * a random ring and each keeps only its nearest neighbours on both sides.
 */
export function majoritiesRingPlan(nodes: readonly string[], random: RandomStream): PartitionPlan {
  const ring = random.shuffle(nodes);
  const count = ring.length;
  const majority = Math.floor(count / 2) + 1;
  const reach = Math.ceil((majority - 1) / 2);
  const cuts: Link[] = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      const distance = Math.min(Math.abs(i - j), count - Math.abs(i - j));
      if (i !== j && distance > reach) cuts.push([ring[i]!, ring[j]!]);
    }
  }
  return { description: `majorities ring ${ring.join("-")}`, cuts };
}

/**
 * Two halves that cannot talk to each other, and one bridge node that talks to both.
 */
export function bridgePlan(nodes: readonly string[], random: RandomStream): PartitionPlan {
  assert(nodes.length >= 3, `a bridge partition needs at least 3 nodes, got ${nodes.length}`);
  const shuffled = random.shuffle(nodes);
  const bridge = shuffled[0]!;
  const others = shuffled.slice(1);
  const half = Math.floor(others.length / 2);
  const left = others.slice(0, half);
  const right = others.slice(half);
  const cuts: Link[] = [];
  for (const a of left) {
    for (const b of right) cuts.push([a, b], [b, a]);
  }
  return { description: `bridge ${bridge}: ${left.join(",")} | ${right.join(",")}`, cuts };
}

/** Builds a named shape. `target` is needed by `isolate` (a node id). */
export function shapePlan(
  shape: PartitionShapeName,
  nodes: readonly string[],
  random: RandomStream,
  target?: string,
): PartitionPlan {
  switch (shape) {
    case "isolate":
      return isolatePlan(nodes, target ?? random.pick(nodes));
    case "halves":
      return halvesPlan(nodes, random);
    case "majorities-ring":
      return majoritiesRingPlan(nodes, random);
    case "bridge":
      return bridgePlan(nodes, random);
  }
}
