/**
 * A simulation's options, checked once when the simulation is built. Every setting has a
 * unit in its name, a default and a bound; a bad value is a `SimulationConfigError` that
 * names the field, what was expected and what was found. The resolved settings (defaults
 * filled in) are echoed in the run's result.
 */
import { type ClockReading, MAX_DRIFT_PPM } from "./clock.js";
import type { DiskFaults } from "./disk.js";
import { NO_DISK_FAULTS } from "./disk.js";
import type { NodeFactory, NodeId } from "./node-api.js";
import type { Seed } from "./random.js";
import { seconds } from "./time.js";
import type { TraceMode } from "./trace.js";

/** Network behaviour between nodes (and between clients and nodes). */
export interface NetworkOptions {
  /** Smallest one-way latency between nodes, in microseconds. */
  readonly latencyUsMin: number;
  /** Largest one-way latency between nodes, in microseconds (drawn uniformly in between). */
  readonly latencyUsMax: number;
  /** Chance that a message between nodes is lost, in [0, 1]. */
  readonly dropRate: number;
  /** Chance that a message between nodes is delivered twice, in [0, 1]. */
  readonly duplicateRate: number;
  /** Whether each link delivers in send order (like TCP); otherwise latency reorders. */
  readonly fifo: boolean;
  /** Smallest one-way latency between a client and a node, in microseconds. */
  readonly clientLatencyUsMin: number;
  /** Largest one-way latency between a client and a node, in microseconds. */
  readonly clientLatencyUsMax: number;
}

/** Default network: 1–10 ms latency, no loss, no duplicates, reordering allowed. */
export const DEFAULT_NETWORK: NetworkOptions = {
  latencyUsMin: 1_000,
  latencyUsMax: 10_000,
  dropRate: 0,
  duplicateRate: 0,
  fifo: false,
  clientLatencyUsMin: 500,
  clientLatencyUsMax: 2_000,
};

/** Options of `new Simulation(...)`. */
export interface SimulationOptions {
  /** The seed: the same seed replays the same run. */
  readonly seed: Seed;
  /** How many nodes (named n1..nN), or their names. */
  readonly nodes: number | readonly NodeId[];
  /** The system under test. */
  readonly system: NodeFactory;
  /** Network behaviour; missing fields take `DEFAULT_NETWORK`'s. */
  readonly network?: Partial<NetworkOptions>;
  /** Disk fault probabilities for every node; default none. */
  readonly diskFaults?: Partial<DiskFaults>;
  /** Virtual time at which the run stops, in microseconds. Default 10 minutes. */
  readonly maxTimeUs?: number;
  /** Most events the run may process before it is stopped. Default 10 million. */
  readonly maxEvents?: number;
  /** Keep every trace record ("full", the default) or only the hash ("hash"). */
  readonly trace?: TraceMode;
  /** Keep message bodies with the trace (for replay viewers). Default false. */
  readonly keepPayloads?: boolean;
  /**
   * Make wall-clock, unseeded-random, real-timer and real-I/O calls throw while the run is in
   * progress, and end the run with a `nondeterminism` stop. Default false for a simulation
   * built by hand; `runScenario`, `checkDeterminism`, the command line and the vitest helpers
   * turn it on unless told otherwise.
   */
  readonly determinismGuard?: boolean;
  /** Each node's clock at the start, by node name; unnamed nodes start on true time. */
  readonly clocks?: { readonly [node: NodeId]: Partial<ClockReading> };
}

/** The options with defaults filled in and checked. */
export interface SimulationConfig {
  readonly seed: Seed;
  readonly nodeIds: readonly NodeId[];
  readonly network: NetworkOptions;
  readonly diskFaults: DiskFaults;
  readonly maxTimeUs: number;
  readonly maxEvents: number;
  readonly trace: TraceMode;
  readonly keepPayloads: boolean;
  readonly determinismGuard: boolean;
  /** Every node's starting clock, by node name. */
  readonly clocks: { readonly [node: NodeId]: ClockReading };
}

/** A simulation option that is out of range or of the wrong type. */
export class SimulationConfigError extends Error {
  override readonly name = "SimulationConfigError";
}

function fail(field: string, expected: string, found: unknown): never {
  throw new SimulationConfigError(`${field}: expected ${expected}, found ${JSON.stringify(found)}`);
}

function checkInteger(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) fail(field, `an integer >= ${min}`, value);
  return value;
}

function checkRate(field: string, value: number): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1))
    fail(field, "a number in [0, 1]", value);
  return value;
}

/**
 * The engine's shared (internalized) copy of a name. The kernel compares node names on every
 * send; two different shared strings are told apart by identity, where two built strings of
 * equal length (`n1`, `n2` from a template) are compared character by character. A property
 * key is always stored shared, so reading one back gives the shared copy.
 */
