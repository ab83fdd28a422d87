/**
 * How big a failing run is, as the shrinker sees it. Sizes compare lexicographically, most
 * important first: fault episodes, then client operations, then nodes, client processes,
 * faults aimed at a named node, network randomness, fault time, run length, and the
 * smaller knobs. A candidate replaces
 * the current reproducer only when it is strictly smaller, so every accepted step makes
 * progress and the search ends.
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

/** Whether `a` is strictly smaller than `b` (lexicographically, in the order above). */
export function isSmaller(a: ShrinkSize, b: ShrinkSize): boolean {
  for (const key of ORDER) {
    if (a[key] !== b[key]) return a[key] < b[key];
  }
  return false;
}
