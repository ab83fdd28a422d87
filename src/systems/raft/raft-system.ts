/**
 * The reference Raft as a faultline system: a replicated, linearizable KV store that a
 * scenario names `raft`. Built through the same `defineSystem` contract as a user's own
 * system, from the public node API only.
 */
import type { NodeFactory } from "../../sim/index.js";
import { defineSystem } from "../definition.js";
import { type RaftOptions, raftOptionsSchema } from "./options.js";
import { raftInvariants } from "./raft-invariants.js";
import { RaftNode } from "./raft-node.js";
import { RecoveringNode } from "./recovering-node.js";
import { recoverFromDisk } from "./recovery.js";

/**
 * The node factory for validated options: each (re)start recovers from the node's disk,
 * or fail-stops (retrying every second) while the disk cannot be read.
 */
export function raftNodeFactory(options: RaftOptions): NodeFactory {
  return (init) => {
    const recovered = recoverFromDisk(init.ctx.disk);
    if (!recovered.ok) return new RecoveringNode(init, options, recovered.reason);
    return new RaftNode(init, options, recovered);
  };
}

/**
 * Raft (leader election, log replication, ReadIndex / log / lease reads, client sessions)
 * serving the KV workload, with its safety and liveness invariants and five planted bugs.
 *
 * @example
 * ```ts
 * const options = raftSystem.options.parse({ bug: "stale-local-read" });
 * const sim = new Simulation({ seed: 1, nodes: 5, system: raftSystem.build(options) });
 * ```
 */
export const raftSystem = defineSystem<RaftOptions>({
  name: "raft",
  summary:
    "Raft consensus serving a linearizable KV store (read, write, cas), with client sessions",
  options: raftOptionsSchema,
  workload: "kv",
  build: raftNodeFactory,
  invariants: () => raftInvariants(),
});
