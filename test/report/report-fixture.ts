/** A planted-bug run turned into a recording and its report, shared by the report's tests. */
import { join } from "node:path";
import type { Recording } from "../../src/recording/recording.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { recordingFromRun } from "../../src/scenario/recording-from-run.js";
import type { RunResult } from "../../src/scenario/run-result.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { ROOT } from "../scenario/helpers.js";

/** The Raft stale-read bug, seed 1: a 20 s run that fails linearizability. */
export const STALE_READ = join(ROOT, "scenarios/bugs/raft-stale-local-read.yaml");

/** Runs `file` for `seed` with its full trace and message bodies; returns the result, trace and recording. */
export async function recordRun(file: string, seed: number) {
  const scenario = await loadScenario(file);
  let sim: Simulation | undefined;
  const result: RunResult = await runScenario(scenario, seed, {
    trace: "full",
    keepPayloads: true,
    onSimulation: (created) => (sim = created),
  });
  const recording: Recording = recordingFromRun({
    scenario,
    result,
    trace: sim!.trace,
    replay: `npx faultline replay ${file} --seed ${seed}`,
  });
  return { scenario, result, trace: sim!.trace, recording };
}
