/**
 * The messages between a sweep and its worker processes, and the per-seed summary they carry
 * (compact: the full history stays in the worker).
 */
import type { RunResult } from "./run-result.js";

/** What a sweep keeps of one seed's run: the verdict and counts, not the history. */
export interface SeedSummary
  extends Pick<
    RunResult,
    "seed" | "ok" | "failure" | "traceHash" | "events" | "virtualUs" | "ops"
  > {
  /** Fault episodes applied. */
  readonly faults: number;
  /** Wall-clock milliseconds the seed took. */
  readonly elapsedMs: number;
}

/** The summary of a finished run that took `elapsedMs` of wall time. */
export function summarizeRun(result: RunResult, elapsedMs: number): SeedSummary {
  return {
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
  /** Whether the determinism guard is on (the scenario object may differ from its file). */
  readonly determinismGuard: boolean;
}

/** Worker to parent. */
export type WorkerReply =
  | { readonly kind: "ready" }
  | { readonly kind: "result"; readonly summary: SeedSummary }
  | { readonly kind: "load-error"; readonly message: string };
