/**
 * A scenario, resolved: everything one run needs, checked and in the kernel's units. It is
 * built from a validated scenario file (or an object of the same shape) and a resolved
 * system; `runScenario` runs it for a seed.
 */
import { type FaultEpisode, isNodeTarget } from "../nemesis/fault.js";
import { DEFAULT_RANDOM_NEMESIS, type RandomNemesisOptions } from "../nemesis/random-nemesis.js";
import type { NetworkOptions } from "../sim/options.js";
import type { PartitionShapeName } from "../sim/partition-shapes.js";
import type { SystemDefinition, WorkloadKind } from "../systems/definition.js";
import type { KeyDistribution, OperationMix } from "../workload/generator.js";
import { resolveMaelstromWorkload, type ScenarioMaelstrom } from "./maelstrom-workload.js";
import { ScenarioError } from "./scenario-error.js";
import type { ScenarioFile, ScheduleEntry } from "./schema.js";

/** The system of a scenario, with its options validated. */
export interface ResolvedSystem {
  // biome-ignore lint/suspicious/noExplicitAny: definitions differ in their option types
  readonly definition: SystemDefinition<any>;
  readonly options: unknown;
  /** How the scenario named it: a built-in name or a module path. */
  readonly label: string;
}

/** The client workload of a scenario. */
export interface ScenarioWorkload {
  readonly kind: WorkloadKind;
  readonly clients: number;
  readonly thinkUs: { readonly minUs: number; readonly maxUs: number };
  readonly timeoutUs: number;
  readonly keys: number;
  readonly keyDistribution: KeyDistribution;
  readonly mix: OperationMix;
  readonly maxOps: number | undefined;
  readonly maxRedirects: number;
  readonly routing: "sticky" | "home";
}

/** The checks of a scenario. */
export interface ScenarioChecks {
  readonly linearizability: "kv" | "register" | "mutex" | false;
  readonly invariants: boolean;
  readonly liveness: boolean;
  readonly invariantIntervalUs: number;
  readonly checkerSteps: number;
}

/** A scenario ready to run. */
export interface Scenario {
  readonly name: string;
  readonly description: string | undefined;
  /** Absolute path of the scenario file, when it came from one. */
  readonly file: string | undefined;
  readonly system: ResolvedSystem;
  readonly nodes: number;
  readonly network: NetworkOptions;
  /** Length of the main phase, in microseconds. */
  readonly mainUs: number;
  readonly workload: ScenarioWorkload;
  readonly recovery: {
    readonly opsPerClient: number;
    readonly budgetUs: number;
    /** Least time after healing before the end-of-run checks. */
    readonly settleUs: number;
  };
  /** Explicit fault episodes. */
  readonly schedule: readonly FaultEpisode[];
  /** The random nemesis, when the scenario has one. */
  readonly randomNemesis: RandomNemesisOptions | undefined;
  readonly checks: ScenarioChecks;
  /** The Maelstrom workload, when the system is a Maelstrom node program. */
  readonly maelstrom: ScenarioMaelstrom | undefined;
  readonly maxEvents: number;
  /** Default seeds for a sweep. */
  readonly seeds: readonly number[];
  /**
   * Whether runs make wall-clock, unseeded-random, real-timer and real-I/O calls inside a
   * node a `nondeterminism` finding (default true; see `SimulationOptions.determinismGuard`).
   */
  readonly determinismGuard: boolean;
}

const DEFAULT_MIX: Readonly<Record<WorkloadKind, OperationMix>> = {
  kv: { read: 2, write: 1, cas: 1 },
  set: { add: 3, "read-set": 1 },
  // Lock clients alternate acquire and release; the mix names the operations only.
  lock: { acquire: 1, release: 1 },
  none: {},
};

type Fail = (path: string, problem: string) => never;

/** The name of the system a `system.maelstrom` node program becomes. */
export const MAELSTROM_SYSTEM_NAME = "maelstrom";

/** The linearizability model a workload's history is checked against when the file names none. */
function defaultModel(kind: WorkloadKind): ScenarioChecks["linearizability"] {
  if (kind === "kv") return "kv";
  return kind === "lock" ? "mutex" : false;
}

