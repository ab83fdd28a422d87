/**
 * Pinning a failing run: turning what the seed chose into explicit data, before anything
 * is cut. The random nemesis's schedule is replaced by the schedule the nemesis actually
 * applied, with every target resolved (`leader` and `random` become the node that was hit,
 * a drawn partition shape becomes its cut links). The pinned scenario replays the same
 * run, and a shrinker can then drop or change one fault without redrawing the others.
 */
import type { FaultEpisode } from "../nemesis/fault.js";
import type { AppliedFault } from "../nemesis/nemesis.js";
import type { RunResult } from "../scenario/run-result.js";
import type { Scenario } from "../scenario/scenario.js";

/** The episode that replays `applied`, a fault of a main phase that ended at `mainUs`. */
export function pinnedEpisode(applied: AppliedFault, mainUs: number): FaultEpisode {
  // A fault still active when the recovery phase began lasted "until recovery".
  if (applied.endUs === undefined || applied.endUs >= mainUs)
    return { atUs: applied.atUs, fault: applied.fault };
  return { atUs: applied.atUs, durationUs: applied.endUs - applied.atUs, fault: applied.fault };
}

/**
 * `scenario` with the faults of `result` (a run of it) as its explicit schedule and no
 * random nemesis.
 *
 * @example
 * ```ts
 * const result = await runScenario(scenario, 7);
 * const pinned = pinSchedule(scenario, result);
 * (await runScenario(pinned, 7)).failure?.reason === result.failure?.reason; // true
 * ```
 */
export function pinSchedule(scenario: Scenario, result: RunResult): Scenario {
  return {
    ...scenario,
    schedule: result.faults.map((applied) => pinnedEpisode(applied, scenario.mainUs)),
    randomNemesis: undefined,
  };
}
