/**
 * A seed sweep: run one scenario over many seeds, on worker processes (one per core by
 * default), with a watchdog per seed. A seed whose system spins (an endless loop) or
 * exceeds the memory budget is stopped and reported as a failure of that seed, and the
 * sweep goes on with a fresh worker. With `untilFailure`, the sweep stops at the first
 * failing seed in list order: seeds before it all run, seeds after it are cancelled, so
 * the answer does not depend on which worker was fastest.
 *
 * Workers are child processes started with `--single-threaded-gc`, not worker threads:
 * a simulation allocates briskly, and V8's concurrent and parallel collectors then keep
 * helper threads busy beside each worker (a quarter of its own time). With one worker per
 * core those helpers compete with the other workers, and two workers ran at 1.3 to 1.6
 * times one. Collecting on the worker's own thread costs no more in total, and the
 * workers stop getting in each other's way. A process also gives each worker its own
 * heap limit, which is how the memory watchdog works.
 */
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { harnessWallClockMs } from "../sim/determinism-guard.js";
import { runScenario } from "./run-scenario.js";
import type { Scenario } from "./scenario.js";
import {
  type SeedSummary,
  summarizeRun,
  type WorkerReply,
  type WorkerRequest,
} from "./sweep-protocol.js";

/** Options of a sweep. */
export interface SweepOptions {
  /** Seeds to run, in order. */
  readonly seeds: readonly number[];
  /** Worker processes; 0 runs in this thread (no watchdog). Default: one per core. */
  readonly workers?: number;
  /** Stop at the first failing seed (in list order). */
  readonly untilFailure?: boolean;
  /** Wall-clock budget of one seed, in milliseconds (watchdog). Default 120,000. */
  readonly seedTimeoutMs?: number;
  /** Heap budget of a worker process, in MB (watchdog). Default 2,048. */
  readonly workerMemoryMb?: number;
  /** Called after each seed, in completion order. */
  readonly onSeed?: (summary: SeedSummary, done: number, total: number) => void;
}

/** What a sweep found. */
export interface SweepResult {
  readonly scenario: string;
  /** Seeds that ran, in list order. */
  readonly seedsRun: readonly number[];
  readonly passed: number;
  /** Failed seeds, in list order. */
  readonly failed: readonly SeedSummary[];
  /** The first failing seed in list order, or null. */
  readonly firstFailureSeed: number | null;
  readonly workers: number;
  /** Wall-clock milliseconds for the whole sweep. */
  readonly elapsedMs: number;
  readonly seedsPerSec: number;
}

