/**
 * One search for a smaller reproducer: from a pinned failing run, try each move's
 * candidates in turn, keep the first that fails for the same reason and is strictly
 * smaller, and go round the moves until none helps or the budget is spent. A candidate of
 * a move that redraws much of the run (fewer clients, say) gets room for more operations
 * than the current cap, a few other seeds to fail at, and, when it fails, its operation
 * cap cut as far as it still fails. The last rounds try more seeds per such candidate,
 * when the reproducer is small and its runs cheap.
 */
import type { Scenario } from "../scenario/scenario.js";
import { observedRun } from "./observed-run.js";
import type { RunBudget, ShrinkStop } from "./run-budget.js";
import { capOperations } from "./run-moves.js";
import type { ShrinkMove, ShrinkState } from "./shrink-move.js";
import { isSmaller, type ShrinkSize, shrinkSize } from "./shrink-size.js";

/** Operations a redrawn candidate may take beyond twice the current cap. */
const ROOM_OPS = 10;

/** How many times more seeds the last rounds try per redrawing candidate. */
const RESEED_WIDENING = 4;

/** A candidate tried (at one seed, in one or more runs), for progress reports. */
export interface ShrinkProgress {
  /** The move that proposed the candidate. */
  readonly move: string;
  /** Whether the candidate was kept. */
  readonly kept: boolean;
  /** Candidate runs so far. */
  readonly runs: number;
  readonly elapsedMs: number;
  /** The size of the current reproducer (after this step). */
  readonly size: ShrinkSize;
  /** The seed of the current reproducer. */
  readonly seed: number;
}

/** A kept step. */
export interface ShrinkStep {
  readonly move: string;
  readonly seed: number;
  readonly size: ShrinkSize;
}

/** How one search goes about it. */
export interface SearchPlan {
  /** The moves, in the order each round tries them. */
  readonly moves: readonly ShrinkMove[];
  /** Other seeds a redrawing candidate is tried at (0: keep the seed). */
  readonly reseeds: number;
}

function candidateKey(scenario: Scenario): string {
  const { nodes, network, mainUs, workload, recovery, schedule } = scenario;
  return JSON.stringify({ nodes, network, mainUs, workload, recovery, schedule });
}

/** One search: the current reproducer, and what was tried. */
export class ShrinkSearch {
  readonly #reason: string;
  readonly #plan: SearchPlan;
  readonly #budget: RunBudget;
  readonly #onProgress: ((progress: ShrinkProgress) => void) | undefined;
  readonly #seen = new Set<string>();
  #reseeds = 0;
  readonly steps: ShrinkStep[] = [];
  current: ShrinkState;
  size: ShrinkSize;
  stop: ShrinkStop | undefined;

  constructor(
    start: ShrinkState,
    reason: string,
    plan: SearchPlan,
    budget: RunBudget,
    onProgress?: (progress: ShrinkProgress) => void,
  ) {
    this.current = start;
    this.size = shrinkSize(start.scenario, start.result);
    this.#reason = reason;
    this.#plan = plan;
    this.#budget = budget;
    this.#onProgress = onProgress;
  }

  /** Rounds of every move until none helps or the budget is spent; then wider rounds. */
  async run(): Promise<void> {
    const { reseeds } = this.#plan;
    for (const level of reseeds === 0 ? [0] : [reseeds, reseeds * RESEED_WIDENING]) {
      this.#reseeds = level;
      this.#seen.clear();
      await this.#rounds();
    }
    this.stop ??= "done";
  }

  /**
   * Sets the reproducer's operation cap to the operations its main phase issued: the same
   * run (the cap is reached exactly where the main phase stopped issuing), but a file that
   * says how many operations it takes. Checked by one more run, like every change.
   */
  async tidy(): Promise<void> {
    const { scenario, seed, result } = this.current;
    const issued = result.history.filter(
      (event) => event.type === "invoke" && event.time < scenario.mainUs,
    ).length;
    if (scenario.workload.maxOps === issued) return;
    const capped = { ...scenario, workload: { ...scenario.workload, maxOps: issued } };
    const tidied = await this.#evaluate(capped, seed);
    if (tidied !== undefined) this.current = tidied;
  }

  async #rounds(): Promise<void> {
    let progressed = true;
    while (progressed && this.stop === undefined) {
      progressed = false;
      for (const move of this.#plan.moves) {
        while (this.stop === undefined && (await this.#improve(move))) progressed = true;
      }
    }
  }

  /** Tries `move`'s candidates until one is kept; false when none is. */
  async #improve(move: ShrinkMove): Promise<boolean> {
    for (const candidate of move.candidates(this.current)) {
      const key = candidateKey(candidate);
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      for (const seed of this.#seeds(move)) {
        if (this.#spent()) return false;
        if (await this.#try(move, candidate, seed)) return true;
      }
    }
    return false;
  }

  /** The seeds a candidate of `move` is tried at: the current one first. */
  #seeds(move: ShrinkMove): number[] {
    const count = move.perturbs ? this.#reseeds : 0;
    const { seed } = this.current;
    return Array.from({ length: count + 1 }, (_, k) => seed + k);
  }

  async #try(move: ShrinkMove, scenario: Scenario, seed: number): Promise<boolean> {
    const tried = move.perturbs
      ? await this.#redrawn(scenario, seed)
      : await this.#evaluate(scenario, seed);
    const size = tried === undefined ? undefined : shrinkSize(tried.scenario, tried.result);
    const kept = tried !== undefined && size !== undefined && isSmaller(size, this.size);
    if (kept) {
      this.current = tried;
      this.size = size;
      this.steps.push({ move: move.name, seed, size });
    }
    this.#onProgress?.({
      move: move.name,
      kept,
      runs: this.#budget.runs,
      elapsedMs: this.#budget.elapsedMs,
      size: this.size,
      seed: this.current.seed,
    });
    return kept;
  }

  /** Runs `scenario` at `seed`: the state, when it fails for the reason. */
  async #evaluate(scenario: Scenario, seed: number): Promise<ShrinkState | undefined> {
    const { result, leaders } = await observedRun(scenario, seed);
    this.#budget.runs++;
    return result.failure?.reason === this.#reason
      ? { scenario, seed, result, leaders }
      : undefined;
  }

  /**
   * Runs a redrawn candidate with room for more operations than the current cap (the
   * failure may now come a little later); if it fails, its cap is then cut as far as it
   * still fails, as `cap-operations` would.
   */
  async #redrawn(scenario: Scenario, seed: number): Promise<ShrinkState | undefined> {
    const { maxOps } = scenario.workload;
    const roomy =
      maxOps === undefined
        ? scenario
        : { ...scenario, workload: { ...scenario.workload, maxOps: maxOps * 2 + ROOM_OPS } };
    let state = await this.#evaluate(roomy, seed);
    while (state !== undefined) {
      let tighter: ShrinkState | undefined;
      for (const candidate of capOperations.candidates(state)) {
        if (this.#spent()) return state;
        tighter = await this.#evaluate(candidate, seed);
        if (tighter !== undefined) break;
      }
      if (tighter === undefined) return state;
      state = tighter;
    }
    return undefined;
  }

  #spent(): boolean {
    this.stop ??= this.#budget.spent();
    return this.stop !== undefined;
  }
}
