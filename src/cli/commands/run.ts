/**
 * `faultline run SCENARIO`: sweeps a scenario over many seeds on worker processes, shows
 * progress, saves every failure under `.faultline/failures/` with the command that replays
 * it, and ends with a summary (and, with --json, one JSON object on the last line).
 */
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import type { Scenario } from "../../scenario/scenario.js";
import { parseSeeds, parseShard, shardSeeds } from "../../scenario/seeds.js";
import { type SweepResult, sweep } from "../../scenario/sweep.js";
import type { SeedSummary } from "../../scenario/sweep-protocol.js";
import { parseCommandArgs, parseNonNegativeInteger } from "../args.js";
import type { Command } from "../command.js";
import {
  applyDeterminismGuardFlag,
  DETERMINISM_GUARD_OPTION,
  DETERMINISM_GUARD_USAGE,
} from "../determinism-guard-flag.js";
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from "../exit-codes.js";
import { failureRecord, saveFailure } from "../failure-file.js";
import { writeFailureReports } from "../failure-report.js";
import type { CommandIo } from "../io.js";
import { progressFor } from "../progress.js";
import { failureLines, seedsText, summaryJson, summaryText, workersText } from "../run-report.js";
import { loadScenarioArgument } from "../scenario-argument.js";
import { UsageError } from "../usage-error.js";

const USAGE = `Usage: faultline run SCENARIO [options]

Runs the scenario for many seeds and reports every failing seed with the command that
replays it. Failures are saved under .faultline/failures/.

Options:
  --seeds LIST          seeds to run: "1..500", "3,9,27" (default: the scenario's seeds)
  --workers N           worker processes (default: one per core; 0 runs in this process)
  --shard I/N           run only the I-th of N deterministic slices of the seed list
  --until-failure       stop at the first failing seed (in seed order)
  --seed-timeout-ms N   wall-clock budget of one seed before the watchdog stops it (default 120000)
  --worker-memory-mb N  heap budget of a worker process before the watchdog stops it (default 2048)
  --json                print a JSON summary on the last line
${DETERMINISM_GUARD_USAGE}

A failing seed is run once more before it is reported; a failure that does not repeat
exactly (same trace hash, same reason) is reported as FLAKY, with where the runs went
apart: the system depends on something outside the seed. Ctrl-C stops the sweep and
prints what was found so far.

Exit codes: 0 every seed passed, 1 a seed failed, 2 bad input or usage, 130 interrupted.
`;

interface RunFlags {
  readonly seeds: readonly number[];
  readonly workers: number;
  readonly untilFailure: boolean;
  readonly seedTimeoutMs: number;
  readonly workerMemoryMb: number;
  readonly json: boolean;
  readonly shard: string | undefined;
}

function parseFlags(args: readonly string[]) {
  const { values, positionals } = parseCommandArgs(args, {
    seeds: { type: "string" },
    workers: { type: "string" },
    shard: { type: "string" },
    "until-failure": { type: "boolean", default: false },
    "seed-timeout-ms": { type: "string" },
    "worker-memory-mb": { type: "string" },
    json: { type: "boolean", default: false },
    ...DETERMINISM_GUARD_OPTION,
  });
  if (positionals.length !== 1)
    throw new UsageError(`expected one scenario file, found ${positionals.length}\n\n${USAGE}`);
  return { values, path: positionals[0]! };
}

