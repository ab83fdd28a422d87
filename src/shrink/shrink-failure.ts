/**
 * Shrinking a failing seed to a small reproducer. The failing run is first pinned (its
 * fault schedule made explicit, targets resolved), then cut down by moves (drop, merge,
 * shorten and shift faults; cap operations; end the run earlier; fewer nodes, clients,
 * keys; a calmer network), round after round until no move helps or the budget is spent.
 * Every candidate is a full deterministic run with the same seed, and a candidate is kept
 * only when it fails for the same reason and is strictly smaller. Randomness comes from
 * named streams, so removing a fault does not redraw the workload or the network before
 * it: most cuts leave the failure where it was.
 */
import type { RunResult } from "../scenario/run-result.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import { calmNetwork, fewerClients, fewerNodes, simplerWorkload } from "./cluster-moves.js";
import { dropFaults, mergeFaults, shiftFaults, shortenFaults } from "./fault-moves.js";
import { pinSchedule } from "./pin.js";
import { capOperations, fewerRecoveryOperations, shortenRun } from "./run-moves.js";
import type { ShrinkMove, ShrinkState } from "./shrink-move.js";
import { isSmaller, type ShrinkSize, shrinkSize } from "./shrink-size.js";

/** The moves, in the order each round tries them: cheap, large cuts first. */
export const SHRINK_MOVES: readonly ShrinkMove[] = [
  capOperations,
  shortenRun,
  dropFaults,
  mergeFaults,
  fewerClients,
  shiftFaults,
  shortenFaults,
  fewerNodes,
  calmNetwork,
  fewerRecoveryOperations,
  simplerWorkload,
];

/** Default wall-clock budget of a shrink, in milliseconds. */
export const DEFAULT_SHRINK_BUDGET_MS = 60_000;
/** Default bound on candidate runs. */
export const DEFAULT_SHRINK_MAX_RUNS = 5_000;

/** Options of `shrinkFailure`. */
export interface ShrinkOptions {
  /** Wall-clock budget in milliseconds; the run in progress finishes. Default 60,000. */
  readonly budgetMs?: number;
  /** Most candidate runs. Default 5,000. */
  readonly maxRuns?: number;
  /** The failing run of the seed, when the caller already has it (saves one run). */
  readonly result?: RunResult;
  /** Hears of every reproducer kept, and of every run. */
  readonly onProgress?: (progress: ShrinkProgress) => void;
  /** The moves to use, in order (default `SHRINK_MOVES`). */
  readonly moves?: readonly ShrinkMove[];
}

/** A step of the search, for progress reports. */
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
}

/** Why the search stopped. */
export type ShrinkStop = "done" | "budget" | "max-runs";

/** What shrinking a seed gave. */
export type ShrinkOutcome =
  | {
      /** A reproducer was found (possibly the pinned original, when nothing could be cut). */
      readonly kind: "shrunk";
      readonly seed: number;
      readonly reason: string;
      /** The scenario as given, and its failing run. */
      readonly original: ShrinkState;
      /** The smallest reproducer found, and its failing run. */
      readonly shrunk: ShrinkState;
      readonly before: ShrinkSize;
      readonly after: ShrinkSize;
      /** Moves that made the reproducer smaller, in order. */
      readonly steps: readonly { readonly move: string; readonly size: ShrinkSize }[];
      readonly runs: number;
      readonly elapsedMs: number;
      readonly stoppedBy: ShrinkStop;
    }
  /** The seed does not fail: there is nothing to shrink. */
  | { readonly kind: "passed"; readonly seed: number; readonly result: RunResult };

function candidateKey(scenario: Scenario): string {
  const { nodes, network, mainUs, workload, recovery, schedule } = scenario;
  return JSON.stringify({ nodes, network, mainUs, workload, recovery, schedule });
}

/** One search: the current reproducer, the budget, and what was tried. */
class Search {
  readonly #seed: number;
  readonly #reason: string;
  readonly #options: ShrinkOptions;
  readonly #startedMs = performance.now();
  readonly #seen = new Set<string>();
  readonly steps: { move: string; size: ShrinkSize }[] = [];
  current: ShrinkState;
  size: ShrinkSize;
  runs = 0;
  stop: ShrinkStop | undefined;

  constructor(start: ShrinkState, seed: number, reason: string, options: ShrinkOptions) {
    this.current = start;
    this.size = shrinkSize(start.scenario, start.result);
    this.#seed = seed;
    this.#reason = reason;
    this.#options = options;
    this.#seen.add(candidateKey(start.scenario));
  }

