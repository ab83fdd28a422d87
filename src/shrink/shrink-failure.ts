/**
 * Shrinking a failing seed to a small reproducer. The failing run is first pinned (its
 * fault schedule made explicit), then cut down by moves (cap operations, end the run
 * earlier, slower clients, drop and merge faults, fewer keys, clients and nodes, move
 * faults earlier, a calmer network, shorter faults) in a search that keeps only candidates
 * failing for the same reason and strictly smaller (see `ShrinkSearch`), within a
 * wall-clock budget.
 */
import type { RunResult } from "../scenario/run-result.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import {
  calmNetwork,
  fewerClients,
  fewerNodes,
  simplerWorkload,
  slowerClients,
} from "./cluster-moves.js";
import {
  aimAtLeader,
  alignFaults,
  dropFaults,
  mergeFaults,
  shiftFaults,
  shortenFaults,
} from "./fault-moves.js";
import { observedRun } from "./observed-run.js";
import { pinSchedule } from "./pin.js";
import { RunBudget, type ShrinkStop } from "./run-budget.js";
import { capOperations, fewerRecoveryOperations, shortenRun } from "./run-moves.js";
import type { ShrinkMove, ShrinkState } from "./shrink-move.js";
import { type ShrinkProgress, ShrinkSearch, type ShrinkStep } from "./shrink-search.js";
import { type ShrinkSize, shrinkSize } from "./shrink-size.js";

export type { ShrinkStop } from "./run-budget.js";
export type { ShrinkProgress, ShrinkStep } from "./shrink-search.js";

/**
 * The moves, in the order each round tries them: cheap cuts that keep the run as it was
 * first, then those that redraw it, slower clients foremost (a third of the operations
 * makes every later run cheaper; long runs with many faults fail at most seeds anyway),
 * faults aligned with the clients' work before faults merely shifted, and shortening
 * faults last, in the last stage only (a fault cut to the shortest that still fails makes
 * every later redraw less likely to fail).
 */
export const SHRINK_MOVES: readonly ShrinkMove[] = [
  capOperations,
  shortenRun,
  slowerClients,
  dropFaults,
  aimAtLeader,
  mergeFaults,
  simplerWorkload,
  fewerClients,
  alignFaults,
  shiftFaults,
  fewerNodes,
  calmNetwork,
  fewerRecoveryOperations,
  shortenFaults,
];

/** Default wall-clock budget of a shrink, in milliseconds. */
export const DEFAULT_SHRINK_BUDGET_MS = 60_000;
/** Default bound on candidate runs. */
export const DEFAULT_SHRINK_MAX_RUNS = 10_000;
/** Default number of other seeds a redrawing candidate is tried at. */
export const DEFAULT_SHRINK_RESEEDS = 3;

/** Options of `shrinkFailure`. */
export interface ShrinkOptions {
  /** Wall-clock budget in milliseconds; the run in progress finishes. Default 60,000. */
  readonly budgetMs?: number;
  /** Most candidate runs. Default 10,000. */
  readonly maxRuns?: number;
  /**
   * Other seeds a candidate of a redrawing move is tried at (0: keep the seed). Default 3;
   * when nothing more helps, wider stages try 4, 16 and 64 times as many.
   */
  readonly reseeds?: number;
  /** The failing run of the seed, when the caller already has it (saves one run). */
  readonly result?: RunResult;
  /** Hears of every candidate tried, and whether it was kept. */
  readonly onProgress?: (progress: ShrinkProgress) => void;
  /** The moves to use, in order (default `SHRINK_MOVES`). */
  readonly moves?: readonly ShrinkMove[];
}

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
      readonly steps: readonly ShrinkStep[];
      readonly runs: number;
      readonly elapsedMs: number;
      readonly stoppedBy: ShrinkStop;
    }
  /** The seed does not fail: there is nothing to shrink. */
  | { readonly kind: "passed"; readonly seed: number; readonly result: RunResult };

/**
 * The failing run with its faults pinned: faults aimed at the leader stay so when that
 * replays the very same run (same trace hash), and are pinned to the node hit otherwise.
 */
async function pinned(scenario: Scenario, seed: number, result: RunResult): Promise<ShrinkState> {
  const byLeader = pinSchedule(scenario, result, "keep-leader");
  const again = await observedRun(byLeader, seed);
  if (again.result.traceHash === result.traceHash) return { scenario: byLeader, seed, ...again };
  const byNode = pinSchedule(scenario, result, "resolve");
  const replayed = await observedRun(byNode, seed);
  if (replayed.result.failure?.reason !== result.failure?.reason) {
    throw new Error(
      `pinning the fault schedule of ${scenario.name} seed ${seed} changed its outcome from ` +
        `${result.failure?.reason ?? "pass"} to ${replayed.result.failure?.reason ?? "pass"}: a replay of ` +
        "the applied faults should be the same run (please report this with the scenario)",
    );
  }
  return { scenario: byNode, seed, ...replayed };
}

/**
 * Shrinks the failure of `scenario` at `seed` to a small scenario that fails for the same
 * reason (at that seed, or at another it pins). Expected outcomes are values: a seed that
 * passes gives `{ kind: "passed" }`.
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
  const budget = new RunBudget(
    options.budgetMs ?? DEFAULT_SHRINK_BUDGET_MS,
    options.maxRuns ?? DEFAULT_SHRINK_MAX_RUNS,
  );
  const result = options.result ?? (await runScenario(scenario, seed));
  if (result.failure === undefined) return { kind: "passed", seed, result };
  const { reason } = result.failure;
  const start = await pinned(scenario, seed, result);
  const pinningRuns = start.result.traceHash === result.traceHash ? 1 : 2;
  const plan = {
    moves: options.moves ?? SHRINK_MOVES,
    reseeds: options.reseeds ?? DEFAULT_SHRINK_RESEEDS,
  };
  const search = new ShrinkSearch(start, reason, plan, budget, options.onProgress);
  await search.run();
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
    runs: budget.runs + pinningRuns + (options.result === undefined ? 1 : 0),
    elapsedMs: budget.elapsedMs,
    stoppedBy: search.stop ?? "done",
  };
}