async function resolveFlags(
  args: readonly string[],
  io: CommandIo,
): Promise<{ scenario: Scenario; flags: RunFlags }> {
  const { values, path } = parseFlags(args);
  const scenario = applyDeterminismGuardFlag(await loadScenarioArgument(path, io.cwd), values);
  let seeds: readonly number[] = scenario.seeds;
  if (values.seeds !== undefined) {
    const parsed = parseSeeds(values.seeds);
    if (!Array.isArray(parsed)) throw new UsageError(`--seeds: ${parsed.error}`);
    seeds = parsed;
  }
  if (values.shard !== undefined) {
    const shard = parseShard(values.shard);
    if ("error" in shard) throw new UsageError(`--shard: ${shard.error}`);
    seeds = shardSeeds(seeds, shard);
  }
  const workers =
    values.workers === undefined
      ? availableParallelism()
      : parseNonNegativeInteger("--workers", values.workers);
  const seedTimeoutMs =
    values["seed-timeout-ms"] === undefined
      ? 120_000
      : parseNonNegativeInteger("--seed-timeout-ms", values["seed-timeout-ms"]);
  const workerMemoryMb =
    values["worker-memory-mb"] === undefined
      ? 2048
      : parseNonNegativeInteger("--worker-memory-mb", values["worker-memory-mb"]);
  return {
    scenario,
    flags: {
      workerMemoryMb,
      seeds,
      workers,
      untilFailure: values["until-failure"],
      seedTimeoutMs,
      json: values.json,
      shard: values.shard,
    },
  };
}

/** Saves and prints the failing seeds, in seed order, once the sweep is over. */
async function reportFailures(
  failed: readonly SeedSummary[],
  scenario: Scenario,
  io: CommandIo,
): Promise<void> {
  for (const summary of failed) {
    const record = failureRecordOf(io.cwd, scenario, summary);
    io.stderr.write(failureLines(summary, record.replay));
    await saveFailure(io.cwd, record);
  }
}

/** The failure file of a failing seed of the sweep. */
function failureRecordOf(cwd: string, scenario: Scenario, summary: SeedSummary) {
  return failureRecord(
    cwd,
    { name: scenario.name, file: scenario.file!, determinismGuard: scenario.determinismGuard },
    summary.seed,
    summary.failure!,
    { traceHash: summary.traceHash, events: summary.events, flaky: summary.flaky },
  );
}

async function runCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { scenario, flags } = await resolveFlags(args, io);
  const file = scenario.file!;
  const shown = relative(io.cwd, file) || file;
  const shard = flags.shard === undefined ? "" : ` (shard ${flags.shard})`;
  io.stderr.write(
    `faultline run ${shown}: ${seedsText(flags.seeds.length)}${shard}, ${workersText(Math.min(flags.workers, flags.seeds.length))}\n`,
  );
  const progress = progressFor(io, scenario.name);
  const interrupt = new AbortController();
  const stopListening = io.onInterrupt?.(() => interrupt.abort()) ?? (() => {});
  let failures = 0;
  const saving: Promise<unknown>[] = [];
  let result: SweepResult;
  try {
    result = await sweep(scenario, {
      seeds: flags.seeds,
      workers: flags.workers,
      untilFailure: flags.untilFailure,
      seedTimeoutMs: flags.seedTimeoutMs,
      workerMemoryMb: flags.workerMemoryMb,
      signal: interrupt.signal,
      onSeed: (summary, done, total) => {
        // With --until-failure, only the failures before the first one in seed order count,
        // which is known at the end; they are reported then.
        if (!summary.ok && summary.failure !== undefined && !flags.untilFailure) {
          failures++;
          const record = failureRecordOf(io.cwd, scenario, summary);
          progress.finish();
          io.stderr.write(failureLines(summary, record.replay));
          saving.push(saveFailure(io.cwd, record));
        }
        progress.update(done, total, `seeds, ${failures} failed`);
      },
    });
  } finally {
    stopListening();
  }
  await Promise.all(saving);
  progress.finish();
  if (flags.untilFailure) await reportFailures(result.failed, scenario, io);
  await writeFailureReports(scenario, result.failed, io);
  io.stderr.write(summaryText(result, scenario, io.cwd));
  if (flags.json) io.stdout.write(summaryJson(result, scenario, io.cwd));
  if (result.interrupted) return EXIT_INTERRUPTED;
  return result.failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

/** The `run` subcommand. */
export const runCommandDefinition: Command = {
  name: "run",
  usage: USAGE,
  run: runCommand,
};
