/**
 * Shrinking a failing seed to a small reproducer. The failing run is first pinned (its
 * fault schedule made explicit), then cut down by moves (cap operations, end the run
 * earlier, drop and merge faults, fewer keys, clients and nodes, shift faults earlier, a
 * calmer network, shorter faults), round after round until no move helps or the budget is
 * spent. Every candidate is a full deterministic run, and it is kept only when it fails
 * for the same reason and is strictly smaller. Randomness comes from named streams, so a
 * cut such as removing a fault does not redraw the workload or the network before it; for
 * moves that do redraw much of the run (fewer clients, say), a candidate that no longer
 * fails at the current seed is also tried at a few other seeds, and the reproducer pins
 * whichever seed it fails at.
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

/**
 * The moves, in the order each round tries them: cheap cuts that keep the run as it was
 * first, then those that redraw it, and shortening faults last (a fault cut to the
 * shortest that still fails makes every later redraw less likely to fail).
 */
export const SHRINK_MOVES: readonly ShrinkMove[] = [
  capOperations,
  shortenRun,
  dropFaults,
  mergeFaults,
  simplerWorkload,
  fewerClients,
  shiftFaults,
  fewerNodes,
  calmNetwork,
  fewerRecoveryOperations,
  shortenFaults,
];

/** Default wall-clock budget of a shrink, in milliseconds. */
export const DEFAULT_SHRINK_BUDGET_MS = 60_000;
/** Default bound on candidate runs. */
export const DEFAULT_SHRINK_MAX_RUNS = 5_000;
/** Default number of other seeds a redrawing candidate is tried at. */
export const DEFAULT_SHRINK_RESEEDS = 3;

/** Options of `shrinkFailure`. */
export interface ShrinkOptions {
  /** Wall-clock budget in milliseconds; the run in progress finishes. Default 60,000. */
  readonly budgetMs?: number;
  /** Most candidate runs. Default 5,000. */
  readonly maxRuns?: number;
  /** Other seeds a candidate of a redrawing move is tried at (0: keep the seed). Default 3. */
  readonly reseeds?: number;
  /** The failing run of the seed, when the caller already has it (saves one run). */
  readonly result?: RunResult;
  /** Hears of every candidate run, and whether it was kept. */
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
  /** The seed of the current reproducer. */
  readonly seed: number;
}

/** Why the search stopped. */
export type ShrinkStop = "done" | "budget" | "max-runs";

/** What shrinking a seed gave. */
export type ShrinkOutcome =
  | {
      /** A reproducer was found (possibly the pinned original, when nothing could be cut). */
      readonly kind: "shrunk";
      /** The seed that was shrunk. */
      readonly seed: number;
      readonly reason: string;
      /** The scenario as given, and its failing run. */
      readonly original: ShrinkState;
      /** The smallest reproducer found: its scenario, seed and failing run. */
      readonly shrunk: ShrinkState;
      readonly before: ShrinkSize;
      readonly after: ShrinkSize;
      /** Moves that made the reproducer smaller, in order. */
      readonly steps: readonly {
        readonly move: string;
        readonly seed: number;
        readonly size: ShrinkSize;
      }[];
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

/** The seeds a redrawing candidate is tried at: the current one, then the next few. */
function seedsToTry(seed: number, reseeds: number): number[] {
  return Array.from({ length: reseeds + 1 }, (_, offset) => seed + offset);
}

/** One search: the current reproducer, the budget, and what was tried. */
class Search {
  readonly #reason: string;
  readonly #options: ShrinkOptions;
  readonly #startedMs = performance.now();
  readonly #seen = new Set<string>();
  readonly steps: { move: string; seed: number; size: ShrinkSize }[] = [];
  current: ShrinkState;
  size: ShrinkSize;
  runs = 0;
  stop: ShrinkStop | undefined;

  constructor(start: ShrinkState, reason: string, options: ShrinkOptions) {
    this.current = start;
    this.size = shrinkSize(start.scenario, start.result);
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
    const { scenario, seed, result } = this.current;
    const issued = result.history.filter(
      (event) => event.type === "invoke" && event.time < scenario.mainUs,
    ).length;
    if (scenario.workload.maxOps === issued) return;
    const capped = { ...scenario, workload: { ...scenario.workload, maxOps: issued } };
    const again = await runScenario(capped, seed);
    this.runs++;
    if (again.failure?.reason === this.#reason)
      this.current = { scenario: capped, seed, result: again };
  }

  /** Tries `move`'s candidates until one is kept; false when none is. */
  async #improve(move: ShrinkMove): Promise<boolean> {
    for (const candidate of move.candidates(this.current)) {
      if (this.#spent()) return false;
      const key = candidateKey(candidate);
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      const reseeds = move.perturbs ? (this.#options.reseeds ?? DEFAULT_SHRINK_RESEEDS) : 0;
      for (const seed of seedsToTry(this.current.seed, reseeds)) {
        if (this.#spent()) return false;
        if (await this.#try(move, candidate, seed)) return true;
      }
    }
    return false;
  }

  async #try(move: ShrinkMove, scenario: Scenario, seed: number): Promise<boolean> {
    const result = await runScenario(scenario, seed);
    this.runs++;
    const size = shrinkSize(scenario, result);
    const kept = result.failure?.reason === this.#reason && isSmaller(size, this.size);
    if (kept) {
      this.current = { scenario, seed, result };
      this.size = size;
      this.steps.push({ move: move.name, seed, size });
    }
    this.#options.onProgress?.({
      move: move.name,
      kept,
      runs: this.runs,
      elapsedMs: this.elapsedMs,
      size: this.size,
      seed: this.current.seed,
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
 * The failing run with its faults pinned: faults aimed at the leader stay so when that
 * replays the very same run (same trace hash), and are pinned to the node hit otherwise.
 */
async function pinned(scenario: Scenario, seed: number, result: RunResult): Promise<ShrinkState> {
  const byLeader = pinSchedule(scenario, result, "keep-leader");
  const again = await runScenario(byLeader, seed);
  if (again.traceHash === result.traceHash) return { scenario: byLeader, seed, result: again };
  const byNode = pinSchedule(scenario, result, "resolve");
  const replayed = await runScenario(byNode, seed);
  if (replayed.failure?.reason !== result.failure?.reason) {
    throw new Error(
      `pinning the fault schedule of ${scenario.name} seed ${seed} changed its outcome from ` +
        `${result.failure?.reason ?? "pass"} to ${replayed.failure?.reason ?? "pass"}: a replay of ` +
        "the applied faults should be the same run (please report this with the scenario)",
    );
  }
  return { scenario: byNode, seed, result: replayed };
}

/**
 * Shrinks the failure of `scenario` at `seed` to a small scenario that fails for the same
 * reason (at that seed, or at a nearby one it pins). Expected outcomes are values: a seed
 * that passes gives `{ kind: "passed" }`.
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
  const start = await pinned(scenario, seed, result);
  const pinningRuns = start.result.traceHash === result.traceHash ? 1 : 2;
  const search = new Search(start, reason, options);
  await search.run(options.moves ?? SHRINK_MOVES);
  await search.tidy();
  const shrunk = search.current;
  return {
    kind: "shrunk",
    seed,
    reason,
    original: { scenario, seed, result },
    shrunk,
    before: shrinkSize(start.scenario, result),
    after: shrinkSize(shrunk.scenario, shrunk.result),
    steps: search.steps,
    runs: search.runs + pinningRuns + (options.result === undefined ? 1 : 0),
    elapsedMs: performance.now() - startedMs,
    stoppedBy: search.stop ?? "done",
  };
}
