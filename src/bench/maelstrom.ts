/**
 * `faultline bench maelstrom`: the costs of running Maelstrom nodes. Each measure adds its
 * fields to one JSON object (field names are a contract):
 *
 * - `inSimVirtualPerWallSec`: an in-simulation broadcast trial (`bench/maelstrom-broadcast.yaml`:
 *   5 nodes, 20 s at 10 operations/s, partitions, 10 s wait, final reads, set-full check)
 *   in virtual seconds per wall second, checking included. Goal: >= 200.
 * - `trialOverheadMs` and `processMsgsPerSec`: the real-process mode's measures, which
 *   register in `PROCESS_MEASURES` below.
 */
import { loadScenario } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import { benchFile } from "./bench-files.js";
import { processMeasure } from "./maelstrom-process.js";
import { type BenchProgress, type BenchReport, type BenchSuite, formatNumber } from "./suite.js";

/** What one measure of the suite found: its JSON fields and its readable rows. */
export interface MaelstromMeasurement {
  readonly json: Readonly<Record<string, number>>;
  readonly rows: readonly (readonly [label: string, value: string])[];
}

/** One measure of the Maelstrom suite. */
export interface MaelstromMeasure {
  /** What it measures, for progress notes. */
  readonly name: string;
  run(progress: BenchProgress): Promise<MaelstromMeasurement>;
}

const WARMUP_TRIALS = 2;
const TRIALS = 6;

/** The in-simulation broadcast trial. */
export const inSimulationMeasure: MaelstromMeasure = {
  name: "in-simulation broadcast trial",
  async run(progress) {
    const scenario = await loadScenario(benchFile("maelstrom-broadcast.yaml"));
    for (let seed = 1; seed <= WARMUP_TRIALS; seed++) await runScenario(scenario, 1_000 + seed);
    let wallMs = 0;
    let virtualMs = 0;
    const cpuStart = process.cpuUsage();
    let ops = 0;
    for (let seed = 1; seed <= TRIALS; seed++) {
      const started = performance.now();
      const result = await runScenario(scenario, seed);
      wallMs += performance.now() - started;
      if (!result.ok) {
        throw new Error(`bench trial failed at seed ${seed}: ${result.failure?.message}`);
      }
      virtualMs += result.virtualUs / 1000;
      ops += result.ops.invoked;
    }
    const perWall = Math.round(virtualMs / wallMs);
    const cpu = process.cpuUsage(cpuStart);
    const perCpu = Math.round(virtualMs / ((cpu.user + cpu.system) / 1000));
    progress(`${TRIALS} trials of ${formatNumber(virtualMs / TRIALS / 1000, 1)} virtual s each`);
    return {
      json: { inSimVirtualPerWallSec: perWall },
      rows: [
        ["in-sim broadcast trial", `${formatNumber(perWall)} virtual s per wall s (goal >= 200)`],
        [
          "  per CPU second",
          `${formatNumber(perCpu)} virtual s (less sensitive to a busy machine)`,
        ],
        ["  wall time per trial", `${formatNumber(wallMs / TRIALS, 1)} ms`],
        ["  operations per trial", formatNumber(ops / TRIALS)],
      ],
    };
  },
};

/**
 * The real-process mode's measures (`trialOverheadMs`, `processMsgsPerSec`), in the order
 * they run; src/process registers them here.
 */
export const PROCESS_MEASURES: readonly MaelstromMeasure[] = [processMeasure];

/** Runs the measures and joins what they found into one report. */
export async function runMaelstromBench(
  measures: readonly MaelstromMeasure[],
  progress: BenchProgress,
): Promise<BenchReport> {
  let json: Record<string, number> = {};
  const rows: (readonly [string, string])[] = [];
  for (const measure of measures) {
    progress(`measuring: ${measure.name}`);
    const found = await measure.run(progress);
    json = { ...json, ...found.json };
    rows.push(...found.rows);
  }
  return { json: { suite: "maelstrom", ...json }, rows };
}

/** The Maelstrom suite. */
export const maelstromBench: BenchSuite = {
  name: "maelstrom",
  summary:
    "Maelstrom nodes: in-simulation virtual s per wall s (goal >= 200), process-mode overhead and throughput",
  run: (progress) => runMaelstromBench([inSimulationMeasure, ...PROCESS_MEASURES], progress),
};
