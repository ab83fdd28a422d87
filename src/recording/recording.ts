/**
 * A recording: the common currency between a run and everything that looks at it. A
 * simulated run and a real-process run (Maelstrom `--bin`) both produce this shape: the
 * messages with their times, the faults, the nodes' lifecycle and log lines, the client
 * history and the verdict. The terminal UI, the run report, `check` and the failure store
 * read recordings, never the live run. Plain JSON data: it is written to disk as is.
 *
 * Times are integer microseconds from the start of the run: virtual time for a simulated
 * run, real time since the harness started for a process run.
 */
import type { HistoryEvent } from "../checkers/history.js";

/** Where a recording came from. */
export type RecordingSource = "simulation" | "process";

/** One message between nodes, clients and services, as the network handled it. */
export interface RecordedMessage {
  /** Unique within the recording, in send order. */
  readonly id: number;
  readonly from: string;
  readonly to: string;
  /** When it was sent, in microseconds. */
  readonly sentUs: number;
  /** When it was delivered; absent when it never was. */
  readonly deliveredUs?: number;
  /** Why it was not delivered (`partition`, `loss`, `crashed`, `paused`, ...); absent when it was. */
  readonly dropped?: string;
  /** What was sent (the Maelstrom body, or a simulated message's body). */
  readonly body: unknown;
  /** A second delivery of a message the network duplicated (same id as the first). */
  readonly duplicate?: boolean;
  /** For a client's request or the reply to it: the history process it was for. */
  readonly process?: number | string;
  /** The trace event number of the send, where the run has a trace (the UI's `#N`). */
  readonly sentEvent?: number;
  /** The trace event number of the delivery or drop, where the run has a trace. */
  readonly endEvent?: number;
}

/** One fault episode of the nemesis. */
export interface RecordedFault {
  /** The fault kind, as scenario files name it (`partition`, `crash`, `pause`, ...). */
  readonly kind: string;
  readonly startUs: number;
  /** When it was healed; absent when it lasted to the end of the run. */
  readonly endUs?: number;
  /** The nodes it touched. */
  readonly nodes: readonly string[];
  /** The fault in words, e.g. `partition isolate n3`. */
  readonly description: string;
}

/** Something that happened to or in one node. */
export interface RecordedNodeEvent {
  readonly timeUs: number;
  readonly node: string;
  /** `crash`, `restart`, `pause`, `resume`, `exit`, `log` (a log line), `stderr` (a real process's). */
  readonly kind: string;
  readonly text?: string;
  /** The trace event number, where the run has a trace (the UI's `#N`). */
  readonly event?: number;
}

/** A history event with its time in microseconds. */
export interface RecordedHistoryEvent extends HistoryEvent {
  readonly time: number;
  /** Why an operation failed or ended unknown. */
  readonly error?: string;
}

/** The verdict of the run's checks. */
export interface RecordedVerdict {
  readonly valid: boolean | "unknown";
  /** The failure reason (`linearizability`, `invariant:<name>`, ...) when not valid. */
  readonly reason?: string;
  /** The checker's explanation, in words. */
  readonly explanation?: string;
  /** The failure in one paragraph, when not valid. */
  readonly message?: string;
}

/** A whole run, recorded. */
export interface Recording {
  readonly format: "faultline-recording";
  readonly version: 1;
  readonly source: RecordingSource;
  /** The scenario or workload name. */
  readonly name: string;
  readonly seed: number;
  /** The nodes, in a fixed order. */
  readonly nodes: readonly string[];
  /** The clients (history processes' homes, or Maelstrom client ids), in a fixed order. */
  readonly clients: readonly string[];
  /** How long the run lasted, in microseconds. */
  readonly durationUs: number;
  /** The simulated run's trace hash; absent for a process run. */
  readonly traceHash?: string;
  readonly messages: readonly RecordedMessage[];
  readonly faults: readonly RecordedFault[];
  readonly nodeEvents: readonly RecordedNodeEvent[];
  readonly history: readonly RecordedHistoryEvent[];
  readonly verdict: RecordedVerdict;
  /**
   * The linearizability model the history is checked against (`register`, `kv`, `mutex`,
   * ...), when there is one: views re-check the history with it to draw linearizations.
   */
  readonly model?: string;
  /**
   * How many client threads ran (Jepsen's `concurrency`): process `p` ran on thread
   * `p mod concurrency`, a new process taking a thread over when the last one's operation
   * ended unknown. Views draw one column per thread, not per process.
   */
  readonly concurrency?: number;
  /** The one command that replays the run, when there is one. */
  readonly replay?: string;
}
