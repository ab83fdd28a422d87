/**
 * The settings of one process trial, as `faultline maelstrom test` builds them from
 * Maelstrom's flags (same names, meanings and defaults) and faultline's own, checked once
 * by the command before anything starts. Durations carry their unit in their name.
 */
import type { TopologyName } from "../maelstrom/topology.js";
import type { ProcessFaultKind } from "./fault-plan.js";
import type { LatencySetting } from "./latency.js";
import type { NodeCommand } from "./node-command.js";

/** Maelstrom's defaults, where Maelstrom has one. */
export const MAELSTROM_DEFAULTS = {
  workload: "lin-kv",
  /** Jepsen's default node list, used when `--node-count` is not given. */
  nodes: ["n1", "n2", "n3", "n4", "n5"],
  timeLimitSeconds: 60,
  rate: 5,
  latencyMs: 0,
  latencyDistribution: "constant",
  nemesisIntervalSeconds: 10,
  topology: "grid",
  maxTxnLength: 4,
  maxWritesPerKey: 16,
  consistencyModels: ["strict-serializable"],
  /** Maelstrom waits this long after healing before the final operations. */
  recoverySeconds: 10,
  /** Maelstrom's timeout for `init_ok`. */
  initTimeoutSeconds: 10,
  /** Maelstrom's client timeout for one request. */
  requestTimeoutMs: 5000,
} as const;

/** faultline's bounds on a misbehaving node. */
export const PROCESS_LIMITS = {
  /** The longest stdout line a node may write. */
  maxLineBytes: 1024 * 1024,
  /** Lines per second one node may write before it counts as flooding. */
  maxLinesPerSecond: 200_000,
  /** Messages in flight in the network at most. */
  maxInFlight: 1_000_000,
  /** Messages kept in the recording at most. */
  maxRecordedMessages: 1_000_000,
  /** Stderr lines kept in the recording at most (the log files keep all). */
  maxRecordedStderrLines: 20_000,
} as const;

/** Which fraction of requests must succeed: `total` (all) or a fraction in [0, 1]. */
export type Availability = number | "total";

/** Everything one trial needs. */
export interface ProcessTestOptions {
  /** The workload's name (`echo`, `broadcast`, `lin-kv`, ...). */
  readonly workload: string;
  readonly command: NodeCommand;
  readonly nodeIds: readonly string[];
  readonly seed: number;
  readonly timeLimitMs: number;
  /** Client requests per second, across all clients (0: none). */
  readonly ratePerSecond: number;
  /** How many clients run at once. */
  readonly concurrency: number;
  readonly latency: LatencySetting;
  readonly nemesis: readonly ProcessFaultKind[];
  readonly nemesisIntervalMs: number;
  readonly topology: TopologyName;
  readonly availability: Availability | undefined;
  readonly keyCount: number | undefined;
  readonly maxTxnLength: number;
  readonly maxWritesPerKey: number;
  readonly consistencyModels: readonly string[];
  /** Print every node's stderr lines as they come. */
  readonly logStderr: boolean;
  /** How long to wait after healing before the final operations. */
  readonly recoveryMs: number;
  readonly initTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Where the recording and node logs go. */
  readonly outDirectory: string;
  /** Where nodes run and relative paths are resolved. */
  readonly cwd: string;
}
