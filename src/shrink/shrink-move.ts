/**
 * A shrink move: one way of making a failing scenario smaller (drop faults, cap the
 * operations, remove a node, ...). A move proposes candidates, most promising first; the
 * shrinker runs each and keeps the first that still fails for the same reason and is
 * smaller, then asks the move again. Numeric knobs step towards their target the way
 * fast-check shrinks an integer: the target itself first, then halfway, three quarters,
 * and so on up to one below the current value.
 */
import fc from "fast-check";
import type { RunResult } from "../scenario/run-result.js";
import type { Scenario } from "../scenario/scenario.js";

/** The current reproducer: a scenario, its seed, and the (failing) run of it for that seed. */
export interface ShrinkState {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly result: RunResult;
  /** Per episode of the schedule: who led when it began in this run, where known. */
  readonly leaders?: readonly (string | undefined)[];
}

/** One family of reductions. */
export interface ShrinkMove {
  /** Kebab-case name, shown in progress lines. */
  readonly name: string;
  /**
   * Whether its candidates redraw much of the run (fewer clients, shifted faults, another
   * network): a candidate that does not fail at the current seed is then also tried at a
   * few other seeds, since the failure may well still be there, a little elsewhere.
   */
  readonly perturbs?: boolean;
  /**
   * Whether it only trims times (how long faults last): such a move waits for the search's
   * last stage, where times count; before that it could cut nothing that is counted.
   */
  readonly trimsTimes?: boolean;
  /**
   * Whether it cuts only lesser measures (keys, kinds of operation, network randomness): a
   * redrawn candidate is then not worth the many seeds of the search's wider stages.
   */
  readonly cutsLesserMeasures?: boolean;
  /** Smaller variants of `state.scenario`, most promising first (lazily). */
  candidates(state: ShrinkState): Iterable<Scenario>;
}

/**
 * Values between `target` (inclusive) and `current` (exclusive), in the order fast-check's
 * integer shrinker tries them: `target`, then ever closer to `current`.
 *
 * @example
 * ```ts
 * integerSteps(100, 0); // [0, 50, 75, 88, 94, 97, 99]
 * ```
 */
export function integerSteps(current: number, target: number): number[] {
  if (current <= target) return [];
  const steps: number[] = [];
  for (const value of fc.integer({ min: target, max: current }).shrink(current, undefined)) {
    steps.push(value.value);
  }
  return steps;
}

/** Below this many candidate values, `countSteps` tries every one of them. */
const SMALL_RANGE = 8;

/**
 * Values for a small count (clients, nodes, keys): every value from `target` up to below
 * `current` when there are few, as fast-check's integer shrinker would skip some (from 5
 * towards 1 it tries 1, 3 and 4); `integerSteps` otherwise.
 *
 * @example
 * ```ts
 * countSteps(5, 1); // [1, 2, 3, 4]
 * ```
 */
export function countSteps(current: number, target: number): number[] {
  if (current - target > SMALL_RANGE) return integerSteps(current, target);
  return Array.from({ length: Math.max(0, current - target) }, (_, index) => target + index);
}

/** Microseconds per millisecond: time knobs step in whole milliseconds. */
const US_PER_MS = 1_000;

/**
 * Like `integerSteps`, for times in microseconds stepping in whole milliseconds: values
 * from `targetUs` up to below `currentUs`, each a multiple of a millisecond.
 *
 * @example
 * ```ts
 * timeSteps(10_500, 1_000); // [1000, 6000, 9000, 10000]
 * ```
 */
export function timeSteps(currentUs: number, targetUs: number): number[] {
  const currentMs = Math.ceil(currentUs / US_PER_MS);
  const targetMs = Math.ceil(targetUs / US_PER_MS);
  return integerSteps(currentMs, targetMs)
    .map((stepMs) => stepMs * US_PER_MS)
    .filter((stepUs) => stepUs < currentUs);
}
