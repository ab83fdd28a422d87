/**
 * The messages between a sweep and its worker processes, and the per-seed summary they carry
 * (compact: the full history stays in the worker).
 */
import type { DivergenceReport, RunFingerprint } from "./reproduction.js";
import type { RunResult } from "./run-result.js";

/**
 * A failure that did not repeat when its seed ran again: the system under test depends on
 * something outside the seed (nondeterminism the determinism guard cannot see, such as
 * state kept across runs in a module-level variable).
 */
export interface FlakyFailure {
  /** What the re-run gave. */
  readonly rerun: RunFingerprint;
  /** Where two more runs of the seed went apart, when they did. */
  readonly divergence?: DivergenceReport;
  /** What the difference means and how to look into it. */
  readonly explanation: string;
}

/** What a sweep keeps of one seed's run: the verdict and counts, not the history. */
export interface SeedSummary
  extends Pick<
    RunResult,
    "seed" | "ok" | "failure" | "traceHash" | "events" | "virtualUs" | "ops"
  > {
  /** Fault episodes applied. */
  readonly faults: number;
  /** Wall-clock milliseconds the seed took (with its re-run, when it failed). */
  readonly elapsedMs: number;
  /** Set when the seed failed but running it again did not give the same run. */
  readonly flaky?: FlakyFailure;
}

/** The summary of a finished run that took `elapsedMs` of wall time. */
export function summarizeRun(
  result: RunResult,
  elapsedMs: number,
  flaky?: FlakyFailure,
): SeedSummary {
  return {
    ...(flaky === undefined ? {} : { flaky }),
    seed: result.seed,
    ok: result.ok,
    failure: result.failure,
    traceHash: result.traceHash,
    events: result.events,
    virtualUs: result.virtualUs,
    ops: result.ops,
    faults: result.faults.length,
    elapsedMs,
  };
}

/** Parent to worker: run this seed. */
export interface WorkerRequest {
  readonly seed: number;
  /** Run a failing seed again to check that it repeats. */
  readonly recheck: boolean;
  /** Whether the determinism guard is on (the scenario object may differ from its file). */
  readonly determinismGuard: boolean;
}

/** Worker to parent. */
export type WorkerReply =
  | { readonly kind: "ready" }
  | { readonly kind: "result"; readonly summary: SeedSummary }
  | { readonly kind: "load-error"; readonly message: string };
