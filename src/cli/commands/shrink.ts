/**
 * `faultline shrink SCENARIO --seed N` (or `faultline shrink FAILURE_FILE`): searches for a
 * smaller scenario that fails the same way at the same seed, writes it as a standalone
 * scenario file (seed pinned, faults and workload explicit), checks that it fails again,
 * and prints the sizes before and after and the command that replays it.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { loadScenario } from "../../scenario/load-scenario.js";
import { runScenario } from "../../scenario/run-scenario.js";
import type { Scenario } from "../../scenario/scenario.js";
import { reproducerScenario, reproducerYaml } from "../../shrink/reproducer.js";
import {
  DEFAULT_SHRINK_BUDGET_MS,
  DEFAULT_SHRINK_MAX_RUNS,
  type ShrinkOutcome,
  type ShrinkProgress,
  shrinkFailure,
} from "../../shrink/shrink-failure.js";
import { scheduleLines, sizeLines, sizeSummary } from "../../shrink/shrink-report.js";
import { systemSource } from "../../shrink/system-source.js";
import { formatTime } from "../../sim/time.js";
import { parseCommandArgs, parseNonNegativeInteger } from "../args.js";
import type { Command } from "../command.js";
import {
  applyDeterminismGuardFlag,
  DETERMINISM_GUARD_OPTION,
  DETERMINISM_GUARD_USAGE,
} from "../determinism-guard-flag.js";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { isFailureFile, readFailure, replayCommand } from "../failure-file.js";
import type { CommandIo } from "../io.js";
import { loadScenarioArgument } from "../scenario-argument.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomically } from "../write-file-atomically.js";

const USAGE = `Usage: faultline shrink SCENARIO --seed N [options]
       faultline shrink FAILURE_FILE [options]

Searches for a smaller run that fails for the same reason at the same seed: fewer faults
(dropped, shortened, merged), fewer operations, clients and nodes, a shorter run, a calmer
network. Every candidate is a full deterministic run. The result is a standalone scenario
file with the seed pinned and the faults and workload explicit: \`faultline run FILE\` fails
again, and the file can be committed as a regression test.

Options:
  --seed N          the failing seed (taken from the failure file when one is given)
  --out FILE        where to write the reproducer (default .faultline/shrunk/NAME-seed-N.yaml)
  --budget-s S      wall-clock budget in seconds; the best reproducer so far is kept (default 60)
  --max-runs N      most candidate runs (default 10000)
  --json            print {"faultsBefore","faultsAfter","opsBefore","opsAfter","out",...} last
${DETERMINISM_GUARD_USAGE}

Progress goes to stderr. Candidates run in this thread: a system that spins inside a handler
(which only \`faultline run\`'s watchdog can stop) cannot be shrunk.

Exit codes: 0 a reproducer was written and fails again, 1 it did not fail again,
2 bad input or usage (including a seed that passes: nothing to shrink).
`;

interface ShrinkFlags {
  readonly scenario: Scenario;
  /** How the user named the scenario (for messages). */
  readonly shownAs: string;
  readonly seed: number;
  readonly out: string | undefined;
  readonly budgetMs: number;
  readonly maxRuns: number;
  readonly json: boolean;
}

async function resolveFlags(args: readonly string[], io: CommandIo): Promise<ShrinkFlags> {
  const { values, positionals } = parseCommandArgs(args, {
    seed: { type: "string" },
    out: { type: "string" },
    "budget-s": { type: "string" },
    "max-runs": { type: "string" },
    json: { type: "boolean", default: false },
    ...DETERMINISM_GUARD_OPTION,
  });
  if (positionals.length !== 1)
    throw new UsageError(`expected one scenario or failure file\n\n${USAGE}`);
  const path = positionals[0]!;
  const full = isAbsolute(path) ? path : join(io.cwd, path);
  let shownAs = path;
  let seedText = values.seed;
  if (await isFailureFile(full)) {
    const record = await readFailure(full);
    shownAs = record.scenarioFile;
    seedText ??= String(record.seed);
  } else if (seedText === undefined) {
    throw new UsageError(`--seed is required with a scenario file\n\n${USAGE}`);
  }
  if (values.out !== undefined && !existsSync(dirname(resolve(io.cwd, values.out))))
    throw new UsageError(`--out: cannot write ${values.out}: its directory does not exist`);
  return {
    scenario: applyDeterminismGuardFlag(await loadScenarioArgument(shownAs, io.cwd), values),
    shownAs,
    seed: parseNonNegativeInteger("--seed", seedText!),
    out: values.out,
    budgetMs:
      values["budget-s"] === undefined
        ? DEFAULT_SHRINK_BUDGET_MS
        : parseNonNegativeInteger("--budget-s", values["budget-s"]) * 1000,
    maxRuns:
      values["max-runs"] === undefined
        ? DEFAULT_SHRINK_MAX_RUNS
        : parseNonNegativeInteger("--max-runs", values["max-runs"]),
    json: values.json,
  };
}

/** Reports a kept step when a headline measure changed (faults, operations, nodes, clients). */
function progressReporter(io: CommandIo, seed: number): (progress: ShrinkProgress) => void {
  let last = "";
  return (progress) => {
    if (!progress.kept) return;
    const { size } = progress;
    const at = progress.seed === seed ? "" : `, at seed ${progress.seed}`;
    const line = `${size.faults} faults, ${size.operations} operations, ${size.nodes} nodes, ${size.clients} clients${at}`;
    if (line === last) return;
    last = line;
    io.stderr.write(
      `  ${progress.move}: ${line} (run ${progress.runs}, ${(progress.elapsedMs / 1000).toFixed(1)}s)\n`,
    );
  };
}

/** Where reproducers go by default, relative to the working directory. */
export const SHRUNK_DIRECTORY = join(".faultline", "shrunk");

