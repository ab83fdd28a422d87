/**
 * faultline: deterministic simulation and fault-injection testing for distributed systems.
 *
 * This module is the public API. Everything a user (or a reference system) needs is
 * exported from here.
 */

export * as arbitrary from "./arbitrary/index.js";
// Checking histories: the history model, importers, models and the linearizability checker.
export {
  type CheckOptions,
  checkLinearizability,
  checkPreparedHistory,
} from "./checkers/check-linearizability.js";
export * from "./checkers/convergence.js";
export * from "./checkers/convergence-invariant.js";
export {
  type MinimalViolation,
  type MinimizeOptions,
  minimizeViolation,
} from "./checkers/explain/minimize-violation.js";
export { renderHtml } from "./checkers/explain/render-html.js";
export { renderLanes } from "./checkers/explain/render-lanes.js";
export { renderViolation } from "./checkers/explain/render-violation.js";
export {
  type OperationRole,
  type VisualizationData,
  type VisualOperation,
  type VisualPartition,
  visualizationData,
} from "./checkers/explain/visualization-data.js";
export * from "./checkers/fencing.js";
export * from "./checkers/fencing-invariant.js";
export {
  detectHistoryFormat,
  HISTORY_FORMATS,
  type HistoryFormat,
  type ParsedHistory,
  parseHistory,
} from "./checkers/formats/history-format.js";
export { parseJepsenEdn } from "./checkers/formats/jepsen-edn.js";
export { parseJepsenEtcd } from "./checkers/formats/jepsen-etcd.js";
export { parseJsonl } from "./checkers/formats/jsonl.js";
export { parsePorcupineKv } from "./checkers/formats/porcupine-kv.js";
export {
  EVENT_TYPES,
  type EventType,
  type HistoryEvent,
  type HistorySource,
  type ProcessId,
  type SourcedHistory,
} from "./checkers/history.js";
export {
  type Checked,
  formatHistoryProblem,
  HistoryError,
  type HistoryProblem,
} from "./checkers/history-problem.js";
export type {
  CheckCounts,
  DescribedOperation,
  LinearizabilityResult,
  LinearizedStep,
  ViolationExplanation,
} from "./checkers/linearizability-result.js";
export * from "./checkers/membership-accuracy.js";
export * from "./checkers/membership-invariant.js";
export {
  ILLEGAL,
  type Model,
  type PartitionKey,
  type PrepareOutcome,
  type StepOutcome,
} from "./checkers/model.js";
export { BUILTIN_MODELS } from "./checkers/models/builtin-models.js";
export type { CellOp } from "./checkers/models/cell.js";
export { CellState } from "./checkers/models/cell-state.js";
export { type KvOp as KvModelOp, kvModel } from "./checkers/models/kv.js";
export { type MutexOp, type MutexState, mutexModel } from "./checkers/models/mutex.js";
export { registerModel } from "./checkers/models/register.js";
export * from "./checkers/mutual-exclusion.js";
export * from "./checkers/mutual-exclusion-invariant.js";
export { formatProcess, type Operation, type OperationStatus } from "./checkers/operation.js";
export { pairOperations } from "./checkers/pair-operations.js";
export {
  type PreparedHistory,
  type PreparedPartition,
  prepareHistory,
  prepareOperations,
} from "./checkers/prepare-history.js";
export * from "./checkers/resource-access.js";
export {
  DEFAULT_MAX_STEPS,
  DEFAULT_POLL_EVERY_STEPS,
  type SearchLimits,
  type StopReason,
} from "./checkers/search/search-budget.js";
export * from "./checkers/sessions.js";
export * from "./checkers/sessions-invariant.js";
export * from "./checkers/txn/index.js";
export { formatValue, hashValue, sameValue, type Value } from "./checkers/value.js";
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
export * from "./systems/coord/index.js";
export * from "./systems/definition.js";
export { type AddAcknowledgedFact, createGossipNode } from "./systems/gossip/gossip-node.js";
export * from "./systems/gossip/gossip-options.js";
export { gossipFactory, gossipSystem } from "./systems/gossip/gossip-system.js";
export { GrowOnlySet } from "./systems/gossip/grow-only-set.js";
export type { MemberRecord, MemberStatus, MemberUpdate } from "./systems/gossip/member-state.js";
export type {
  ReplicatedState,
  ReplicatedStateFactory,
  ServedOperation,
} from "./systems/gossip/replicated-state.js";
export type { MemberFact } from "./systems/gossip/swim-membership.js";
export * from "./systems/kv/cluster-order.js";
export * from "./systems/kv/kv-single.js";
export * from "./systems/kv/kv-state-machine.js";
export type { ViewStartedFact } from "./systems/kv/primary-backup/primary-backup-node.js";
export * from "./systems/kv/primary-backup/primary-backup-options.js";
export { kvPrimaryBackupSystem } from "./systems/kv/primary-backup/primary-backup-system.js";
export * from "./systems/kv/quorum/quorum-options.js";
export { kvQuorumSystem } from "./systems/kv/quorum/quorum-system.js";
export { compareVersions, type Version } from "./systems/kv/quorum/version.js";
export * from "./systems/raft/index.js";
export { BUILT_IN_SYSTEMS, findBuiltInSystem } from "./systems/registry.js";
export { version } from "./version.js";
export {
  kvGenerator,
  type LockGeneratorOptions,
  lockGenerator,
  type OperationGenerator,
  setGenerator,
} from "./workload/generator.js";
export * from "./workload/protocol.js";
export {
  type RecoveryOutcome,
  Workload,
  type WorkloadEvent,
  type WorkloadOptions,
  type WorkloadStats,
} from "./workload/workload.js";