function sharedName(name: string): string {
  const key = Object.keys({ [name]: true })[0];
  return key === name ? key : name;
}

function resolveNodeIds(nodes: number | readonly NodeId[]): readonly NodeId[] {
  if (typeof nodes === "number") {
    checkInteger("nodes", nodes, 1);
    return Array.from({ length: nodes }, (_, i) => sharedName(`n${i + 1}`));
  }
  if (!Array.isArray(nodes) || nodes.length === 0)
    fail("nodes", "a count or a non-empty list of names", nodes);
  const seen = new Set<string>();
  for (const id of nodes) {
    if (typeof id !== "string" || id.length === 0) fail("nodes[]", "a non-empty name", id);
    if (seen.has(id)) fail("nodes", "distinct names", id);
    seen.add(id);
  }
  return nodes.map(sharedName);
}

function resolveNetwork(partial: Partial<NetworkOptions> | undefined): NetworkOptions {
  const network = { ...DEFAULT_NETWORK, ...partial };
  checkInteger("network.latencyUsMin", network.latencyUsMin, 0);
  checkInteger("network.latencyUsMax", network.latencyUsMax, network.latencyUsMin);
  checkInteger("network.clientLatencyUsMin", network.clientLatencyUsMin, 0);
  checkInteger(
    "network.clientLatencyUsMax",
    network.clientLatencyUsMax,
    network.clientLatencyUsMin,
  );
  checkRate("network.dropRate", network.dropRate);
  checkRate("network.duplicateRate", network.duplicateRate);
  if (typeof network.fifo !== "boolean") fail("network.fifo", "a boolean", network.fifo);
  return network;
}

function checkBoolean(field: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(field, "a boolean", value);
  return value;
}

function resolveClocks(
  nodeIds: readonly NodeId[],
  clocks: SimulationOptions["clocks"],
): SimulationConfig["clocks"] {
  const given = clocks ?? {};
  if (typeof given !== "object" || given === null) fail("clocks", "an object by node name", given);
  for (const node of Object.keys(given)) {
    if (!nodeIds.includes(node))
      fail(`clocks.${node}`, `a node name (${nodeIds.join(", ")})`, node);
  }
  const resolved: Record<NodeId, ClockReading> = {};
  for (const node of nodeIds) {
    const { offsetUs = 0, driftPpm = 0 } = (Object.hasOwn(given, node) ? given[node] : {}) ?? {};
    if (!Number.isSafeInteger(offsetUs)) fail(`clocks.${node}.offsetUs`, "an integer", offsetUs);
    if (!(typeof driftPpm === "number" && Math.abs(driftPpm) <= MAX_DRIFT_PPM)) {
      fail(`clocks.${node}.driftPpm`, `a number within ±${MAX_DRIFT_PPM}`, driftPpm);
    }
    resolved[node] = { offsetUs, driftPpm };
  }
  return resolved;
}

function resolveDiskFaults(partial: Partial<DiskFaults> | undefined): DiskFaults {
  const faults = { ...NO_DISK_FAULTS, ...partial };
  checkRate("diskFaults.partialFlushRate", faults.partialFlushRate);
  checkRate("diskFaults.tornWriteRate", faults.tornWriteRate);
  checkRate("diskFaults.readErrorRate", faults.readErrorRate);
  return faults;
}

/** Checks `options` and fills in defaults; throws `SimulationConfigError` on a bad value. */
export function resolveSimulationOptions(options: SimulationOptions): SimulationConfig {
  const seed = options.seed;
  if (!(typeof seed === "string" || Number.isSafeInteger(seed)))
    fail("seed", "an integer or a string", seed);
  if (typeof options.system !== "function")
    fail("system", "a node factory function", typeof options.system);
  const trace = options.trace ?? "full";
  if (trace !== "full" && trace !== "hash") fail("trace", '"full" or "hash"', trace);
  const nodeIds = resolveNodeIds(options.nodes);
  return {
    seed,
    nodeIds,
    network: resolveNetwork(options.network),
    diskFaults: resolveDiskFaults(options.diskFaults),
    maxTimeUs: checkInteger("maxTimeUs", options.maxTimeUs ?? seconds(600), 1),
    maxEvents: checkInteger("maxEvents", options.maxEvents ?? 10_000_000, 1),
    trace,
    keepPayloads: checkBoolean("keepPayloads", options.keepPayloads, false),
    determinismGuard: checkBoolean("determinismGuard", options.determinismGuard, false),
    clocks: resolveClocks(nodeIds, options.clocks),
  };
}
