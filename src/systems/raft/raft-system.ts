/**
 * The reference Raft as a faultline system: a replicated, linearizable KV store that a
 * scenario names `raft`. Built through the same `defineSystem` contract as a user's own
 * system, from the public node API only.
 */
import type { NodeFactory } from "../../sim/index.js";
import { defineSystem } from "../definition.js";
import { KvStateMachine } from "./kv-state-machine.js";
import { type RaftOptions, raftOptionsSchema } from "./options.js";
import { raftInvariants } from "./raft-invariants.js";
import { RaftNode } from "./raft-node.js";
import { RecoveringNode } from "./recovering-node.js";
import { recoverFromDisk } from "./recovery.js";
import type { StateMachineFactory } from "./state-machine.js";

/** The default state machine: the KV store. */
export const kvStateMachineFactory: StateMachineFactory = () => new KvStateMachine();

/**
 * The node factory for validated options: each (re)start recovers from the node's disk,
 * or fail-stops (retrying every second) while the disk cannot be read. The log is applied
 * to a fresh state machine from `machine` (the KV store by default).
 *
 * @example
 * ```ts
 * const factory = raftNodeFactory(resolveRaftOptions({}), (ctx) => new MyStateMachine(ctx));
 * ```
 */
export function raftNodeFactory(
  options: RaftOptions,
  machine: StateMachineFactory = kvStateMachineFactory,
): NodeFactory {
  return (init) => {
    const recovered = recoverFromDisk(init.ctx.disk);
    if (!recovered.ok) return new RecoveringNode(init, options, recovered.reason, machine);
    return new RaftNode(init, options, recovered, machine(init.ctx));
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
  build: (options) => raftNodeFactory(options),
  invariants: () => raftInvariants(),
});
