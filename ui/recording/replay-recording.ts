/**
 * A replayed run, as the viewer sees it: the run's result and full trace, the states the
 * recorder sampled while it ran, and the checker's structured verdict on the history.
 * Everything the screens show is computed from this; nothing runs again.
 */
import type { LinearizabilityResult } from "../../src/checkers/linearizability-result.js";
import type { RunResult } from "../../src/scenario/run-result.js";
import type { Trace } from "../../src/sim/trace.js";
import type { RecordedState } from "./state-recorder.js";

/** One replayed run with everything needed to show any point of it. */
export interface ReplayRecording extends RecordedState {
  /** The scenario's name. */
  readonly scenarioName: string;
  /** The scenario file as the user named it (or the scenario's name). */
  readonly scenarioLabel: string;
  /** The seed replayed. */
  readonly seed: number;
  /** What the run produced. */
  readonly result: RunResult;
  /** The full trace, with payloads. */
  readonly trace: Trace;
  /** Node names, in node order (endpoints 0..n-1 of the trace). */
  readonly nodeIds: readonly string[];
  /** Concurrent client processes of the workload (the history's lanes). */
  readonly clients: number;
  /** The linearizability model the history was checked with (`kv`, `register`, ...), if any. */
  readonly model?: string;
  /** The checker's answer, when the history was checked. */
  readonly linearizability: LinearizabilityResult | undefined;
  /** The trace hash a failure file recorded, when the replay came from one. */
  readonly expectedTraceHash: string | undefined;
}
