/**
 * `simTest`: a vitest test that runs a scenario for a list of seeds and fails with a
 * message naming the failing seed, the reason, the shrunk reproducer (when shrinking is
 * on) and the one command that replays it; and `runSim`, one run whose result the
 * matchers can explain. Setting `FAULTLINE_SEED=N` runs only seed N, which is how a
 * failure of a scenario defined in code is replayed.
 */
import { relative } from "node:path";
import { expect, test } from "vitest";
import { saveReproducer } from "../cli/commands/shrink.js";
import { replayCommand } from "../cli/failure-file.js";
import type { RunResult } from "../scenario/run-result.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import { parseSeeds } from "../scenario/seeds.js";
import { shrinkFailure } from "../shrink/shrink-failure.js";
import { scheduleLines } from "../shrink/shrink-report.js";
import { describeFailure } from "./failure-message.js";
import { type RunContext, rememberRun } from "./run-context.js";
import { type InlineSystem, loadSimScenario, type SimScenario } from "./sim-scenario.js";

/** Options of `simTest`. */
export interface SimTestOptions {
  /** Seeds: a list, a range such as `"1..50"`, or a count N (seeds 1..N). Default: the scenario's. */
  readonly seeds?: readonly number[] | string | number;
  /** Shrink the failing seed and show the reproducer: true, or a budget. Default false. */
  readonly shrink?: boolean | { readonly budgetMs?: number; readonly maxRuns?: number };
  /** The system, when it is defined in the test rather than named by the scenario. */
  readonly system?: InlineSystem;
  /** Expect some seed to fail with this reason instead (a test that the bug is caught). */
  readonly expectFailure?: string;
  /** The test's timeout in milliseconds (default 120,000). */
  readonly timeoutMs?: number;
  /**
   * Whether wall-clock, `Math.random`, real-timer, crypto and real-I/O calls inside a node
   * fail the run as `nondeterminism`. Default: the scenario's `determinismGuard` (true unless
   * it says false). Turned off, such calls go unreported and a failure may not replay.
   */
  readonly determinismGuard?: boolean;
}

/** `scenario`, with the guard as `determinismGuard` says (unchanged when undefined). */
function withGuard(scenario: Scenario, determinismGuard: boolean | undefined): Scenario {
  return determinismGuard === undefined ? scenario : { ...scenario, determinismGuard };
}

/** Default shrink budget inside a test, in milliseconds. */
const TEST_SHRINK_BUDGET_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;