/** The compiled worker script (this directory when running from dist/, else dist/). */
function workerScript(): URL {
  const beside = new URL("./sweep-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL("../../dist/src/scenario/sweep-worker.js", import.meta.url);
}

/**
 * This process's Node options for a worker (a loader such as `--import tsx` that a user's
 * system needs, say), less the debugger's, whose port the worker could not share. The
 * sweep's own options come after them, and win.
 */
function inheritedExecArgv(): string[] {
  return process.execArgv.filter((option) => !/^--(inspect|debug)/.test(option));
}

function watchdogSummary(
  seed: number,
  reason: string,
  message: string,
  elapsedMs: number,
): SeedSummary {
  return {
    seed,
    ok: false,
    failure: { reason, message },
    traceHash: "",
    events: 0,
    virtualUs: 0,
    ops: { invoked: 0, ok: 0, fail: 0, info: 0 },
    faults: 0,
    elapsedMs,
  };
}

function finish(
  scenario: string,
  options: SweepOptions,
  results: Map<number, SeedSummary>,
  workers: number,
  startedMs: number,
): SweepResult {
  const ran: SeedSummary[] = [];
  for (let index = 0; index < options.seeds.length; index++) {
    const summary = results.get(index);
    if (summary === undefined) continue;
    ran.push(summary);
    if (!summary.ok && options.untilFailure) break;
  }
  const failed = ran.filter((summary) => !summary.ok);
  const elapsedMs = harnessWallClockMs() - startedMs;
  return {
    scenario,
    seedsRun: ran.map((summary) => summary.seed),
    passed: ran.length - failed.length,
    failed,
    firstFailureSeed: failed[0]?.seed ?? null,
    workers,
    elapsedMs,
    seedsPerSec: ran.length / Math.max(elapsedMs / 1000, 1e-9),
  };
}

async function sweepInProcess(scenario: Scenario, options: SweepOptions): Promise<SweepResult> {
  const started = harnessWallClockMs();
  const results = new Map<number, SeedSummary>();
  for (const [index, seed] of options.seeds.entries()) {
    const seedStarted = harnessWallClockMs();
    const result = await runScenario(scenario, seed);
    const summary = summarizeRun(result, harnessWallClockMs() - seedStarted);
    results.set(index, summary);
    options.onSeed?.(summary, results.size, options.seeds.length);
    if (!summary.ok && options.untilFailure) break;
  }
  return finish(scenario.name, options, results, 0, started);
}

/** The tail of a worker's standard error kept to tell why it died, in characters. */
const STDERR_TAIL_CHARS = 4096;

/** V8's words when a heap outgrows its limit. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit/;

/** How V8's report of a fatal error starts; the watchdog's own message replaces it. */
const FATAL_REPORT = /<--- Last few GCs --->|FATAL ERROR:/;

interface Slot {
  worker: ChildProcess;
  /** The end of what the worker wrote to standard error (also passed on to ours). */
  stderrTail: string;
  /** Whether the worker has begun V8's fatal-error report, which is not passed on. */
  dying: boolean;
  index: number | undefined;
  startedMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  retired: boolean;
}

/** Appends `text` to what `slot`'s worker wrote to standard error, keeping the tail. */
function keepStderr(slot: Slot, text: string): void {
  slot.stderrTail = (slot.stderrTail + text).slice(-STDERR_TAIL_CHARS);
}

/** Runs the seeds on a pool of worker processes. */
class WorkerPool {
  readonly #file: string;
  readonly #determinismGuard: boolean;
  readonly #options: SweepOptions;
  /** Heap limit of each worker, in MB. */
  readonly #memoryMb: number;
  readonly #results = new Map<number, SeedSummary>();
  readonly #slots = new Set<Slot>();
  #next = 0;
  #failureIndex = Number.POSITIVE_INFINITY;
  #settle: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(
    scenario: { readonly file: string; readonly determinismGuard: boolean },
    options: SweepOptions,
  ) {
    this.#file = scenario.file;
    this.#determinismGuard = scenario.determinismGuard;
    this.#options = options;
    this.#memoryMb = options.workerMemoryMb ?? 2048;
  }

  get results(): Map<number, SeedSummary> {
    return this.#results;
  }

  run(workers: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
      for (let i = 0; i < workers; i++) this.#spawn();
    });
  }

  #spawn(): void {
    const worker = fork(fileURLToPath(workerScript()), [this.#file], {
      execArgv: [
        ...inheritedExecArgv(),
        "--single-threaded-gc",
        `--max-old-space-size=${this.#memoryMb}`,
      ],
      stdio: ["ignore", "inherit", "pipe", "ipc"],
      serialization: "advanced",
    });
    const slot: Slot = {
      worker,
      stderrTail: "",
      dying: false,
      index: undefined,
      startedMs: 0,
      timer: undefined,
      retired: false,
    };
    this.#slots.add(slot);
    worker.stderr?.setEncoding("utf8");
    worker.stderr?.on("data", (chunk: string) => this.#onStderr(slot, chunk));
    worker.on("message", (reply: WorkerReply) => this.#onReply(slot, reply));
    worker.on("error", (error: Error) =>
      this.#lose(slot, "watchdog:crash", `the worker failed: ${error.message}`),
    );
    worker.on("exit", (code, signal) => this.#onExit(slot, code, signal));
  }

  /** Passes a worker's standard error on, up to V8's report of a fatal error. */
  #onStderr(slot: Slot, chunk: string): void {
    keepStderr(slot, chunk);
    if (slot.dying) return;
    const fatal = FATAL_REPORT.exec(chunk);
    if (fatal !== null) slot.dying = true;
    process.stderr.write(fatal === null ? chunk : chunk.slice(0, fatal.index));
  }

  /** A worker ended on its own: out of memory, crashed, or exited. */
  #onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    // The exit event may come before the last of standard error: read what is buffered.
    const pending = slot.worker.stderr?.read() as string | null | undefined;
    if (pending) keepStderr(slot, pending);
    if (OUT_OF_MEMORY.test(slot.stderrTail)) {
      const message = `the seed outgrew the worker's ${this.#memoryMb} MB heap`;
      this.#lose(slot, "watchdog:memory", message);
      return;
    }
    const how = signal === null ? `with code ${code}` : `on signal ${signal}`;
    this.#lose(slot, "watchdog:crash", `the worker exited unexpectedly ${how}`);
  }

  #onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.kind === "load-error") {
      this.#abort(new Error(reply.message));
      return;
    }
    if (reply.kind === "result" && slot.index !== undefined)
      this.#record(slot, slot.index, reply.summary);
    this.#dispatch(slot);
  }

  #record(slot: Slot, index: number, summary: SeedSummary): void {
    clearTimeout(slot.timer);
    slot.index = undefined;
    this.#results.set(index, summary);
    if (!summary.ok && this.#options.untilFailure && index < this.#failureIndex) {
      this.#failureIndex = index;
      this.#cancelAfter(index);
    }
    this.#options.onSeed?.(summary, this.#results.size, this.#options.seeds.length);
  }

  #dispatch(slot: Slot): void {
    if (slot.retired) return;
    const index = this.#next;
    if (index >= this.#options.seeds.length || index > this.#failureIndex) {
      this.#retire(slot);
      return;
    }
    this.#next++;
    slot.index = index;
    slot.startedMs = harnessWallClockMs();
    const timeoutMs = this.#options.seedTimeoutMs ?? 120_000;
    slot.timer = setTimeout(() => {
      this.#lose(
        slot,
        "watchdog:timeout",
        `the seed ran for more than ${timeoutMs} ms of wall time (an endless loop?)`,
      );
    }, timeoutMs);
    slot.worker.send({
      seed: this.#options.seeds[index]!,
      determinismGuard: this.#determinismGuard,
    } satisfies WorkerRequest);
  }

  /** A worker died or was stopped: its seed fails, and a fresh worker takes over. */
  #lose(slot: Slot, reason: string, message: string): void {
    if (slot.retired) return;
    const index = slot.index;
    slot.retired = true;
    clearTimeout(slot.timer);
    this.#slots.delete(slot);
    slot.worker.kill("SIGKILL");
    if (index !== undefined) {
      const seed = this.#options.seeds[index]!;
      this.#record(
        slot,
        index,
        watchdogSummary(seed, reason, message, harnessWallClockMs() - slot.startedMs),
      );
      if (this.#next < this.#options.seeds.length && this.#next <= this.#failureIndex)
        this.#spawn();
    }
    this.#maybeDone();
  }

  #cancelAfter(index: number): void {
    for (const slot of this.#slots) {
      if (slot.index !== undefined && slot.index > index) this.#retire(slot);
    }
  }

  /**
   * Stops a worker whose work is over: an idle one leaves when its channel closes, a busy
   * one is killed.
   */
  #retire(slot: Slot): void {
    if (slot.retired) return;
    slot.retired = true;
    clearTimeout(slot.timer);
    this.#slots.delete(slot);
    if (slot.index === undefined && slot.worker.connected) slot.worker.disconnect();
    else slot.worker.kill("SIGKILL");
    slot.index = undefined;
    this.#maybeDone();
  }

  #maybeDone(): void {
    if (this.#slots.size === 0) this.#settle?.resolve();
  }

  #abort(error: Error): void {
    for (const slot of [...this.#slots]) this.#retire(slot);
    this.#settle?.reject(error);
  }
}

/**
 * Runs a scenario over many seeds. A scenario loaded from a file runs on worker processes;
 * one built in memory (its system may be a function) runs in this thread.
 *
 * @example
 * ```ts
 * const scenario = await loadScenario("scenarios/raft-partitions.yaml");
 * const result = await sweep(scenario, { seeds: [1, 2, 3], untilFailure: true });
 * console.log(result.firstFailureSeed);
 * ```
 */
export async function sweep(scenario: Scenario, options: SweepOptions): Promise<SweepResult> {
  const workers = Math.min(options.workers ?? availableParallelism(), options.seeds.length);
  if (scenario.file === undefined || workers === 0) return sweepInProcess(scenario, options);
  const started = harnessWallClockMs();
  const pool = new WorkerPool(
    { file: scenario.file, determinismGuard: scenario.determinismGuard },
    options,
  );
  await pool.run(workers);
  return finish(scenario.name, options, pool.results, workers, started);
}
