/**
 * vitest matchers for run results: `toPass()`, `toBeLinearizable()` and
 * `toFailWith(reason)`. Their messages name the scenario and seed, say why the run failed,
 * and end with the command that replays it. Importing `faultline/vitest` registers them.
 */
import type { RunResult } from "../scenario/run-result.js";
import { describeFailure, fallbackReplay } from "./failure-message.js";
import { runContext } from "./run-context.js";

/** The matchers `faultline/vitest` adds to `expect`. */
export interface FaultlineMatchers<R = unknown> {
  /** The run passed every check. */
  toPass(): R;
  /** The run's client history was checked and found linearizable. */
  toBeLinearizable(): R;
  /** The run failed with exactly this reason (`linearizability`, `invariant:<name>`, ...). */
  toFailWith(reason: string): R;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: the shape vitest declares for Matchers
  interface Matchers<T = any> extends FaultlineMatchers<T> {}
}

/** What a matcher returns to vitest. */
interface MatcherOutcome {
  readonly pass: boolean;
  readonly message: () => string;
}

function asResult(received: unknown, matcher: string): RunResult {
  const candidate = received as Partial<RunResult> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.seed !== "number" ||
    typeof candidate.ok !== "boolean" ||
    !Array.isArray(candidate.checks)
  ) {
    throw new TypeError(`${matcher}: expected the result of runScenario or runSim`);
  }
  return candidate as RunResult;
}

function replayOf(result: RunResult): string {
  return runContext(result)?.replay ?? fallbackReplay(result);
}

function toPass(received: unknown): MatcherOutcome {
  const result = asResult(received, "toPass");
  return {
    pass: result.ok,
    message: () =>
      result.ok
        ? `expected ${result.scenario} seed ${result.seed} to fail, but it passed\nreplay: ${replayOf(result)}`
        : describeFailure(result, runContext(result)),
  };
}

function toBeLinearizable(received: unknown): MatcherOutcome {
  const result = asResult(received, "toBeLinearizable");
  const check = result.checks.find((summary) => summary.name === "linearizability");
  const verdict = check?.verdict ?? "skipped";
  const why =
    verdict === "unknown"
      ? `the checker could not decide (${check?.detail ?? "search stopped"})`
      : verdict === "skipped"
        ? `its history was not checked${result.failure ? ` (the run failed first: ${result.failure.reason})` : ""}`
        : undefined;
  return {
    pass: verdict === "pass",
    message: () => {
      if (verdict === "pass")
        return `expected ${result.scenario} seed ${result.seed} not to be linearizable, but it is\nreplay: ${replayOf(result)}`;
      if (why !== undefined)
        return `expected ${result.scenario} seed ${result.seed} to be linearizable, but ${why}\nreplay: ${replayOf(result)}`;
      return describeFailure(result, runContext(result));
    },
  };
}

function toFailWith(received: unknown, reason: string): MatcherOutcome {
  const result = asResult(received, "toFailWith");
  const actual = result.failure?.reason;
  const what = actual === undefined ? "it passed" : `it failed with ${actual}`;
  return {
    pass: actual === reason,
    message: () =>
      actual === reason
        ? `expected ${result.scenario} seed ${result.seed} not to fail with ${reason}, but it did\nreplay: ${replayOf(result)}`
        : `expected ${result.scenario} seed ${result.seed} to fail with ${reason}, but ${what}\nreplay: ${replayOf(result)}`,
  };
}

/**
 * The matchers, for `expect.extend` (importing `faultline/vitest` already does that).
 *
 * @example
 * ```ts
 * import { expect } from "vitest";
 * import { faultlineMatchers } from "faultline/vitest";
 * expect.extend(faultlineMatchers);
 * ```
 */
export const faultlineMatchers = { toPass, toBeLinearizable, toFailWith };
