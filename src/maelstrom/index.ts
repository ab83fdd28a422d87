/**
 * Maelstrom's protocol, services and workloads: the public entry points both modes use.
 */
export { bodyProblem, decodeMessage, encodeMessage, messageProblem } from "./codec.js";
export * from "./protocol.js";
export type { RandomSource } from "./random-source.js";
export { createService, createServices, type MaelstromService } from "./services/index.js";
export { buildTopology, TOPOLOGY_NAMES, type Topology, type TopologyName } from "./topology.js";
export * from "./workload.js";
export {
  findMaelstromWorkload,
  MAELSTROM_WORKLOAD_NAMES,
  MAELSTROM_WORKLOADS,
} from "./workloads/index.js";
