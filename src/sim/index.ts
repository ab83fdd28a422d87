/**
 * The deterministic simulation kernel's public surface.
 */
export { AssertionError, assert } from "./assert.js";
export {
  checkDeterminism,
  type DeterminismCheck,
  type SimulationDriver,
} from "./check-determinism.js";
export { type ClockReading, MAX_DRIFT_PPM, NodeClock } from "./clock.js";
export {
  DeterminismViolation,
  enableDeterminismGuard,
  harnessWallClockMs,
  type ViolationReport,
} from "./determinism-guard.js";
export { digestValue, OWN_DIGEST, rememberDigest } from "./digest.js";
export {
  type Disk,
  type DiskFaults,
  DiskReadError,
  NO_DISK_FAULTS,
  SimDisk,
  TornRecord,
} from "./disk.js";
export { EventQueue, type QueueEntry } from "./event-queue.js";
export { Network } from "./network.js";
export type {
  CallOptions,
  CallResult,
  ClientRequest,
  IncomingMessage,
  NodeContext,
  NodeFactory,
  NodeId,
  NodeInit,
  NodeSummary,
  SystemNode,
  TimerId,
} from "./node-api.js";
export type { NodeStatus } from "./node-slot.js";
export {
  DEFAULT_NETWORK,
  type NetworkOptions,
  type SimulationConfig,
  SimulationConfigError,
  type SimulationOptions,
} from "./options.js";
export {
  bridgePlan,
  groupsPlan,
  halvesPlan,
  isolatePlan,
  type Link,
  majoritiesRingPlan,
  oneWayPlan,
  type PartitionPlan,
  type PartitionShapeName,
  shapePlan,
} from "./partition-shapes.js";
export { RandomStream, RandomStreams, type Seed } from "./random.js";
export { describeRunStop, isRunFailure, type RunFailure, type RunStop } from "./run-stop.js";
export {
  type ReportListener,
  Simulation,
  type SimulationResult,
  type StrobeOptions,
} from "./simulation.js";
export { type RunUntilOptions, runFor, runUntil } from "./stepping.js";
export { formatTime, ms, seconds, US_PER_MS, US_PER_SECOND } from "./time.js";
export {
  DropReason,
  type DropReasonName,
  dropReasonName,
  firstDivergence,
  Trace,
  type TraceDivergence,
  type TraceEvent,
  TraceKind,
  type TraceKindName,
  type TraceMode,
} from "./trace.js";
