/**
 * `faultline bench raft`: wall-clock time per seed of the reference Raft (`bench/raft.yaml`:
 * 5 nodes, 60 s virtual, about 1,000 client operations, partitions, crashes and clock
 * faults, the linearizability checker included), on one core, and how much faster than
 * real time that is. Goal: <= 50 ms per seed (>= 1,200x real time). Prints where the time
 * goes: simulating the cluster versus checking the history.
 *
 * Also the cost of the determinism guard (on by default): every seed runs once with it and
 * once without, in alternating order so that neither side always runs warm, and
 * `guardOverheadPct` is the median, over seeds, of the ratio of the two runs' CPU times
 * (CPU time of runs made side by side, and a median, because single runs on a shared
 * machine swing far more than the guard costs). Goal: < 5%.
 */
import { loadScenario } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import { benchFile } from "./bench-files.js";
import { type BenchReport, type BenchSuite, formatNumber, median } from "./suite.js";

const SEEDS = 20;
const WARMUP_SEEDS = 3;

/** Wall and CPU milliseconds of one run of `seed` with the guard on or off. */
async function timedRun(scenario: Scenario, seed: number, determinismGuard: boolean) {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await runScenario(scenario, seed, { determinismGuard });
  const cpu = process.cpuUsage(cpuStart);
  return { result, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs `seed` without the guard (before or after the guarded run, as `guardFirst` says). */
async function unguardedBeside(
  scenario: Scenario,
  seed: number,
  guarded: () => Promise<void>,
  guardFirst: boolean,
): Promise<number> {
  if (guardFirst) await guarded();
  const { cpuMs } = await timedRun(scenario, seed, false);
  if (!guardFirst) await guarded();
  return cpuMs;
}

async function runRaftBench(progress: (message: string) => void): Promise<BenchReport> {
  const scenario = await loadScenario(benchFile("raft.yaml"));
  for (let seed = 1; seed <= WARMUP_SEEDS; seed++) {
    await runScenario(scenario, 1_000 + seed, { determinismGuard: seed % 2 === 0 });
  }
  const wall: number[] = [];
  const guardRatios: number[] = [];
  let simulationMs = 0;
  let checkingMs = 0;
  let virtualMs = 0;
  let ops = 0;
  let cpuMs = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    let run: Awaited<ReturnType<typeof timedRun>> | undefined;
    const guarded = async () => {
      run = await timedRun(scenario, seed, true);
      cpuMs += run.cpuMs;
    };
    const unguardedCpuMs = await unguardedBeside(scenario, seed, guarded, seed % 2 === 0);
    const { result, ms } = run!;
    guardRatios.push(run!.cpuMs / unguardedCpuMs);
    wall.push(ms);
    if (!result.ok)
      throw new Error(`bench scenario failed at seed ${seed}: ${result.failure?.reason}`);
    simulationMs += result.timing.simulationMs;
    checkingMs += result.timing.checkingMs;
    virtualMs += result.virtualUs / 1000;
    ops += result.ops.invoked;
  }
  const cpuMsPerSeed = Number((cpuMs / SEEDS).toFixed(2));
  const guardOverheadPct = Number(((median(guardRatios) - 1) * 100).toFixed(2));
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
        `${formatNumber(guardOverheadPct, 2)}% CPU (median of guard on / off, same seed; goal < 5%)`,
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
