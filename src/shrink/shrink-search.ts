/**
 * One search for a smaller reproducer: from a pinned failing run, try each move's
 * candidates in turn, keep the first that fails for the same reason and is strictly
 * smaller, and go round the moves until none helps or the budget is spent. A candidate of
 * a move that redraws much of the run (fewer clients, say) gets room for more operations
 * than the current cap, a few other seeds to fail at, and, when it fails, its operation
 * cap cut as far as it still fails.
 *
 * The search goes in stages. First, a redrawn candidate is kept only when it cuts a count
 * (faults, operations, nodes, ...), and moves that only trim how long faults last wait: a
 * candidate that merely ends a little sooner costs as many runs as any other, and keeping
 * it would start its move's candidates over. When no move helps, the next stage tries
 * each redrawn candidate at four times as many seeds (a bug that needs exact timing fails
 * at few seeds of a redrawn run), up to a bound; not those of moves that cut only lesser
 * measures (a calmer network, fewer keys). A candidate is never run again at a seed where
 * it did not fail. A last stage at the first width keeps candidates that are smaller in
 * any measure, times included.
 */
import type { Scenario } from "../scenario/scenario.js";
import { observedRun } from "./observed-run.js";
import type { RunBudget, ShrinkStop } from "./run-budget.js";
import { capOperations } from "./run-moves.js";
import type { ShrinkMove, ShrinkState } from "./shrink-move.js";
import { isSmaller, type ShrinkSize, type SizeMeasures, shrinkSize } from "./shrink-size.js";

/** Operations a redrawn candidate may take beyond twice the current cap. */
const ROOM_OPS = 10;

/** How many times more seeds each wider stage tries per redrawing candidate. */
const RESEED_WIDENING = 4;

/**
 * Wider stages after the first (3 other seeds widen to 12, 48, then 192), each tried even
 * when the one before cut nothing: a redrawn run of a bug that needs exact timing may fail
 * at one seed in a hundred, so a few more seeds finding nothing says little.
 */
const WIDENINGS = 3;

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
  /** Candidates tried in this stage. */
  readonly #seen = new Set<string>();
  /** Candidates, each with a seed, whose run did not fail for the reason (in any stage). */
  readonly #passed = new Set<string>();
  #reseeds = 0;
  /** What a redrawn candidate must be smaller in to be kept, in the current stage. */
  #redrawnMeasures: SizeMeasures = "counts";
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

  /**
   * Rounds of every move until none helps or the budget is spent, at ever more seeds per
   * redrawing candidate; then a last stage that also keeps shorter times.
   */
  async run(): Promise<void> {
    const { reseeds } = this.#plan;
    const widenings = reseeds === 0 ? 0 : WIDENINGS;
    for (let widening = 0; widening <= widenings && this.stop === undefined; widening++) {
      await this.#stage(reseeds * RESEED_WIDENING ** widening, "counts");
    }
    if (this.stop === undefined) await this.#stage(reseeds, "all");
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

  /** Rounds of every move at `reseeds` other seeds, until none helps. */
  async #stage(reseeds: number, measures: SizeMeasures): Promise<void> {
    this.#reseeds = reseeds;
    this.#redrawnMeasures = measures;
    this.#seen.clear();
    let progressed = true;
    while (progressed && this.stop === undefined) {
      progressed = false;
      for (const move of this.#plan.moves) {
        if (move.trimsTimes === true && measures === "counts") continue;
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
        // The same candidate at the same seed is the same run: one that did not fail
        // before will not now.
        if (this.#passed.has(`${seed}:${key}`)) continue;
        if (this.#spent()) return false;
        if (await this.#try(move, candidate, seed, key)) return true;
      }
    }
    return false;
  }

  /** The seeds a candidate of `move` is tried at: the current one first. */
  #seeds(move: ShrinkMove): number[] {
    const reseeds = move.cutsLesserMeasures === true ? this.#plan.reseeds : this.#reseeds;
    const count = move.perturbs ? reseeds : 0;
    const { seed } = this.current;
    return Array.from({ length: count + 1 }, (_, k) => seed + k);
  }

  async #try(move: ShrinkMove, scenario: Scenario, seed: number, key: string): Promise<boolean> {
    const tried = move.perturbs
      ? await this.#redrawn(scenario, seed)
      : await this.#evaluate(scenario, seed);
    if (tried === undefined) this.#passed.add(`${seed}:${key}`);
    const size = tried === undefined ? undefined : shrinkSize(tried.scenario, tried.result);
    // A run kept as it was (a lower cap, an earlier end) is cheap to try and makes every
    // later run cheaper: it may cut times in any stage.
    const measures = move.perturbs ? this.#redrawnMeasures : "all";
    const kept = tried !== undefined && size !== undefined && isSmaller(size, this.size, measures);
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
