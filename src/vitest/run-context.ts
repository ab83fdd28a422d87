/**
 * What a run's failure message needs to know beyond the `RunResult` itself: how to replay
 * the run, and the shrunk reproducer when one was made. The vitest helpers remember it per
 * result (weakly), so that `expect(result).toPass()` can print the replay command of a
 * result that `runSim` or `simTest` produced.
 */
import type { RunResult } from "../scenario/run-result.js";
import type { ShrinkSize } from "../shrink/shrink-size.js";

/** A shrunk reproducer of a failing run, as a failure message shows it. */
export interface ReproducerReport {
  readonly before: ShrinkSize;
  readonly after: ShrinkSize;
  /** The reproducer file, as shown to the user. */
  readonly file: string;
  /** Its fault schedule, one line per episode. */
  readonly schedule: readonly string[];
  /** How to use it, when it does not load on its own (its system is defined in code). */
  readonly note?: string;
}

/** How to replay a run, and what shrinking it gave. */
export interface RunContext {
  /** The one command that replays the run (or its reproducer). */
  readonly replay: string;
  readonly reproducer?: ReproducerReport;
}

const CONTEXTS = new WeakMap<RunResult, RunContext>();

/** Remembers how to replay `result`. */
export function rememberRun(result: RunResult, context: RunContext): void {
  CONTEXTS.set(result, context);
}

/** How to replay `result`, if a vitest helper produced it. */
export function runContext(result: RunResult): RunContext | undefined {
  return CONTEXTS.get(result);
}