  get elapsedMs(): number {
    return performance.now() - this.#startedMs;
  }

  /** Runs rounds of every move until none helps or the budget is spent. */
  async run(moves: readonly ShrinkMove[]): Promise<void> {
    let progressed = true;
    while (progressed && this.stop === undefined) {
      progressed = false;
      for (const move of moves) {
        while (this.stop === undefined && (await this.#improve(move))) progressed = true;
      }
    }
    this.stop ??= "done";
  }

  /**
   * Sets the reproducer's operation cap to the operations its main phase issued: the same
   * run (the cap is reached exactly where the main phase stopped issuing), but a file that
   * says how many operations it takes. Checked by one more run, like every change.
   */
  async tidy(): Promise<void> {
    const { scenario, result } = this.current;
    const issued = result.history.filter(
      (event) => event.type === "invoke" && event.time < scenario.mainUs,
    ).length;
    if (scenario.workload.maxOps === issued) return;
    const capped = { ...scenario, workload: { ...scenario.workload, maxOps: issued } };
    const again = await runScenario(capped, this.#seed);
    this.runs++;
    if (again.failure?.reason === this.#reason) this.current = { scenario: capped, result: again };
  }

  /** Tries `move`'s candidates until one is kept; false when none is. */
  async #improve(move: ShrinkMove): Promise<boolean> {
    for (const candidate of move.candidates(this.current)) {
      if (this.#spent()) return false;
      const key = candidateKey(candidate);
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      if (await this.#try(move, candidate)) return true;
    }
    return false;
  }

  async #try(move: ShrinkMove, scenario: Scenario): Promise<boolean> {
    const result = await runScenario(scenario, this.#seed);
    this.runs++;
    const size = shrinkSize(scenario, result);
    const kept = result.failure?.reason === this.#reason && isSmaller(size, this.size);
    if (kept) {
      this.current = { scenario, result };
      this.size = size;
      this.steps.push({ move: move.name, size });
    }
    this.#options.onProgress?.({
      move: move.name,
      kept,
      runs: this.runs,
      elapsedMs: this.elapsedMs,
      size: this.size,
    });
    return kept;
  }

  #spent(): boolean {
    if (this.runs >= (this.#options.maxRuns ?? DEFAULT_SHRINK_MAX_RUNS)) this.stop = "max-runs";
    else if (this.elapsedMs >= (this.#options.budgetMs ?? DEFAULT_SHRINK_BUDGET_MS))
      this.stop = "budget";
    return this.stop !== undefined;
  }
}

/**
 * Shrinks the failure of `scenario` at `seed` to a small scenario that fails for the same
 * reason at the same seed. Expected outcomes are values: a seed that passes gives
 * `{ kind: "passed" }`.
 *
 * @example
 * ```ts
 * const outcome = await shrinkFailure(await loadScenario("scenarios/bugs/x.yaml"), 7);
 * if (outcome.kind === "shrunk")
 *   console.log(`${outcome.before.faults} -> ${outcome.after.faults} faults`);
 * ```
 */
export async function shrinkFailure(
  scenario: Scenario,
  seed: number,
  options: ShrinkOptions = {},
): Promise<ShrinkOutcome> {
  const startedMs = performance.now();
  const result = options.result ?? (await runScenario(scenario, seed));
  if (result.failure === undefined) return { kind: "passed", seed, result };
  const { reason } = result.failure;
  const pinned = pinSchedule(scenario, result);
  const pinnedResult = await runScenario(pinned, seed);
  if (pinnedResult.failure?.reason !== reason) {
    throw new Error(
      `pinning the fault schedule of ${scenario.name} seed ${seed} changed its outcome from ` +
        `${reason} to ${pinnedResult.failure?.reason ?? "pass"}: a replay of the applied faults ` +
        "should be the same run (please report this with the scenario)",
    );
  }
  const search = new Search({ scenario: pinned, result: pinnedResult }, seed, reason, options);
  await search.run(options.moves ?? SHRINK_MOVES);
  await search.tidy();
  const shrunk = search.current;
  return {
    kind: "shrunk",
    seed,
    reason,
    original: { scenario, result },
    shrunk,
    before: shrinkSize(pinned, result),
    after: shrinkSize(shrunk.scenario, shrunk.result),
    steps: search.steps,
    runs: search.runs + (options.result === undefined ? 2 : 1),
    elapsedMs: performance.now() - startedMs,
    stoppedBy: search.stop ?? "done",
  };
}
