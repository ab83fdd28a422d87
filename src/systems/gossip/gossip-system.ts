/**
 * The `gossip` reference system: SWIM membership and epidemic broadcast of a grow-only set
 * of integers, served to clients through the `set` workload (`add`, `read-set`). Its
 * invariants are convergence (every live node ends with the same set, holding every
 * acknowledged value) and membership accuracy (no live node is considered dead; every
 * crashed node is), both judged after the recovery phase.
 *
 * Planted bugs (option `bug`):
 * - `no-refute`: a suspected node never raises its incarnation, so it cannot refute the
 *   suspicion; a live node that was unreachable for longer than the suspicion timeout (a
 *   partition, a pause, heavy loss) is declared dead for good. Fails `membership-accuracy`.
 * - `no-anti-entropy`: no periodic push-pull; a rumor that is lost is lost for good, so
 *   values added on one side of a partition (or while a node is crashed) never reach the
 *   other side. Fails `convergence`.
 */
import { convergenceInvariant } from "../../checkers/convergence-invariant.js";
import { membershipInvariant } from "../../checkers/membership-invariant.js";
import type { NodeFactory } from "../../sim/node-api.js";
import { defineSystem } from "../definition.js";
import { createGossipNode } from "./gossip-node.js";
import { type GossipOptions, gossipOptionsSchema } from "./gossip-options.js";
import { GrowOnlySet } from "./grow-only-set.js";

/** Builds the node factory of the gossip reference system. */
export function gossipFactory(options: GossipOptions): NodeFactory {
  return (init) => createGossipNode(init, options, () => new GrowOnlySet());
}

/**
 * The gossip reference system.
 *
 * @example
 * ```ts
 * const options = gossipSystem.options.parse({ bug: "no-refute" });
 * const sim = new Simulation({ seed: 1, nodes: 5, system: gossipSystem.build(options) });
 * ```
 */
export const gossipSystem = defineSystem<GossipOptions>({
  name: "gossip",
  summary: "SWIM membership with epidemic broadcast and anti-entropy of a grow-only set",
  options: gossipOptionsSchema,
  workload: "set",
  build: gossipFactory,
  invariants: () => [convergenceInvariant(), membershipInvariant()],
});
