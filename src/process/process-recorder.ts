/**
 * Records a process run as it happens, on the harness's real clock: every message the
 * network handles (sent, delivered or dropped and why), the nemesis's fault episodes, the
 * nodes' lifecycle and stderr lines, and the client history. `finish` turns it into the
 * common `Recording` that the UI, the report and `check` read.
 *
 * A run can send millions of messages; past `maxMessages` the recorder keeps counting but
 * stops keeping them, and says so in the recording's node events.
 */
import { performance } from "node:perf_hooks";
import type { MaelstromEvent } from "../maelstrom/workload.js";
import type {
  RecordedFault,
  RecordedHistoryEvent,
  RecordedMessage,
  RecordedNodeEvent,
  RecordedVerdict,
  Recording,
} from "../recording/recording.js";

interface MutableMessage {
  id: number;
  from: string;
  to: string;
  sentUs: number;
  deliveredUs?: number;
  dropped?: string;
  body: unknown;
}

interface MutableFault {
  kind: string;
  startUs: number;
  endUs?: number;
  nodes: readonly string[];
  description: string;
}

/** Settings of a recorder. */
export interface ProcessRecorderOptions {
  /** Messages kept in full at most; later ones are counted only. */
  readonly maxMessages: number;
  /** Stderr lines kept in the recording at most (all of them go to the node's log file). */
  readonly maxStderrEvents: number;
}

/** The recorder of one process run. */
export class ProcessRecorder {
  readonly #startMs = performance.now();
  readonly #options: ProcessRecorderOptions;
  readonly #messages: MutableMessage[] = [];
  readonly #faults: MutableFault[] = [];
  readonly #nodeEvents: RecordedNodeEvent[] = [];
  readonly #history: MaelstromEvent[] = [];
  #messageCount = 0;
  #stderrEvents = 0;

  constructor(options: ProcessRecorderOptions) {
    this.#options = options;
  }

  /** Milliseconds since the run started, with fractions. */
  nowMs(): number {
    return performance.now() - this.#startMs;
  }

  /** Integer microseconds since the run started. */
  nowUs(): number {
    return Math.round((performance.now() - this.#startMs) * 1000);
  }

  /** How many messages were sent, kept or not. */
  get messageCount(): number {
    return this.#messageCount;
  }

  /** Records a sent message; returns its id (-1 when it is past the bound and not kept). */
  sent(from: string, to: string, body: unknown): number {
    const id = this.#messageCount++;
    if (id >= this.#options.maxMessages) return -1;
    this.#messages.push({ id, from, to, sentUs: this.nowUs(), body });
    return id;
  }

  /** Records the delivery of message `id`. */
  delivered(id: number): void {
    const message = this.#messages[id];
    if (message !== undefined) message.deliveredUs = this.nowUs();
  }

  /** Records that message `id` was dropped, and why. */
  dropped(id: number, reason: string): void {
    const message = this.#messages[id];
    if (message !== undefined && message.dropped === undefined) message.dropped = reason;
  }

  /** Opens a fault episode; returns a function that closes it. */
  faultStarted(kind: string, nodes: readonly string[], description: string): () => void {
    const fault: MutableFault = { kind, startUs: this.nowUs(), nodes, description };
    this.#faults.push(fault);
    return () => {
      if (fault.endUs === undefined) fault.endUs = this.nowUs();
    };
  }

  /** Records something that happened to or in a node. */
  nodeEvent(node: string, kind: string, text?: string): void {
    if (kind === "stderr" && this.#stderrEvents++ >= this.#options.maxStderrEvents) return;
    const event = { timeUs: this.nowUs(), node, kind };
    this.#nodeEvents.push(text === undefined ? event : { ...event, text });
  }

  /** Records a client history event (its `time` is set here). */
  historyEvent(event: Omit<MaelstromEvent, "time">): MaelstromEvent {
    const recorded: MaelstromEvent = { ...event, time: this.nowUs() };
    this.#history.push(recorded);
    return recorded;
  }

  /** The history so far, in order. */
  history(): readonly MaelstromEvent[] {
    return this.#history;
  }

  /** The whole recording. */
  finish(details: {
    readonly name: string;
    readonly seed: number;
    readonly nodes: readonly string[];
    readonly clients: readonly string[];
    readonly verdict: RecordedVerdict;
  }): Recording {
    const nodeEvents = [...this.#nodeEvents];
    if (this.#messageCount > this.#options.maxMessages) {
      nodeEvents.push({
        timeUs: this.nowUs(),
        node: "harness",
        kind: "log",
        text: `recorded the first ${this.#options.maxMessages} of ${this.#messageCount} messages`,
      });
    }
    return {
      format: "faultline-recording",
      version: 1,
      source: "process",
      ...details,
      durationUs: this.nowUs(),
      messages: this.#messages as RecordedMessage[],
      faults: this.#faults as RecordedFault[],
      nodeEvents,
      history: this.#history as readonly RecordedHistoryEvent[],
    };
  }
}
