/**
 * Pinning a failing run: turning what the seed chose into explicit data, before anything
 * is cut. The random nemesis's schedule is replaced by the schedule the nemesis actually
 * applied, with targets resolved (`random` becomes the node that was hit, a drawn partition
 * shape becomes its cut links). A fault the schedule aimed at the leader can stay aimed at
 * the leader: it still hits the same node in the pinned run, and it keeps hitting the
 * leader when a later cut changes who that is. The pinned scenario replays the same run,
 * and a shrinker can then drop or change one fault without redrawing the others.
 */
import { type Fault, type FaultEpisode, isRoleTarget } from "../nemesis/fault.js";
import type { AppliedFault } from "../nemesis/nemesis.js";
import type { RunResult } from "../scenario/run-result.js";
import type { Scenario } from "../scenario/scenario.js";

/**
 * How pinning treats faults that were aimed at a node by its role (the leader, a lock
 * holder): `keep-leader` keeps them aimed at the role, `resolve` pins the node they hit.
 */
export type LeaderPinning = "keep-leader" | "resolve";

/**
 * Whether a scheduled fault was aimed at a node by its role when it begins: whichever node
 * leads, or a lock holder.
 */
export function aimedByRole(planned: Fault | undefined): boolean {
  if (planned === undefined) return false;
  if (planned.kind === "partition")
    return (
      "shape" in planned &&
      (planned.shape === "isolate-leader" ||
        (planned.target !== undefined && isRoleTarget(planned.target)))
    );
  return "target" in planned && planned.target !== undefined && isRoleTarget(planned.target);
}

/** The episode that replays `applied`, a fault of a main phase that ended at `mainUs`. */
export function pinnedEpisode(
  applied: AppliedFault,
  mainUs: number,
  leader: LeaderPinning = "resolve",
): FaultEpisode {
  const fault =
    leader === "keep-leader" && aimedByRole(applied.planned) ? applied.planned! : applied.fault;
  // A fault still active when the recovery phase began lasted "until recovery".
  if (applied.endUs === undefined || applied.endUs >= mainUs) return { atUs: applied.atUs, fault };
  return { atUs: applied.atUs, durationUs: applied.endUs - applied.atUs, fault };
}

/**
 * `scenario` with the faults of `result` (a run of it) as its explicit schedule and no
 * random nemesis. With `"keep-leader"`, faults aimed at the leader or a lock holder stay
 * so; the caller should check that the pinned run is the same run (a fault aimed at a role
 * no node held hit a node drawn from the nemesis's stream, which pinning does not replay).
 *
 * @example
 * ```ts
 * const result = await runScenario(scenario, 7);
 * const pinned = pinSchedule(scenario, result);
 * (await runScenario(pinned, 7)).traceHash === result.traceHash; // true
 * ```
 */
export function pinSchedule(
  scenario: Scenario,
  result: RunResult,
  leader: LeaderPinning = "resolve",
): Scenario {
  return {
    ...scenario,
    schedule: result.faults.map((applied) => pinnedEpisode(applied, scenario.mainUs, leader)),
    randomNemesis: undefined,
  };
}
