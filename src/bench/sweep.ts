/**
 * `faultline bench sweep`: seeds per second of a fixed scenario (`bench/sweep.yaml`) on one
 * worker process and on two, and the speedup. Goal: speedup >= 1.8 on two cores.
 */
import { loadScenario } from "../scenario/load-scenario.js";
import { sweep } from "../scenario/sweep.js";
import { benchFile } from "./bench-files.js";
import { type BenchReport, type BenchSuite, formatNumber } from "./suite.js";

const SEEDS = Array.from({ length: 96 }, (_, index) => index + 1);

async function runSweepBench(progress: (message: string) => void): Promise<BenchReport> {
  const scenario = await loadScenario(benchFile("sweep.yaml"));
  const rates: number[] = [];
  for (const workers of [1, 2]) {
    const result = await sweep(scenario, { seeds: SEEDS, workers });
    if (result.failed.length > 0)
      throw new Error(
        `bench scenario failed on seeds ${result.failed.map((f) => f.seed).join(", ")}`,
      );
    rates.push(result.seedsPerSec);
    progress(`${workers} worker(s): ${result.seedsPerSec.toFixed(2)} seeds/s`);
  }
  const [seedsPerSec1, seedsPerSec2] = rates as [number, number];
  const speedup = Number((seedsPerSec2 / seedsPerSec1).toFixed(2));
  return {
    json: {
      suite: "sweep",
      seedsPerSec1: Number(seedsPerSec1.toFixed(2)),
      seedsPerSec2: Number(seedsPerSec2.toFixed(2)),
      speedup,
      seeds: SEEDS.length,
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
