/**
 * One seed of a sweep, with its failure checked: a seed that fails is run again (with its
 * full trace) before it is reported, and a failure that does not repeat, with the same
 * trace hash and reason, is marked flaky: the system under test depends on something
 * outside the seed. The re-run happens where the first run did (the same worker process),
 * as state a system keeps across runs in one process is the commonest such dependence.
 */
import { harnessWallClockMs } from "../sim/determinism-guard.js";
import { fingerprintOf, runTraced, verifyReproduction } from "./reproduction.js";
import { runScenario } from "./run-scenario.js";
import type { Scenario } from "./scenario.js";
import { type FlakyFailure, type SeedSummary, summarizeRun } from "./sweep-protocol.js";

/**
 * Runs `seed` of `scenario`; when it fails and `recheck` is on, runs it again and marks the
 * summary `flaky` if the failure did not repeat exactly.
 */
export async function runSweepSeed(
  scenario: Scenario,
  seed: number,
  recheck: boolean,
): Promise<SeedSummary> {
  const started = harnessWallClockMs();
  const result = await runScenario(scenario, seed);
  if (result.ok || !recheck) return summarizeRun(result, harnessWallClockMs() - started);
  const rerun = await runTraced(scenario, seed);
  const reproduction = await verifyReproduction(scenario, seed, fingerprintOf(result), rerun);
  let flaky: FlakyFailure | undefined;
  if (reproduction.kind === "not-reproduced") {
    flaky = {
      rerun: reproduction.rerun,
      ...(reproduction.divergence === undefined ? {} : { divergence: reproduction.divergence }),
      explanation: reproduction.explanation,
    };
  }
  return summarizeRun(result, harnessWallClockMs() - started, flaky);
}
