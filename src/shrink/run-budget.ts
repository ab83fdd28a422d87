/**
 * The budget of one shrink: a wall-clock deadline and a bound on candidate runs, shared by
 * every search the shrink makes. Spending is checked between runs: a run in progress
 * always finishes, so a shrink ends at most one run after its deadline.
 */

import { harnessWallClockMs } from "../sim/determinism-guard.js";

/** Why a shrink stopped. */
export type ShrinkStop = "done" | "budget" | "max-runs";

/** Runs made and time spent, against their bounds. */
export class RunBudget {
  readonly #startedMs = harnessWallClockMs();
  readonly #budgetMs: number;
  readonly #maxRuns: number;
  /** Candidate runs so far. */
  runs = 0;

  constructor(budgetMs: number, maxRuns: number) {
    this.#budgetMs = budgetMs;
    this.#maxRuns = maxRuns;
  }

  /** Wall-clock milliseconds since the shrink began. */
  get elapsedMs(): number {
    return harnessWallClockMs() - this.#startedMs;
  }

  /** Wall-clock milliseconds left. */
  get remainingMs(): number {
    return this.#budgetMs - this.elapsedMs;
  }

  /** Which bound is reached, if one is. */
  spent(): Exclude<ShrinkStop, "done"> | undefined {
    if (this.runs >= this.#maxRuns) return "max-runs";
    if (this.elapsedMs >= this.#budgetMs) return "budget";
    return undefined;
  }
}
