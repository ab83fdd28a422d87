/**
 * The built-in systems a scenario file can name with `system.name`.
 */
import { coordSystem } from "./coord/coord-system.js";
import type { SystemDefinition } from "./definition.js";
import { gossipSystem } from "./gossip/gossip-system.js";
import { kvSingleSystem } from "./kv/kv-single.js";
import { kvPrimaryBackupSystem } from "./kv/primary-backup/primary-backup-system.js";
import { kvQuorumSystem } from "./kv/quorum/quorum-system.js";
import { raftSystem } from "./raft/raft-system.js";

// biome-ignore lint/suspicious/noExplicitAny: definitions differ in their option types
type AnySystem = SystemDefinition<any>;

/** Every built-in system. */
export const BUILT_IN_SYSTEMS: readonly AnySystem[] = [
  raftSystem,
  gossipSystem,
  kvSingleSystem,
  kvPrimaryBackupSystem,
  kvQuorumSystem,
  coordSystem,
];

/** The built-in system called `name`, if there is one. */
export function findBuiltInSystem(name: string): AnySystem | undefined {
  return BUILT_IN_SYSTEMS.find((system) => system.name === name);
}
