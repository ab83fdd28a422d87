/**
 * What one run of a scenario for one seed produced: the verdict (and, on failure, the
 * reason and an explanation), the trace hash that identifies the run, what the workload
 * did, the faults that were applied, and what each check said. Failure reasons are stable
 * strings that tests and planted-bug scenarios assert on:
 *
 * - `linearizability`: the client history is not linearizable;
 * - `invariant:<name>`: a safety invariant of the system was violated;
 * - `liveness`: the final operations did not complete after everything was healed;
 * - `liveness:<name>`: a liveness invariant of the system does not hold at the end;
 * - `node-failure`: a node's handler threw;
 * - `nondeterminism`: simulated code used the wall clock, real timers or unseeded randomness;
 * - `event-limit`: the run hit its event bound (something spins);
 * - `client-protocol`: a node answered a client with something outside the protocol;
 * - `watchdog:timeout`, `watchdog:memory`, `watchdog:crash`: the sweep had to stop the seed.
 */
import type { LinearizabilityResult } from "../checkers/linearizability-result.js";
import type { AppliedFault } from "../nemesis/nemesis.js";
import type { SwarmDraw } from "../nemesis/random-nemesis.js";
import type { WorkloadEvent, WorkloadStats } from "../workload/workload.js";

/** Why a run failed, and what to say about it. */
export interface RunFailure {
  /** A stable reason string (see the list above). */
  readonly reason: string;
  /** One paragraph for people. */
  readonly message: string;
  /** Longer explanation (e.g. the checker's), when there is one. */
  readonly details?: string;
}

/** What one check said. */
export interface CheckSummary {
  readonly name: string;
  readonly verdict: "pass" | "fail" | "unknown" | "skipped";
  readonly detail?: string;
}

/** The outcome of one seed. */
export interface RunResult {
  readonly scenario: string;
  readonly seed: number;
  /** True when every check passed. */
  readonly ok: boolean;
  readonly failure: RunFailure | undefined;
  /** The 64-bit trace hash: the same seed always gives the same hash. */
  readonly traceHash: string;
  /** Kernel events processed. */
  readonly events: number;
  /** Virtual time reached, in microseconds. */
  readonly virtualUs: number;
  /** Operations by outcome. */
  readonly ops: WorkloadStats;
  /** The faults as applied, targets resolved. */
  readonly faults: readonly AppliedFault[];
  /** What swarm mode drew, when it was on. */
  readonly swarm: SwarmDraw | undefined;
  /** What each check said. */
  readonly checks: readonly CheckSummary[];
  /** The linearizability checker's own answer (with its explanation), when it ran. */
  readonly linearizability: LinearizabilityResult | undefined;
  /** The client history. */
  readonly history: readonly WorkloadEvent[];
  /** Wall-clock milliseconds: simulating, and checking afterwards. */
  readonly timing: { readonly simulationMs: number; readonly checkingMs: number };
}
