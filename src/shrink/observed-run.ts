/**
 * A run of a candidate that also notes who led when each fault began. A fault the
 * shrinker pinned to a node can then be re-aimed at "the leader" exactly when that node
 * was the leader: the same run, with a story that survives later cuts. Noting is harness
 * code reading `inspect()` at the fault's time; it sends nothing and draws nothing.
 */
import { currentLeader } from "../nemesis/nemesis.js";
import type { RunResult } from "../scenario/run-result.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import type { NodeId } from "../sim/node-api.js";

/** A run, and the leader (if any node reported being one) when each episode began. */
export interface ObservedRun {
  readonly result: RunResult;
  /** Per episode of the schedule: the leader just before it began; undefined if none. */
  readonly leaders: readonly (NodeId | undefined)[];
}

/**
 * Runs `scenario` at `seed`, noting the leader at each episode's start.
 *
 * @example
 * ```ts
 * const { result, leaders } = await observedRun(scenario, 7);
 * ```
 */
export async function observedRun(scenario: Scenario, seed: number): Promise<ObservedRun> {
  const leaders: (NodeId | undefined)[] = scenario.schedule.map(() => undefined);
  const result = await runScenario(scenario, seed, {
    // Scheduled before the nemesis schedules its faults, so these run first at each time.
    onSimulation: (sim) =>
      scenario.schedule.forEach((episode, index) => {
        if (episode.atUs < scenario.mainUs)
          sim.at(episode.atUs, () => (leaders[index] = currentLeader(sim)));
      }),
  });
  return { result, leaders };
}
