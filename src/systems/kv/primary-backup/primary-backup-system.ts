/**
 * The `kv-primary-backup` reference system: a primary replicates every operation
 * synchronously to all the backups of its view before answering; views change through a
 * majority-based view change with a fixed successor order of primaries (see
 * `view-change.ts` for the protocol, the argument for its correctness and its
 * assumptions). Linearizable for read, write and cas.
 *
 * Planted bug (option `bug: "async-replication"`): the primary answers before replicating,
 * so a crash of the primary, or a partition that isolates it while a new view forms, loses
 * acknowledged writes; a linearizability checker sees reads that miss them.
 */
import type { NodeFactory } from "../../../sim/node-api.js";
import { defineSystem } from "../../definition.js";
import { createPrimaryBackupNode } from "./primary-backup-node.js";
import { type PrimaryBackupOptions, primaryBackupOptionsSchema } from "./primary-backup-options.js";

/**
 * The `kv-primary-backup` reference system.
 *
 * @example
 * ```ts
 * const options = kvPrimaryBackupSystem.options.parse({ bug: "async-replication" });
 * const sim = new Simulation({ seed: 1, nodes: 3, system: kvPrimaryBackupSystem.build(options) });
 * ```
 */
export const kvPrimaryBackupSystem = defineSystem<PrimaryBackupOptions>({
  name: "kv-primary-backup",
  summary: "primary-backup replication with synchronous backups and majority view changes",
  options: primaryBackupOptionsSchema,
  workload: "kv",
  build:
    (options): NodeFactory =>
    (init) =>
      createPrimaryBackupNode(init, options),
});