/** The seeds to run: `FAULTLINE_SEED` if set, else the option, else the scenario's. */
export function seedsToRun(option: SimTestOptions["seeds"], scenario: Scenario): number[] {
  const pinned = process.env.FAULTLINE_SEED;
  const given = pinned !== undefined && pinned !== "" ? pinned : option;
  if (given === undefined) return [...scenario.seeds];
  if (typeof given === "number") return Array.from({ length: given }, (_, index) => index + 1);
  if (typeof given !== "string") return [...given];
  const parsed = parseSeeds(given);
  if (!Array.isArray(parsed)) throw new TypeError(`simTest seeds: ${parsed.error}`);
  return parsed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The command that replays `seed`: the CLI for a file scenario, vitest for one in code. */
function replayFor(scenario: Scenario, seed: number, testName: string): string {
  const cwd = process.cwd();
  if (scenario.file !== undefined) return replayCommand(cwd, scenario.file, seed);
  const testPath = expect.getState().testPath;
  const file = testPath === undefined ? "" : ` ${relative(cwd, testPath)}`;
  return `FAULTLINE_SEED=${seed} npx vitest run${file} -t ${JSON.stringify(escapeRegExp(testName))}`;
}

/** Shrinks a failing run and saves its reproducer; the context its message shows. */
async function shrunkContext(
  loaded: { scenario: Scenario; shownAs: string },
  result: RunResult,
  shrink: Exclude<SimTestOptions["shrink"], undefined | false>,
  fallback: string,
): Promise<RunContext> {
  const limits = shrink === true ? {} : shrink;
  const outcome = await shrinkFailure(loaded.scenario, result.seed, {
    result,
    budgetMs: limits.budgetMs ?? TEST_SHRINK_BUDGET_MS,
    ...(limits.maxRuns === undefined ? {} : { maxRuns: limits.maxRuns }),
  });
  if (outcome.kind !== "shrunk") return { replay: fallback };
  const saved = await saveReproducer(outcome, loaded, process.cwd(), undefined);
  const reproducer = {
    before: outcome.before,
    after: outcome.after,
    file: saved.shown,
    schedule: scheduleLines(outcome.shrunk.scenario),
  };
  if (saved.standalone) return { replay: saved.command, reproducer };
  const note = "(its system is defined in code: run it with simTest(name, file, { system }))";
  return { replay: fallback, reproducer: { ...reproducer, note } };
}

/**
 * Runs a scenario for one seed; the matchers can then say how to replay the result.
 *
 * @example
 * ```ts
 * const result = await runSim("scenarios/raft-partitions.yaml", 137);
 * expect(result).toBeLinearizable();
 * ```
 */
export async function runSim(
  given: SimScenario,
  seed: number,
  options: { readonly system?: InlineSystem; readonly determinismGuard?: boolean } = {},
): Promise<RunResult> {
  const loaded = await loadSimScenario(given, options.system);
  const scenario = withGuard(loaded.scenario, options.determinismGuard);
  const result = await runScenario(scenario, seed);
  const testName = expect.getState().currentTestName ?? scenario.name;
  rememberRun(result, { replay: replayFor(scenario, seed, testName) });
  return result;
}

async function firstFailure(scenario: Scenario, seeds: readonly number[]) {
  for (const seed of seeds) {
    const result = await runScenario(scenario, seed);
    if (!result.ok) return result;
  }
  return undefined;
}

/**
 * The body of a `simTest`, for use in a test of one's own: resolves when every seed passes
 * (or, with `expectFailure`, when some seed fails with that reason), and otherwise throws
 * an error whose message names the seed, the reason, the reproducer and the replay command.
 * `name` is the test's name, used in the replay command of a scenario defined in code.
 *
 * @example
 * ```ts
 * test("partitions", async () => {
 *   await simCheck("partitions", "scenarios/my-store.yaml", { seeds: 10 });
 * });
 * ```
 */
export async function simCheck(
  name: string,
  given: SimScenario,
  options: SimTestOptions = {},
): Promise<void> {
  const fromFile = await loadSimScenario(given, options.system);
  const loaded = {
    ...fromFile,
    scenario: withGuard(fromFile.scenario, options.determinismGuard),
  };
  const seeds = seedsToRun(options.seeds, loaded.scenario);
  const failed = await firstFailure(loaded.scenario, seeds);
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `${seeds.length} seeds`;
  if (options.expectFailure !== undefined) {
    if (failed?.failure?.reason === options.expectFailure) return;
    const found = failed === undefined ? "every seed passed" : describeFailure(failed, undefined);
    throw new Error(
      `expected ${loaded.shownAs} to fail with ${options.expectFailure} within ${seedText}, but ${found}`,
    );
  }
  if (failed === undefined) return;
  const replay = replayFor(loaded.scenario, failed.seed, name);
  const context = options.shrink
    ? await shrunkContext(loaded, failed, options.shrink, replay)
    : { replay };
  rememberRun(failed, context);
  throw new Error(describeFailure(failed, context));
}

/**
 * Declares a vitest test that runs `scenario` for each seed and fails at the first failing
 * seed, with the seed, the reason, the shrunk reproducer (with `shrink`) and the command
 * that replays it.
 *
 * @example
 * ```ts
 * import { simTest } from "faultline/vitest";
 *
 * simTest("raft survives partitions", "scenarios/raft-partitions.yaml", {
 *   seeds: "1..20",
 *   shrink: true,
 * });
 * ```
 */
export function simTest(name: string, scenario: SimScenario, options: SimTestOptions = {}): void {
  test(name, () => simCheck(name, scenario, options), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}
