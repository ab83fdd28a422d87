/**
 * Test support for the gossip system: a cluster in a simulation, a client that adds values
 * to random nodes at a steady pace, and the convergence and membership verdicts taken from
 * the nodes' summaries at the end.
 */
import {
  type ConvergenceResult,
  checkConvergence,
  checkMembershipAccuracy,
  type GossipOptions,
  gossipSystem,
  type MembershipResult,
  type ObservedStatus,
  Simulation,
} from "../../../src/index.js";
import { ClientDriver } from "../kv/client-driver.js";

/** A gossip cluster under test. */
export interface GossipCluster {
  readonly sim: Simulation;
  readonly driver: ClientDriver;
}

/** Builds a simulation of the gossip system with `options` (validated by its schema). */
export function gossipCluster(
  seed: number,
  options: Partial<GossipOptions> = {},
  nodes = 5,
): GossipCluster {
  const system = gossipSystem.build(gossipSystem.options.parse(options));
  const sim = new Simulation({ seed, nodes, system });
  return { sim, driver: new ClientDriver(sim) };
}

/** Adds `count` distinct values, one every `gapUs`, each to a random node that is up. */
export async function addValues(
  cluster: GossipCluster,
  first: number,
  count: number,
  gapUs: number,
  nodes?: readonly string[],
): Promise<void> {
  const { sim, driver } = cluster;
  const random = sim.random("test-client");
  for (let value = first; value < first + count; value++) {
    const candidates = (nodes ?? sim.nodeIds).filter((node) => sim.status(node) === "up");
    if (candidates.length > 0)
      void driver.invoke("c1", random.pick(candidates), { f: "add", value });
    await sim.sleep(gapUs);
  }
}

/**
 * The convergence verdict over the nodes that are up now. Values acknowledged by a node
 * that is crashed now need not survive (gossip acknowledges after one durable write).
 */
export function convergence(cluster: GossipCluster): ConvergenceResult {
  const { sim, driver } = cluster;
  const finalSets: Record<string, number[]> = {};
  for (const node of sim.nodeIds) {
    if (sim.status(node) === "up") finalSets[node] = sim.inspect(node)?.values as number[];
  }
  const acknowledged = driver.history
    .filter((entry) => entry.op.f === "add" && entry.outcome.type === "ok")
    .filter((entry) => sim.status(entry.node) !== "crashed")
    .map((entry) => entry.op.value as number);
  return checkConvergence({ finalSets, acknowledged });
}

/** The membership verdict over the nodes that are up (live) or crashed now. */
export function membership(cluster: GossipCluster): MembershipResult {
  const { sim } = cluster;
  const live = sim.nodeIds.filter((node) => sim.status(node) === "up");
  const crashed = sim.nodeIds.filter((node) => sim.status(node) === "crashed");
  const views: Record<string, Record<string, ObservedStatus>> = {};
  for (const node of live) {
    const members = sim.inspect(node)?.members as Record<string, { status: ObservedStatus }>;
    views[node] = Object.fromEntries(Object.entries(members).map(([m, r]) => [m, r.status]));
  }
  return checkMembershipAccuracy({ views, live, crashed });
}

/** How node `observer` sees `member`. */
export function statusSeenBy(cluster: GossipCluster, observer: string, member: string): unknown {
  const members = cluster.sim.inspect(observer)?.members as Record<string, { status: string }>;
  return members[member]?.status;
}
