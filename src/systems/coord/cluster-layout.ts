/**
 * Which node plays which part. A coordination-service cluster has three kinds of node, in
 * a fixed order of the simulation's node names: first the workers (application servers
 * that use the service; workload clients are homed on them), then the servers that run the
 * replicated service, and last the storage node that the lock guards. Workers come first
 * so that the workload's `home` routing (client i talks to node i) reaches them directly;
 * the storage node is a node of its own so that the nemesis can pause, crash, partition
 * and skew it like any other, and so that it judges critical sections from its own view.
 */
import type { NodeId } from "../../sim/index.js";

/** The parts of a coordination-service cluster. */
export interface ClusterLayout {
  readonly workers: readonly NodeId[];
  readonly servers: readonly NodeId[];
  readonly storage: NodeId;
}

/** What a node is. */
export type NodeRole = "worker" | "server" | "storage";

/** The layout of `nodes` (in the simulation's order) with `servers` service nodes. */
export function clusterLayout(nodes: readonly NodeId[], servers: number): ClusterLayout {
  if (nodes.length < servers + 2) {
    throw new RangeError(
      `the coord system needs at least servers + 2 nodes (one worker and the storage node): ` +
        `servers is ${servers}, so nodes must be at least ${servers + 2}, found ${nodes.length}`,
    );
  }
  const workerCount = nodes.length - servers - 1;
  return {
    workers: nodes.slice(0, workerCount),
    servers: nodes.slice(workerCount, workerCount + servers),
    storage: nodes[nodes.length - 1]!,
  };
}

/** The role of `node` in `layout`. */
export function roleOf(layout: ClusterLayout, node: NodeId): NodeRole {
  if (node === layout.storage) return "storage";
  return layout.servers.includes(node) ? "server" : "worker";
}

/** Compares node names in natural order, so that n2 comes before n10. */
function naturalOrder(a: NodeId, b: NodeId): number {
  const split = (name: NodeId) => {
    const match = /^(.*?)(\d+)$/.exec(name);
    return match === null
      ? { stem: name, number: -1 }
      : { stem: match[1]!, number: Number(match[2]) };
  };
  const left = split(a);
  const right = split(b);
  if (left.stem !== right.stem) return left.stem < right.stem ? -1 : 1;
  return left.number - right.number;
}

/** Every node of the cluster, in natural name order, from one node's id and its peers. */
export function allNodes(id: NodeId, peers: readonly NodeId[]): NodeId[] {
  return [...peers, id].sort(naturalOrder);
}
