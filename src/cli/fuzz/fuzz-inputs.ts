/**
 * The input fuzzer: mutants of the shipped scenario files and of histories in every format
 * `check` reads must never end in a stack trace, an exception that escapes, or an exit code
 * outside the documented ones. Scenario mutants are loaded as the CLI loads them and, when
 * they load, run for a few thousand events (enough to plan faults, start nodes and check a
 * short history); history mutants go through `faultline check` in this process. The test
 * suite runs a few hundred mutants; `scripts/fuzz-inputs.mjs` runs as many as asked.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenario } from "../../scenario/run-scenario.js";
import { harnessWallClockMs } from "../../sim/determinism-guard.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";
import { loadScenarioArgument } from "../scenario-argument.js";
import { UsageError } from "../usage-error.js";
import { inputMutant } from "./input-mutants.js";

/** A valid input the fuzzer mutates. */
export interface FuzzInput {
  /** A name for reports (and the mutant's file name). */
  readonly name: string;
  readonly text: string;
  /** A scenario file, or a history with the format and model to check it with. */
  readonly kind: "scenario" | { readonly format: string; readonly model: string };
}

/** A mutant that broke a promise. */
export interface FuzzFailure {
  readonly input: string;
  /** The mutant's index: `inputMutant(text, seed, index)` rebuilds it. */
  readonly index: number;
  readonly problem: string;
  readonly mutant: string;
}

/** What a fuzzing round found. */
export interface FuzzReport {
  readonly mutants: number;
  /** Exit codes (or "loaded" / "ran" for scenarios) and how often each came. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly failures: readonly FuzzFailure[];
  /** The slowest mutant, in wall-clock milliseconds. */
  readonly slowestMs: number;
}

/** Exit codes a command may end with on any input. */
const DOCUMENTED_EXIT_CODES: ReadonlySet<number> = new Set([0, 1, 2, 3, 4]);

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** Most events a scenario mutant runs for: enough to start, plan faults and check. */
const MUTANT_MAX_EVENTS = 4_000;

const JSONL_KV = [
  '{"process": 0, "type": "invoke", "f": "write", "key": "x", "value": 1, "time": 10}',
  '{"process": 1, "type": "invoke", "f": "read", "key": "x", "value": null}',
  '{"process": 0, "type": "ok", "f": "write", "key": "x", "value": 1, "time": 20}',
  '{"process": 1, "type": "ok", "f": "read", "key": "x", "value": 1}',
  '{"process": 2, "type": "invoke", "f": "cas", "key": "y", "value": [null, 2]}',
  '{"process": 2, "type": "info", "f": "cas", "key": "y", "value": [null, 2]}',
  '{"process": 0, "type": "invoke", "f": "append", "key": "z", "value": "a"}',
  '{"process": 0, "type": "fail", "f": "append", "key": "z", "value": "a"}',
].join("\n");

const JSONL_MUTEX = [
  '{"process": "c1", "type": "invoke", "f": "acquire", "key": "lock", "value": null}',
  '{"process": "c1", "type": "ok", "f": "acquire", "key": "lock", "value": 1}',
  '{"process": "c2", "type": "invoke", "f": "acquire", "key": "lock", "value": null}',
  '{"process": "c1", "type": "invoke", "f": "release", "key": "lock", "value": null}',
  '{"process": "c1", "type": "ok", "f": "release", "key": "lock", "value": null}',
  '{"process": "c2", "type": "ok", "f": "acquire", "key": "lock", "value": 2}',
].join("\n");

const EDN_REGISTER = [
  "{:type :invoke, :f :write, :value 3, :process 0, :time 10}",
  "{:type :info, :f :start, :value nil, :process :nemesis}",
  "{:type :invoke, :f :read, :value nil, :process 1}",
  "{:type :ok, :f :write, :value 3, :process 0, :time 20, :index 2}",
  "{:type :ok, :f :read, :value 3, :process 1}",
  "{:type :invoke, :f :cas, :value [3 4], :process 0}",
  "{:type :fail, :f :cas, :value [3 4], :process 0, :error :timeout}",
].join("\n");

const EDN_KV_LIST = `[{:type :invoke, :f :write, :value [:a 1], :process 0}
 {:type :ok, :f :write, :value [:a 1], :process 0}
 {:type :invoke, :f :read, :value [:a nil], :process 1}
 {:type :ok, :f :read, :value [:a 1], :process 1}]`;

function filesIn(directory: string, suffix: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}

/**
 * The inputs to mutate: the scenario files under `root`'s scenarios/ (and scenarios/bugs/),
 * a few of its Porcupine and Jepsen fixture histories, and small histories in faultline's
 * own JSON lines and in Jepsen's EDN.
 */
