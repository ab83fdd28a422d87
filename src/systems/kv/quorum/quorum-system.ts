/**
 * The `kv-quorum` reference system: Dynamo-style replication with strict N/R/W quorums and
 * last-writer-wins by version (see `quorum-coordinator.ts`).
 *
 * - `timestamps: "versioned"` (default): linearizable for read and write (multi-writer
 *   ABD: versions (counter, node) chosen above a read quorum's, reads repair a write quorum
 *   before answering). `cas` is refused with `fail`.
 * - `timestamps: "wall-clock"`: the `kv-lww-wall-clock` bug. Versions are the writing
 *   coordinator's own clock; once clocks disagree (a clock jump, drift, a strobe), a later
 *   write through a node whose clock is behind is ordered before an earlier one and lost:
 *   reads return the overwritten value. Not linearizable under clock skew.
 */
import type { NodeFactory } from "../../../sim/node-api.js";
import { defineSystem } from "../../definition.js";
import { createQuorumNode } from "./quorum-node.js";
import { type QuorumOptions, quorumOptionsSchema } from "./quorum-options.js";

/**
 * The `kv-quorum` reference system.
 *
 * @example
 * ```ts
 * const options = kvQuorumSystem.options.parse({ timestamps: "wall-clock" });
 * const sim = new Simulation({ seed: 1, nodes: 3, system: kvQuorumSystem.build(options) });
 * ```
 */
export const kvQuorumSystem = defineSystem<QuorumOptions>({
  name: "kv-quorum",
  summary: "Dynamo-style N/R/W quorums with last-writer-wins (versioned or wall-clock)",
  options: quorumOptionsSchema,
  workload: "kv",
  build:
    (options): NodeFactory =>
    (init) =>
      createQuorumNode(init, options),
});
