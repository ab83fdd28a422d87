/**
 * Why a call to `Simulation.run` returned. Reaching a requested time or running out of
 * events are normal ends; hitting the event bound, a node throwing, or a node breaking
 * determinism are findings, reported as values (never as exceptions) with what is needed
 * to understand them.
 */
import type { NodeId } from "./node-api.js";

/** Why `run()` returned. */
export type RunStop =
  /** No events are left. */
  | { readonly kind: "idle" }
  /** The requested `untilUs` was reached. */
  | { readonly kind: "until"; readonly timeUs: number }
  /** The run's `maxTimeUs` was reached: the normal end of a run of fixed length. */
  | { readonly kind: "time-limit"; readonly maxTimeUs: number }
  /** The run's `maxEvents` bound was hit: something is spinning (a liveness finding). */
  | { readonly kind: "event-limit"; readonly maxEvents: number }
  /** Harness code called `stop(reason)`. */
  | { readonly kind: "stopped"; readonly reason: string }
  /** A node's handler threw (or its promise rejected). */
  | {
      readonly kind: "node-failure";
      readonly node: NodeId;
      readonly message: string;
      readonly stack: string | undefined;
    }
  /** Code running in the simulation used the wall clock, a real timer or unseeded randomness. */
  | {
      readonly kind: "nondeterminism";
      readonly node: NodeId | undefined;
      readonly call: string;
      /** The caller's own frames (faultline's and Node's left out), one per line; may be empty. */
      readonly stack: string;
    };

/** The kinds of `RunStop` that are findings rather than normal ends. */
export type RunFailure = Extract<
  RunStop,
  { kind: "event-limit" | "node-failure" | "nondeterminism" }
>;

/** Whether a stop is a finding (the run failed) rather than a normal end. */
export function isRunFailure(stop: RunStop): stop is RunFailure {
  return (
    stop.kind === "event-limit" || stop.kind === "node-failure" || stop.kind === "nondeterminism"
  );
}

/** One line describing a stop, for reports. */
export function describeRunStop(stop: RunStop): string {
  switch (stop.kind) {
    case "idle":
      return "no events left";
    case "until":
      return `reached ${stop.timeUs}us`;
    case "time-limit":
      return `reached the time limit (${stop.maxTimeUs}us)`;
    case "event-limit":
      return `hit the event limit (${stop.maxEvents} events): the system may be spinning`;
    case "stopped":
      return `stopped: ${stop.reason}`;
    case "node-failure":
      return `node ${stop.node} threw: ${stop.message}`;
    case "nondeterminism":
      return `${stop.node === undefined ? "simulated code" : `node ${stop.node}`} called ${stop.call}, which breaks determinism`;
  }
}
