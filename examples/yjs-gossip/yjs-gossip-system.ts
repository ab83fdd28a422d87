/**
 * `yjs-gossip`: the gossip reference system carrying a Yjs document instead of its own
 * grow-only set. It is an example of putting a third-party library under faultline: the
 * library's replicas exchange their updates over the simulated network, through
 * partitions and crashes, and the convergence and membership checks judge the outcome.
 * Everything it uses comes from faultline's public API.
 *
 * @example
 * ```ts
 * const options = yjsGossipSystem.options.parse({});
 * const sim = new Simulation({
 *   seed: 1, nodes: 5, system: yjsGossipSystem.build(options), determinismGuard: true,
 * });
 * ```
 */
import {
  convergenceInvariant,
  createGossipNode,
  defineSystem,
  type GossipOptions,
  gossipOptionsSchema,
  membershipInvariant,
  type NodeFactory,
} from "../../src/index.js";
import { YjsSetState } from "./yjs-set-state.js";

/** Builds the node factory: a gossip node around a fresh Yjs document per node life. */
export function yjsGossipFactory(options: GossipOptions): NodeFactory {
  return (init) => createGossipNode(init, options, ({ random }) => new YjsSetState(random));
}

/** The Yjs-on-gossip example system (workload `set`). */
export const yjsGossipSystem = defineSystem<GossipOptions>({
  name: "yjs-gossip",
  summary: "a Yjs document replicated by SWIM gossip and anti-entropy",
  options: gossipOptionsSchema,
  workload: "set",
  build: yjsGossipFactory,
  invariants: () => [convergenceInvariant(), membershipInvariant()],
});
