/**
 * `faultline bench raft`: wall-clock time per seed of the reference Raft (`bench/raft.yaml`:
 * 5 nodes, 60 s virtual, about 1,000 client operations, partitions, crashes and clock
 * faults, the linearizability checker included), on one core, and how much faster than
 * real time that is. Goal: <= 50 ms per seed (>= 1,200x real time). Prints where the time
 * goes: simulating the cluster versus checking the history.
 *
 * Also the cost of the determinism guard (on by default), as `guardOverheadPct`: a few
 * seeds run several times with it and without it, alternating, and the fastest CPU time of
 * each side per seed is kept (the least disturbed run: single runs on a shared machine
 * swing far more than the guard costs); the figure compares the sums. Goal: < 5%.
 */
import { loadScenario } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import { benchFile } from "./bench-files.js";
import { type BenchReport, type BenchSuite, formatNumber, median } from "./suite.js";

const SEEDS = 20;
const WARMUP_SEEDS = 3;

/** Seeds, and runs of each per side, for the guard's cost. */
const GUARD_SEEDS = 6;
const GUARD_REPEATS = 5;

/** CPU milliseconds of one run of `seed` with the guard on or off. */
async function cpuOfRun(scenario: Scenario, seed: number, determinismGuard: boolean) {
  const cpuStart = process.cpuUsage();
  await runScenario(scenario, seed, { determinismGuard });
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / 1000;
}

/** The guard's cost in percent: fastest guarded over fastest unguarded CPU time, summed over seeds. */
async function guardOverhead(scenario: Scenario): Promise<number> {
  let guarded = 0;
  let unguarded = 0;
  for (let seed = 1; seed <= GUARD_SEEDS; seed++) {
    let fastestOn = Number.POSITIVE_INFINITY;
    let fastestOff = Number.POSITIVE_INFINITY;
    for (let repeat = 0; repeat < GUARD_REPEATS; repeat++) {
      for (const on of (seed + repeat) % 2 === 0 ? [true, false] : [false, true]) {
        const cpuMs = await cpuOfRun(scenario, seed, on);
        if (on) fastestOn = Math.min(fastestOn, cpuMs);
        else fastestOff = Math.min(fastestOff, cpuMs);
      }
    }
    guarded += fastestOn;
    unguarded += fastestOff;
  }
  return Number(((guarded / unguarded - 1) * 100).toFixed(2));
}

async function runRaftBench(progress: (message: string) => void): Promise<BenchReport> {
  const scenario = await loadScenario(benchFile("raft.yaml"));
  for (let seed = 1; seed <= WARMUP_SEEDS; seed++) await runScenario(scenario, 1_000 + seed);
  const wall: number[] = [];
  const cpuStart = process.cpuUsage();
  let simulationMs = 0;
  let checkingMs = 0;
  let virtualMs = 0;
  let ops = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const started = performance.now();
    const result = await runScenario(scenario, seed);
    wall.push(performance.now() - started);
    if (!result.ok)
      throw new Error(`bench scenario failed at seed ${seed}: ${result.failure?.reason}`);
    simulationMs += result.timing.simulationMs;
    checkingMs += result.timing.checkingMs;
    virtualMs += result.virtualUs / 1000;
    ops += result.ops.invoked;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMsPerSeed = Number(((cpu.user + cpu.system) / 1000 / SEEDS).toFixed(2));
  const guardOverheadPct = await guardOverhead(scenario);
  progress(`${SEEDS} seeds on one core, ${Math.round(ops / SEEDS)} operations per seed`);
  const msPerSeed = Number(median(wall).toFixed(2));
  const simulatedMsPerSeed = Math.round(virtualMs / SEEDS);
  const compression = Math.round(simulatedMsPerSeed / msPerSeed);
  const total = simulationMs + checkingMs;
  const simulationShare = Math.round((simulationMs / total) * 100);
  return {
    json: {
      suite: "raft",
      msPerSeed,
      simulatedMsPerSeed,
      compression,
      cpuMsPerSeed,
      opsPerSeed: Math.round(ops / SEEDS),
      simulationMsPerSeed: Number((simulationMs / SEEDS).toFixed(2)),
      checkingMsPerSeed: Number((checkingMs / SEEDS).toFixed(2)),
      guardOverheadPct,
    },
    rows: [
      ["wall time per seed (median)", `${formatNumber(msPerSeed, 1)} ms (goal <= 50 ms)`],
      [
        "CPU time per seed (mean)",
        `${formatNumber(cpuMsPerSeed, 1)} ms (less sensitive to a busy machine)`,
      ],
      ["virtual time per seed", `${formatNumber(simulatedMsPerSeed)} ms`],
      ["faster than real time", `${formatNumber(compression)}x (goal >= 1,200x)`],
      ["operations per seed", formatNumber(ops / SEEDS)],
      ["where the time goes", `simulation ${simulationShare}%, checking ${100 - simulationShare}%`],
      [
        "determinism guard cost",
        `${formatNumber(guardOverheadPct, 2)}% CPU (fastest of ${GUARD_REPEATS} runs with and without, ${GUARD_SEEDS} seeds; goal < 5%)`,
      ],
    ],
  };
}

/** The Raft suite. */
export const raftBench: BenchSuite = {
  name: "raft",
  summary: "wall ms per 60 s Raft seed with faults and checking (goal <= 50 ms, >= 1,200x)",
  run: runRaftBench,
};