function resolveMix(kind: WorkloadKind, mix: OperationMix | undefined, fail: Fail): OperationMix {
  const allowed = Object.keys(DEFAULT_MIX[kind]);
  if (mix === undefined) return DEFAULT_MIX[kind];
  for (const f of Object.keys(mix)) {
    if (!allowed.includes(f)) {
      fail(
        `workload.mix.${f}`,
        `the ${kind} workload has operations ${allowed.join(", ")}; found "${f}"`,
      );
    }
  }
  if (!Object.values(mix).some((weight) => weight > 0))
    fail("workload.mix", "expected a positive weight");
  return mix;
}

function checkTarget(target: string, nodeIds: readonly string[], path: string, fail: Fail): string {
  if (!isNodeTarget(target) || nodeIds.includes(target)) return target;
  return fail(
    path,
    `expected a node (${nodeIds.join(", ")}), "leader", "lock-holder" or "random"; found "${target}"`,
  );
}

function checkNodes(
  nodes: readonly string[] | undefined,
  nodeIds: readonly string[],
  path: string,
  fail: Fail,
) {
  for (const node of nodes ?? []) {
    if (!nodeIds.includes(node))
      fail(path, `unknown node "${node}"; nodes are ${nodeIds.join(", ")}`);
  }
}

function partitionEpisodeFault(
  entry: Extract<ScheduleEntry, { fault: "partition" }>,
  nodeIds: readonly string[],
  path: string,
  fail: Fail,
): FaultEpisode["fault"] {
  const forms = [entry.shape, entry.groups, entry.from ?? entry.to, entry.links].filter(
    (form) => form !== undefined,
  );
  if (forms.length !== 1)
    fail(path, "a partition needs exactly one of shape, groups, from+to, or links");
  if (entry.groups !== undefined) {
    for (const [index, group] of entry.groups.entries()) {
      checkNodes(group, nodeIds, `${path}.groups.${index}`, fail);
    }
    return { kind: "partition", groups: entry.groups };
  }
  if (entry.links !== undefined) {
    for (const [index, link] of entry.links.entries()) {
      checkNodes(link, nodeIds, `${path}.links.${index}`, fail);
    }
    return { kind: "partition", links: entry.links };
  }
  if (entry.from !== undefined || entry.to !== undefined) {
    if (entry.from === undefined || entry.to === undefined)
      fail(path, "a one-way partition needs both from and to");
    checkNodes(entry.from, nodeIds, `${path}.from`, fail);
    checkNodes(entry.to, nodeIds, `${path}.to`, fail);
    return { kind: "partition", oneWay: { from: entry.from, to: entry.to } };
  }
  const shape = entry.shape as PartitionShapeName | "isolate-leader";
  if (entry.target !== undefined) {
    if (shape !== "isolate")
      fail(`${path}.target`, `only the isolate shape takes a target, not ${shape}`);
    return {
      kind: "partition",
      shape,
      target: checkTarget(entry.target, nodeIds, `${path}.target`, fail),
    };
  }
  return { kind: "partition", shape };
}

function episodeFault(
  entry: ScheduleEntry,
  nodeIds: readonly string[],
  path: string,
  fail: Fail,
): FaultEpisode["fault"] {
  switch (entry.fault) {
    case "partition":
      return partitionEpisodeFault(entry, nodeIds, path, fail);
    case "crash":
    case "pause":
      return {
        kind: entry.fault,
        target: checkTarget(entry.target, nodeIds, `${path}.target`, fail),
      };
    case "clock-bump":
      return {
        kind: "clock-bump",
        target: checkTarget(entry.target, nodeIds, `${path}.target`, fail),
        deltaUs: entry.delta,
      };
    case "clock-strobe":
      return {
        kind: "clock-strobe",
        target: checkTarget(entry.target, nodeIds, `${path}.target`, fail),
        deltaUs: entry.delta,
        periodUs: Math.max(1, entry.period),
      };
    case "clock-drift":
      return {
        kind: "clock-drift",
        target: checkTarget(entry.target, nodeIds, `${path}.target`, fail),
        driftPpm: entry.driftPpm,
      };
    case "loss":
    case "duplicate":
      return { kind: entry.fault, rate: entry.rate };
    case "delay":
      return { kind: "delay", minUs: entry.latency.minUs, maxUs: entry.latency.maxUs };
    case "disk":
      return {
        kind: "disk",
        target: checkTarget(entry.target, nodeIds, `${path}.target`, fail),
        faults: {
          partialFlushRate: entry.partialFlushRate,
          tornWriteRate: entry.tornWriteRate,
          readErrorRate: entry.readErrorRate,
        },
      };
  }
}

