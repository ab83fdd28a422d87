/**
 * A small KV client for tests, written as callbacks on the simulator (no promises, so
 * every step happens at a definite virtual time). It sends an operation to the node it
 * believes is leader, follows redirects, moves on to another node after a per-try timeout,
 * and gives up at an overall deadline; it records every operation in a shared history.
 */
import type { ClientResult, KvOp, Simulation } from "../../../../src/index.js";

/** A KV operation before the client numbers it. */
export type KvRequest =
  | { readonly f: "read"; readonly key: string }
  | { readonly f: "write"; readonly key: string; readonly value: number }
  | { readonly f: "cas"; readonly key: string; readonly from: number; readonly to: number };

/** How an operation ended, Jepsen style. */
export type OutcomeType = "ok" | "fail" | "unknown";

/** One operation of the history. */
export interface HistoryEntry {
  readonly client: string;
  readonly op: KvOp;
  readonly invokeUs: number;
  completeUs: number | undefined;
  outcome: OutcomeType | undefined;
  value: unknown;
  error: string | undefined;
}

/** Timing of a client, in microseconds of virtual time. */
export interface ClientTiming {
  /** How long to wait for one node's answer before trying another. */
  readonly tryTimeoutUs: number;
  /** How long an operation may take in all before it ends as unknown. */
  readonly deadlineUs: number;
}

const DEFAULT_TIMING: ClientTiming = { tryTimeoutUs: 200_000, deadlineUs: 1_000_000 };
const REDIRECT_PAUSE_US = 5_000;

/** One simulated client process. */
export class KvClient {
  readonly name: string;
  readonly #sim: Simulation;
  readonly #history: HistoryEntry[];
  readonly #timing: ClientTiming;
  #target = 0;
  #seq = 0;

  constructor(
    sim: Simulation,
    name: string,
    history: HistoryEntry[],
    timing: Partial<ClientTiming> = {},
  ) {
    this.#sim = sim;
    this.name = name;
    this.#history = history;
    this.#timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** Sends `request` with the next sequence number; `done` gets the finished entry. */
  submit(request: KvRequest, done?: (entry: HistoryEntry) => void): HistoryEntry {
    return this.submitWithSeq(request, ++this.#seq, done);
  }

  /** Sends `request` with an explicit sequence number (to retry an operation by hand). */
  submitWithSeq(
    request: KvRequest,
    seq: number,
    done?: (entry: HistoryEntry) => void,
  ): HistoryEntry {
    this.#seq = Math.max(this.#seq, seq);
    const op = { ...request, seq } as KvOp;
    const entry: HistoryEntry = {
      client: this.name,
      op,
      invokeUs: this.#sim.nowUs,
      completeUs: undefined,
      outcome: undefined,
      value: undefined,
      error: undefined,
    };
    this.#history.push(entry);
    this.#attempt(entry, this.#sim.nowUs + this.#timing.deadlineUs, done);
    return entry;
  }

  #attempt(
    entry: HistoryEntry,
    deadlineUs: number,
    done: ((entry: HistoryEntry) => void) | undefined,
  ): void {
    const node = this.#sim.nodeIds[this.#target]!;
    let settled = false;
    const id = this.#sim.request(this.name, node, entry.op, (result) => {
      if (settled) return;
      settled = true;
      this.#onResult(entry, result as ClientResult, deadlineUs, done);
    });
    const waitUs = Math.min(this.#timing.tryTimeoutUs, Math.max(0, deadlineUs - this.#sim.nowUs));
    this.#sim.after(waitUs, () => {
      if (settled) return;
      settled = true;
      this.#sim.abandon(id);
      this.#target = (this.#target + 1) % this.#sim.nodeIds.length;
      this.#retryOrGiveUp(entry, deadlineUs, done, 0);
    });
  }

  #onResult(
    entry: HistoryEntry,
    result: ClientResult,
    deadlineUs: number,
    done: ((entry: HistoryEntry) => void) | undefined,
  ): void {
    if (result.type !== "redirect") {
      entry.completeUs = this.#sim.nowUs;
      entry.outcome = result.type;
      entry.value = result.type === "ok" ? result.value : undefined;
      entry.error = result.type === "ok" ? undefined : result.error;
      done?.(entry);
      return;
    }
    const hinted = result.leader === undefined ? -1 : this.#sim.nodeIds.indexOf(result.leader);
    this.#target = hinted >= 0 ? hinted : (this.#target + 1) % this.#sim.nodeIds.length;
    this.#retryOrGiveUp(entry, deadlineUs, done, hinted >= 0 ? 0 : REDIRECT_PAUSE_US);
  }

  #retryOrGiveUp(
    entry: HistoryEntry,
    deadlineUs: number,
    done: ((entry: HistoryEntry) => void) | undefined,
    pauseUs: number,
  ): void {
    if (this.#sim.nowUs + pauseUs >= deadlineUs) {
      entry.completeUs = undefined;
      // A read that never got an answer had no effect; a write may have.
      entry.outcome = entry.op.f === "read" ? "fail" : "unknown";
      entry.error = "timeout";
      done?.(entry);
      return;
    }
    this.#sim.after(pauseUs, () => this.#attempt(entry, deadlineUs, done));
  }
}