export function fuzzCorpus(root: string): FuzzInput[] {
  const scenarios = [
    ...filesIn(join(root, "scenarios"), ".yaml"),
    ...filesIn(join(root, "scenarios", "bugs"), ".yaml"),
  ].map((path) => ({
    name: path.slice(root.length + 1),
    text: readFileSync(path, "utf8"),
    kind: "scenario" as const,
  }));
  const fixture = (path: string, format: string, model: string): FuzzInput[] => {
    try {
      return [
        { name: path, text: readFileSync(join(root, path), "utf8"), kind: { format, model } },
      ];
    } catch {
      return [];
    }
  };
  return [
    ...scenarios,
    ...fixture("test/fixtures/porcupine/jepsen/etcd_000.log", "jepsen-etcd", "register"),
    ...fixture("test/fixtures/porcupine/kv/c01-ok.txt", "porcupine-kv", "kv"),
    ...fixture("test/fixtures/porcupine/kv/c01-bad.txt", "porcupine-kv", "kv"),
    { name: "kv.jsonl", text: JSONL_KV, kind: { format: "jsonl", model: "kv" } },
    { name: "mutex.jsonl", text: JSONL_MUTEX, kind: { format: "jsonl", model: "mutex" } },
    { name: "register.edn", text: EDN_REGISTER, kind: { format: "jepsen-edn", model: "register" } },
    { name: "kv-list.edn", text: EDN_KV_LIST, kind: { format: "jepsen-edn", model: "kv" } },
  ];
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Checks a history mutant through `faultline check`; returns a problem, or the exit code. */
async function tryHistory(
  input: FuzzInput & { kind: { format: string; model: string } },
  path: string,
  auto: boolean,
): Promise<{ problem: string } | { outcome: string }> {
  const io = memoryIo({ cwd: tmpdir() });
  const format = auto ? "auto" : input.kind.format;
  let code: number;
  try {
    code = await main(
      ["check", path, "--model", input.kind.model, "--format", format, "--timeout-ms", "1000"],
      io,
    );
  } catch (error) {
    return { problem: `check threw: ${describeError(error)}` };
  }
  if (!DOCUMENTED_EXIT_CODES.has(code)) return { problem: `check exited with code ${code}` };
  const printed = `${io.out()}\n${io.err()}`;
  if (STACK_LINE.test(printed)) return { problem: `check printed a stack trace:\n${printed}` };
  return { outcome: `exit ${code}` };
}

/** Loads a scenario mutant as the CLI does and runs it briefly; returns a problem or how it went. */
async function tryScenario(path: string): Promise<{ problem: string } | { outcome: string }> {
  let scenario: Awaited<ReturnType<typeof loadScenarioArgument>>;
  try {
    scenario = await loadScenarioArgument(path, tmpdir());
  } catch (error) {
    if (error instanceof UsageError) {
      if (STACK_LINE.test(error.message))
        return { problem: `the message holds a stack trace:\n${error.message}` };
      return { outcome: "exit 2" };
    }
    return { problem: `loading threw: ${describeError(error)}` };
  }
  try {
    await runScenario(
      {
        ...scenario,
        maxEvents: Math.min(scenario.maxEvents, MUTANT_MAX_EVENTS),
        checks: { ...scenario.checks, checkerSteps: 100_000 },
      },
      1,
    );
  } catch (error) {
    return { problem: `the run threw: ${describeError(error)}` };
  }
  return { outcome: "ran" };
}

/**
 * Runs `mutants` mutants, spread over the corpus in turn, seeded by `seed`.
 *
 * @example
 * ```ts
 * const report = await fuzzInputs(fuzzCorpus(process.cwd()), { mutants: 300, seed: 1 });
 * if (report.failures.length > 0) console.log(report.failures[0]);
 * ```
 */
export async function fuzzInputs(
  corpus: readonly FuzzInput[],
  options: { readonly mutants: number; readonly seed: number },
): Promise<FuzzReport> {
  const directory = mkdtempSync(join(tmpdir(), "faultline-fuzz-"));
  const outcomes: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let slowestMs = 0;
  // A warning Node prints (a library's complaint about the input) is output a user sees
  // but no message of faultline's: it counts as a failure of the mutant that caused it.
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  try {
    for (let index = 0; index < options.mutants; index++) {
      const failure = await fuzzOne(corpus, options.seed, index, directory, outcomes);
      await new Promise((resolve) => setImmediate(resolve));
      slowestMs = Math.max(slowestMs, failure.elapsedMs);
      const warned = warnings.splice(0);
      const problem =
        failure.problem ?? (warned.length > 0 ? `Node printed: ${warned.join("; ")}` : undefined);
      if (problem !== undefined) failures.push({ ...failure.at, problem });
    }
  } finally {
    process.off("warning", onWarning);
  }
  return { mutants: options.mutants, outcomes, failures, slowestMs };
}

/** Runs the `index`-th mutant; counts its outcome, or returns its problem. */
async function fuzzOne(
  corpus: readonly FuzzInput[],
  seed: number,
  index: number,
  directory: string,
  outcomes: Record<string, number>,
): Promise<{
  problem: string | undefined;
  elapsedMs: number;
  at: { input: string; index: number; mutant: string };
}> {
  const input = corpus[index % corpus.length]!;
  const mutant = inputMutant(input.text, seed, index);
  const path = join(directory, `mutant-${index}-${input.name.replace(/\W/g, "-")}`);
  writeFileSync(path, mutant);
  const started = harnessWallClockMs();
  const result =
    input.kind === "scenario"
      ? await tryScenario(path)
      : await tryHistory({ ...input, kind: input.kind }, path, index % 2 === 1);
  const at = { input: input.name, index, mutant };
  const elapsedMs = harnessWallClockMs() - started;
  if ("problem" in result) return { problem: result.problem, elapsedMs, at };
  outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  return { problem: undefined, elapsedMs, at };
}