function resolveRandomNemesis(
  random: ScenarioFile["nemesis"]["random"],
): RandomNemesisOptions | undefined {
  if (random === undefined) return undefined;
  const weights = Array.isArray(random.faults)
    ? Object.fromEntries(random.faults.map((kind) => [kind, 1]))
    : random.faults;
  return {
    weights,
    intervalUs: random.interval,
    durationUs: random.duration,
    swarm: random.swarm,
    leaderBias: random.leaderBias,
    holderBias: random.holderBias,
    shapes: random.shapes ?? DEFAULT_RANDOM_NEMESIS.shapes,
    clockDeltaUs: random.clockDelta,
    strobePeriodUs: random.strobePeriod,
    driftPpmMax: random.driftPpmMax,
    lossRate: random.lossRate,
    duplicateRate: random.duplicateRate,
    delayUs: random.delay,
    disk: random.disk,
  };
}

/**
 * Resolves a validated scenario file against its system. `fail` reports a problem at a
 * field path (as a `ScenarioError` naming the file); node names in the nemesis schedule
 * and the workload's operation mix are checked here, where the system is known.
 */
export function resolveScenario(
  file: ScenarioFile,
  system: ResolvedSystem,
  origin: { readonly file: string | undefined; readonly fail?: Fail },
): Scenario {
  const fail: Fail =
    origin.fail ??
    ((path, problem) => {
      throw new ScenarioError({ file: origin.file ?? "<scenario>", path }, problem);
    });
  const nodeIds = Array.from({ length: file.nodes }, (_, index) => `n${index + 1}`);
  const kind = system.definition.workload;
  const maelstrom = resolveMaelstromWorkload(
    file.workload,
    nodeIds,
    system.definition.name === MAELSTROM_SYSTEM_NAME,
    fail,
  );
  const schedule = file.nemesis.schedule.map((entry, index) => {
    const path = `nemesis.schedule.${index}`;
    const fault = episodeFault(entry, nodeIds, path, fail);
    return entry.duration === undefined
      ? { atUs: entry.at, fault }
      : { atUs: entry.at, durationUs: entry.duration, fault };
  });
  const linearizability =
    file.checks.linearizability === undefined
      ? defaultModel(kind)
      : file.checks.linearizability === false
        ? false
        : file.checks.linearizability.model;
  return {
    name: file.name,
    description: file.description,
    file: origin.file,
    system,
    nodes: file.nodes,
    network: {
      latencyUsMin: file.network.latency.minUs,
      latencyUsMax: file.network.latency.maxUs,
      clientLatencyUsMin: file.network.clientLatency.minUs,
      clientLatencyUsMax: file.network.clientLatency.maxUs,
      dropRate: file.network.dropRate,
      duplicateRate: file.network.duplicateRate,
      fifo: file.network.fifo,
    },
    mainUs: file.duration,
    workload: {
      kind,
      clients: file.workload.clients,
      thinkUs: file.workload.think,
      timeoutUs: file.workload.timeout,
      keys: file.workload.keys,
      keyDistribution: file.workload.keyDistribution,
      mix: resolveMix(kind, file.workload.mix, fail),
      maxOps: file.workload.maxOps,
      maxRedirects: file.workload.maxRedirects,
      routing: file.workload.routing,
    },
    recovery: {
      opsPerClient: file.recovery.opsPerClient,
      budgetUs: file.recovery.budget,
      settleUs: file.recovery.settle,
    },
    schedule,
    randomNemesis: resolveRandomNemesis(file.nemesis.random),
    checks: {
      linearizability,
      invariants: file.checks.invariants,
      liveness: file.checks.liveness,
      invariantIntervalUs: file.checks.invariantInterval,
      checkerSteps: file.checks.checkerSteps,
    },
    maelstrom,
    maxEvents: file.maxEvents,
    seeds: file.seeds,
    determinismGuard: file.determinismGuard,
  };
}
