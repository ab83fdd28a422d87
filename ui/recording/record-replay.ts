/**
 * Replays one seed of a scenario for the viewer: the run is deterministic, so the seed is
 * the whole recording. The replay keeps the full trace with message bodies, samples node
 * states as it goes (see `state-recorder.ts`), and keeps the checker's structured answer
 * from the run's result.
 */
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import type { Simulation } from "../../src/sim/simulation.js";
import type { ReplayRecording } from "./replay-recording.js";
import { StateRecorder } from "./state-recorder.js";

/** Options of `recordReplay`. */
export interface RecordReplayOptions {
  /** How the user named the scenario (a path), for headers; default: the scenario's name. */
  readonly label?: string;
  /** The trace hash a failure file recorded, to tell the user when the run changed. */
  readonly expectedTraceHash?: string;
}

/**
 * Replays `seed` of `scenario` and records it for the viewer.
 *
 * @example
 * ```ts
 * const recording = await recordReplay(await loadScenario("stale.yaml"), 2);
 * console.log(recording.result.failure?.reason, recording.columns.length);
 * ```
 */
export async function recordReplay(
  scenario: Scenario,
  seed: number,
  options: RecordReplayOptions = {},
): Promise<ReplayRecording> {
  let sim: Simulation | undefined;
  let recorder: StateRecorder | undefined;
  const result = await runScenario(scenario, seed, {
    trace: "full",
    keepPayloads: true,
    onSimulation: (created) => {
      sim = created;
      recorder = new StateRecorder(created);
    },
  });
  if (sim === undefined || recorder === undefined) throw new Error("the run never started");
  return {
    ...recorder.finish(),
    scenarioName: scenario.name,
    scenarioLabel: options.label ?? scenario.name,
    seed,
    result,
    trace: sim.trace,
    nodeIds: sim.nodeIds,
    clients: scenario.workload.clients,
    linearizability: result.linearizability,
    ...(scenario.checks.linearizability === false
      ? {}
      : { model: scenario.checks.linearizability }),
    expectedTraceHash: options.expectedTraceHash,
  };
}