/** The default reproducer path of `scenario`'s `seed`, relative to the working directory. */
export function defaultReproducerPath(scenario: Scenario, seed: number): string {
  return join(SHRUNK_DIRECTORY, `${scenario.name}-seed-${seed}.yaml`);
}

/** A reproducer written to a file. */
export interface SavedReproducer {
  /** Absolute path. */
  readonly path: string;
  /** Path as shown to the user (relative to the working directory). */
  readonly shown: string;
  /** The seed it fails at (the shrunk seed, or a nearby one a redrawing move found). */
  readonly seed: number;
  /** The command that replays it: `npx faultline replay FILE --seed N`. */
  readonly command: string;
  /** Whether it loads on its own (its system is not defined in code). */
  readonly standalone: boolean;
}

/**
 * Writes the reproducer of a shrunk failure of `original` (named `shownAs` by the user) at
 * `out` (default under `.faultline/shrunk/`), atomically.
 */
export async function saveReproducer(
  outcome: Extract<ShrinkOutcome, { kind: "shrunk" }>,
  original: { readonly scenario: Scenario; readonly shownAs: string },
  cwd: string,
  out: string | undefined,
): Promise<SavedReproducer> {
  const { seed } = outcome;
  const path = resolve(cwd, out ?? defaultReproducerPath(original.scenario, seed));
  const shown = relative(cwd, path) || path;
  const origin = { from: original.shownAs, seed, reason: outcome.reason };
  const scenario = reproducerScenario(original.scenario, outcome.shrunk.scenario, origin);
  const system = await systemSource(original.scenario);
  const sizes = sizeSummary(outcome.before, outcome.after);
  const run = `npx faultline run ${shown.includes(" ") ? JSON.stringify(shown) : shown}`;
  const text = reproducerYaml(scenario, outcome.shrunk.seed, system, path, {
    ...origin,
    sizes,
    command: run,
  });
  try {
    // The default directory is faultline's own; a directory given with --out must exist.
    await writeFileAtomically(path, text, { createDirectory: out === undefined });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new UsageError(`--out: cannot write ${shown}: its directory does not exist`);
  }
  return {
    path,
    shown,
    seed: outcome.shrunk.seed,
    command: replayCommand(cwd, path, outcome.shrunk.seed),
    standalone: system.standalone,
  };
}

/** Runs the written reproducer: does it fail again, for the same reason? */
async function failsAgain(path: string, seed: number, reason: string): Promise<boolean> {
  const result = await runScenario(await loadScenario(path), seed);
  return result.failure?.reason === reason;
}

function summary(outcome: Extract<ShrinkOutcome, { kind: "shrunk" }>, flags: ShrinkFlags): string {
  const seconds = (outcome.elapsedMs / 1000).toFixed(1);
  const stopped = outcome.stoppedBy === "done" ? "" : `, stopped by the ${outcome.stoppedBy} limit`;
  const lines = [
    `${flags.scenario.name} seed ${flags.seed}: shrunk the ${outcome.reason} failure in ${seconds}s (${outcome.runs} runs${stopped})`,
    ...sizeLines(outcome.before, outcome.after).map((line) => `  ${line}`),
    ...(outcome.shrunk.seed === flags.seed
      ? []
      : [`  seed        ${flags.seed} -> ${outcome.shrunk.seed} (the smaller run fails there)`]),
    "faults of the reproducer:",
    ...scheduleLines(outcome.shrunk.scenario).map((line) => `  ${line}`),
  ];
  if (outcome.after.faults === 0) lines.push("  (none: it fails without faults)");
  return `${lines.join("\n")}\n`;
}

async function shrinkCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const flags = await resolveFlags(args, io);
  io.stderr.write(
    `faultline shrink ${flags.shownAs} seed ${flags.seed}: budget ${formatTime(flags.budgetMs * 1000)}, at most ${flags.maxRuns} runs\n`,
  );
  const outcome = await shrinkFailure(flags.scenario, flags.seed, {
    budgetMs: flags.budgetMs,
    maxRuns: flags.maxRuns,
    onProgress: progressReporter(io, flags.seed),
  });
  if (outcome.kind === "passed")
    throw new UsageError(`${flags.shownAs} seed ${flags.seed} passes: there is nothing to shrink`);
  const saved = await saveReproducer(outcome, flags, io.cwd, flags.out);
  io.stdout.write(summary(outcome, flags));
  const verified = saved.standalone && (await failsAgain(saved.path, saved.seed, outcome.reason));
  io.stdout.write(`reproducer: ${saved.shown}\n`);
  if (!saved.standalone) {
    io.stdout.write(
      "(its system is defined in code: load it with defineScenario(..., { system }))\n",
    );
  } else if (verified) {
    io.stdout.write(`replay: ${saved.command}\n`);
  } else {
    io.stderr.write(
      `faultline shrink: the reproducer written to ${saved.shown} does not fail with ${outcome.reason} when loaded again; please report this with the scenario\n`,
    );
  }
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({
        faultsBefore: outcome.before.faults,
        faultsAfter: outcome.after.faults,
        opsBefore: outcome.before.operations,
        opsAfter: outcome.after.operations,
        out: saved.shown,
        seed: flags.seed,
        reproducerSeed: saved.seed,
        reason: outcome.reason,
        runs: outcome.runs,
        elapsedMs: Math.round(outcome.elapsedMs),
        stoppedBy: outcome.stoppedBy,
        verified,
      })}\n`,
    );
  }
  return !saved.standalone || verified ? EXIT_OK : EXIT_FAILURE;
}

/** The `shrink` subcommand. */
export const shrinkCommandDefinition: Command = {
  name: "shrink",
  usage: USAGE,
  run: shrinkCommand,
};
