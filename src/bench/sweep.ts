/**
 * `faultline bench sweep`: seeds per second of a fixed scenario (`bench/sweep.yaml`) on one
 * worker process and on two, and the speedup. Rounds on one and on two workers alternate,
 * and the medians count, so a stretch of slow machine does not fall on one side only.
 * Goal: speedup >= 1.8 on two cores.
 *
 * A round runs the scenario's own seed list, 1..500, the default of most scenario files in
 * scenarios/. Each worker pays a fixed cost before its seeds run at full speed: starting
 * Node and loading the modules (about 0.3 s), its first seeds running before the hot code
 * is compiled (about 0.35 s more), and the compiling itself, on V8's helper threads (about
 * 0.5 to 0.7 s of CPU). With one worker the helpers have the other core to themselves;
 * with two, both workers pay the whole cost on the same two cores. Over 500 seeds of about
 * 70 ms it is a small part of the run, as it is on a real sweep.
 */
import { loadScenario } from "../scenario/load-scenario.js";
import { sweep } from "../scenario/sweep.js";
import { benchFile } from "./bench-files.js";
import { type BenchReport, type BenchSuite, formatNumber, median } from "./suite.js";

/** Timed rounds on each worker count; the medians are reported. */
const ROUNDS = 3;

async function runSweepBench(progress: (message: string) => void): Promise<BenchReport> {
  const scenario = await loadScenario(benchFile("sweep.yaml"));
  const seeds = scenario.seeds;
  const rates = new Map<number, number[]>([
    [1, []],
    [2, []],
  ]);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [workers, measured] of rates) {
      const result = await sweep(scenario, { seeds, workers });
      if (result.failed.length > 0)
        throw new Error(
          `bench scenario failed on seeds ${result.failed.map((f) => f.seed).join(", ")}`,
        );
      measured.push(result.seedsPerSec);
      progress(
        `round ${round}/${ROUNDS}, ${workers} worker(s): ${result.seedsPerSec.toFixed(2)} seeds/s`,
      );
    }
  }
  const seedsPerSec1 = median(rates.get(1)!);
  const seedsPerSec2 = median(rates.get(2)!);
  const speedup = Number((seedsPerSec2 / seedsPerSec1).toFixed(2));
  return {
    json: {
      suite: "sweep",
      seedsPerSec1: Number(seedsPerSec1.toFixed(2)),
      seedsPerSec2: Number(seedsPerSec2.toFixed(2)),
      speedup,
      seeds: seeds.length,
      rounds: ROUNDS,
    },
    rows: [
      ["1 worker", `${formatNumber(seedsPerSec1, 2)} seeds/s`],
      ["2 workers", `${formatNumber(seedsPerSec2, 2)} seeds/s`],
      ["speedup", `${speedup} (goal >= 1.8)`],
    ],
  };
}

/** The sweep suite. */
export const sweepBench: BenchSuite = {
  name: "sweep",
  summary: "seeds/s of a fixed scenario on 1 and 2 worker processes (goal speedup >= 1.8)",
  run: runSweepBench,
};
