/**
 * faultline: deterministic simulation and fault-injection testing for distributed systems.
 *
 * This module is the public API. Everything a user (or a reference system) needs is
 * exported from here.
 */
export const version = "0.1.0";

export * as arbitrary from "./arbitrary/index.js";
export * from "./nemesis/fault.js";
export { type AppliedFault, currentLeader, Nemesis } from "./nemesis/nemesis.js";
export {
  DEFAULT_RANDOM_NEMESIS,
  type RandomNemesisOptions,
  randomSchedule,
  type SwarmDraw,
} from "./nemesis/random-nemesis.js";
export { defineScenario, loadScenario, parseScenario } from "./scenario/load-scenario.js";
export type {
  CheckSummary,
  RunFailure as ScenarioFailure,
  RunResult,
} from "./scenario/run-result.js";
export { type RunOptions, runScenario } from "./scenario/run-scenario.js";
export type {
  ResolvedSystem,
  Scenario,
  ScenarioChecks,
  ScenarioWorkload,
} from "./scenario/scenario.js";
export { ScenarioError, type ScenarioLocation } from "./scenario/scenario-error.js";
export { scenarioFileSchema, scenarioJsonSchema } from "./scenario/schema.js";
export { type SweepOptions, type SweepResult, sweep } from "./scenario/sweep.js";
export type { SeedSummary } from "./scenario/sweep-protocol.js";
export { pinSchedule } from "./shrink/pin.js";
export {
  type ReproducerOrigin,
  reproducerScenario,
  reproducerYaml,
} from "./shrink/reproducer.js";
export { scheduleEntry } from "./shrink/schedule-entry.js";
export {
  DEFAULT_SHRINK_BUDGET_MS,
  DEFAULT_SHRINK_MAX_RUNS,
  SHRINK_MOVES,
  type ShrinkOptions,
  type ShrinkOutcome,
  type ShrinkProgress,
  type ShrinkStop,
  shrinkFailure,
} from "./shrink/shrink-failure.js";
export type { ShrinkMove, ShrinkState } from "./shrink/shrink-move.js";
export type { ShrinkSize } from "./shrink/shrink-size.js";
export { type SystemSource, systemSource } from "./shrink/system-source.js";
export * from "./sim/index.js";
export * from "./systems/definition.js";
export { BUILT_IN_SYSTEMS, findBuiltInSystem } from "./systems/registry.js";
export { kvGenerator, type OperationGenerator, setGenerator } from "./workload/generator.js";
export * from "./workload/protocol.js";
export {
  type RecoveryOutcome,
  Workload,
  type WorkloadEvent,
  type WorkloadOptions,
  type WorkloadStats,
} from "./workload/workload.js";
