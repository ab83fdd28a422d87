/**
 * The reference coordination service as a faultline system, named `coord` in scenario
 * files: sessions (leases with a TTL), locks with fencing tokens and a service registry
 * with watches, replicated with the reference Raft; workers that use it as applications
 * do; and the storage node the lock guards. Built through `defineSystem` from the public
 * node API only, like a user's system.
 *
 * It is judged by Raft's invariants, by mutual exclusion and fencing (from the storage
 * node's view), by the session promises, and by the `mutex` model on the lock clients'
 * history.
 */
import { fencingInvariant } from "../../checkers/fencing-invariant.js";
import { mutualExclusionInvariant } from "../../checkers/mutual-exclusion-invariant.js";
import { sessionsInvariant } from "../../checkers/sessions-invariant.js";
import type { NodeFactory } from "../../sim/index.js";
import { defineSystem, type Invariant } from "../definition.js";
import { raftInvariants } from "../raft/raft-invariants.js";
import { raftNodeFactory } from "../raft/raft-system.js";
import { allNodes, clusterLayout, roleOf } from "./cluster-layout.js";
import { type CoordOptions, coordOptionsSchema } from "./coord-options.js";
import { CoordStateMachine } from "./coord-state-machine.js";
import { StorageNode } from "./storage-node.js";
import { WorkerNode } from "./worker-node.js";

/**
 * The node factory for validated options: servers run Raft with the coordination state
 * machine (among the servers only), workers and the storage node run their own code.
 */
export function coordNodeFactory(options: CoordOptions): NodeFactory {
  const servers = raftNodeFactory(
    options.raft,
    (ctx) =>
      new CoordStateMachine({
        expiryCheckMs: options.expiryCheckMs,
        bug: options.bug,
        report: (fact) => ctx.report(fact),
      }),
  );
  return (init) => {
    const layout = clusterLayout(allNodes(init.id, init.peers), options.servers);
    switch (roleOf(layout, init.id)) {
      case "server":
        return servers({ ...init, peers: layout.servers.filter((id) => id !== init.id) });
      case "storage":
        return new StorageNode(init.ctx);
      case "worker":
        return new WorkerNode(init.ctx, layout, options, init.restarted);
    }
  };
}

/** Fresh instances of every invariant of a coordination-service run. */
export function coordInvariants(options: CoordOptions): Invariant[] {
  return [
    ...raftInvariants(),
    mutualExclusionInvariant(),
    fencingInvariant(),
    sessionsInvariant({
      guaranteeUs: (options.sessionTtlMs - options.sessionDriftMarginMs) * 1000,
      cleanupBoundUs: options.cleanupBoundMs * 1000,
    }),
  ];
}

/**
 * The coordination service with its workers and storage node, serving the lock workload,
 * with three planted bugs.
 *
 * @example
 * ```ts
 * const options = coordSystem.options.parse({ bug: "no-fencing" });
 * const sim = new Simulation({ seed: 1, nodes: 7, system: coordSystem.build(options) });
 * // n1..n3 are workers, n4..n6 run the service, n7 is the storage node
 * ```
 */
export const coordSystem = defineSystem<CoordOptions>({
  name: "coord",
  summary:
    "a coordination service (sessions, locks with fencing tokens, service registry) on Raft, with workers and a storage node",
  options: coordOptionsSchema,
  workload: "lock",
  build: coordNodeFactory,
  invariants: coordInvariants,
});
