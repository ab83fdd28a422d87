/**
 * How big a failing run is, as the shrinker sees it. Sizes compare lexicographically, most
 * important first: fault episodes, then client operations, then nodes, client processes,
 * faults aimed at a named node, network randomness, fault time, run length, and the
 * smaller knobs. A candidate replaces
 * the current reproducer only when it is strictly smaller, so every accepted step makes
 * progress and the search ends. The times (fault time, run length, fault starts) can
 * also be left out of the comparison: a run redrawn only to end a millisecond sooner is
 * not worth what trying it costs while there are counts left to cut.
 */
import type { RunResult } from "../scenario/run-result.js";
import type { Scenario } from "../scenario/scenario.js";
import { towardsLeader } from "./fault-moves.js";

/** The measures of one reproducer, most important first. */
export interface ShrinkSize {
  /** Fault episodes in the schedule. */
  readonly faults: number;
  /** Client operations invoked (main and recovery phases). */
  readonly operations: number;
  readonly nodes: number;
  readonly clients: number;
  /** Faults aimed at a named node rather than at the leader (the leader tells the story). */
  readonly aimedAtNodes: number;
  /** Random network settings still on: latency ranges, loss, duplication (0 to 4). */
  readonly networkNoise: number;
  /** Total virtual time under a fault, in microseconds. */
  readonly faultUs: number;
  /** Length of the main phase, in microseconds. */
  readonly mainUs: number;
  /** Sum of the fault start times, in microseconds (earlier is simpler: less history before). */
  readonly faultStartUs: number;
  readonly keys: number;
  /** Operation kinds in the workload mix. */
  readonly operationKinds: number;
  readonly recoveryOpsPerClient: number;
}

const ORDER: readonly (keyof ShrinkSize)[] = [
  "faults",
  "operations",
  "nodes",
  "clients",
  "aimedAtNodes",
  "networkNoise",
  "faultUs",
  "mainUs",
  "faultStartUs",
  "keys",
  "operationKinds",
  "recoveryOpsPerClient",
];

function networkNoise(scenario: Scenario): number {
  const { network } = scenario;
  return (
    Number(network.latencyUsMax > network.latencyUsMin) +
    Number(network.clientLatencyUsMax > network.clientLatencyUsMin) +
    Number(network.dropRate > 0) +
    Number(network.duplicateRate > 0)
  );
}

/** How long an episode of `scenario`'s schedule lasts within the main phase. */
export function effectiveDurationUs(
  scenario: Scenario,
  episode: Scenario["schedule"][number],
): number {
  const untilRecovery = Math.max(0, scenario.mainUs - episode.atUs);
  return episode.durationUs === undefined
    ? untilRecovery
    : Math.min(episode.durationUs, untilRecovery);
}

/** The size of `scenario`, given `result`, a run of it. */
export function shrinkSize(scenario: Scenario, result: RunResult): ShrinkSize {
  return {
    faults: scenario.schedule.length,
    operations: result.ops.invoked,
    nodes: scenario.nodes,
    clients: scenario.workload.clients,
    aimedAtNodes: scenario.schedule.filter((episode) => towardsLeader(episode.fault) !== undefined)
      .length,
    networkNoise: networkNoise(scenario),
    faultUs: scenario.schedule.reduce((sum, e) => sum + effectiveDurationUs(scenario, e), 0),
    mainUs: scenario.mainUs,
    faultStartUs: scenario.schedule.reduce((sum, episode) => sum + episode.atUs, 0),
    keys: scenario.workload.keys,
    operationKinds: Object.values(scenario.workload.mix).filter((weight) => weight > 0).length,
    recoveryOpsPerClient: scenario.recovery.opsPerClient,
  };
}

/** The measures that are times: continuous, where a step may gain as little as a millisecond. */
const TIMES: readonly (keyof ShrinkSize)[] = ["faultUs", "mainUs", "faultStartUs"];

/** The measures that count things (faults, operations, nodes, ...), in order. */
const COUNTS: readonly (keyof ShrinkSize)[] = ORDER.filter((key) => !TIMES.includes(key));

/** Which measures a comparison looks at: all of them, or only the counts. */
export type SizeMeasures = "all" | "counts";

/**
 * Whether `a` is strictly smaller than `b` (lexicographically, in the order above), looking
 * at every measure or, with `"counts"`, at all but the times.
 *
 * @example
 * ```ts
 * isSmaller(candidate, current); // true when it has fewer faults, say
 * isSmaller(candidate, current, "counts"); // false when it only ends sooner
 * ```
 */
export function isSmaller(a: ShrinkSize, b: ShrinkSize, measures: SizeMeasures = "all"): boolean {
  for (const key of measures === "all" ? ORDER : COUNTS) {
    if (a[key] !== b[key]) return a[key] < b[key];
  }
  return false;
}
