/**
 * Recordings the UI tests share: each scenario and seed is replayed once per test file.
 * `stale-replicas` seed 2 fails linearizability (a stale read); `leader-faults` runs the
 * leader-elected register (whose `inspect()` reports role, term and commit index) under a
 * partition, a crash, a pause and a clock jump, and fails at seed 3.
 */
import { join } from "node:path";
import { loadScenario } from "../../../src/scenario/load-scenario.js";
import type { Scenario } from "../../../src/scenario/scenario.js";
import { buildViewerContext, type ViewerContext } from "../../../ui/model/viewer-context.js";
import { recordReplay } from "../../../ui/recording/record-replay.js";
import type { ReplayRecording } from "../../../ui/recording/replay-recording.js";
import { fixtureScenario, ROOT } from "../../scenario/helpers.js";

/** Path of the leader-faults scenario. */
export const LEADER_FAULTS = join(ROOT, "test", "ui", "fixtures", "leader-faults.yaml");
/** Path of the stale-replicas scenario. */
export const STALE_REPLICAS = fixtureScenario("stale-replicas");

const scenarios = new Map<string, Promise<Scenario>>();
const recordings = new Map<string, Promise<ReplayRecording>>();

/** The scenario at `path`, loaded once. */
export function scenarioAt(path: string): Promise<Scenario> {
  let scenario = scenarios.get(path);
  if (scenario === undefined) {
    scenario = loadScenario(path);
    scenarios.set(path, scenario);
  }
  return scenario;
}

/** The recording of `seed` of the scenario at `path`, replayed once. */
export function recordingOf(path: string, seed: number): Promise<ReplayRecording> {
  const key = `${path}#${seed}`;
  let recording = recordings.get(key);
  if (recording === undefined) {
    recording = scenarioAt(path).then((scenario) => recordReplay(scenario, seed));
    recordings.set(key, recording);
  }
  return recording;
}

/** The viewer's context for `seed` of the scenario at `path`. */
export async function contextOf(path: string, seed: number): Promise<ViewerContext> {
  return buildViewerContext(await recordingOf(path, seed));
}
