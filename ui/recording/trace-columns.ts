/**
 * The columns of a trace that the viewer scans on every key press (kind, endpoints, time),
 * copied as the run records them into flat typed arrays. Filtering 100,000 events by node
 * or kind, or finding the event at a virtual time, then touches a few bytes per event and
 * never decodes (or allocates) whole `TraceEvent`s.
 */
import type { TraceKindCode } from "../../src/sim/trace.js";

/** Records the columns start with room for; they double as needed. */
const INITIAL_CAPACITY = 4096;

/** Kind, endpoints and time of every trace event, by trace index. */
export class TraceColumns {
  #kinds = new Uint8Array(INITIAL_CAPACITY);
  #nodes = new Int32Array(INITIAL_CAPACITY);
  #peers = new Int32Array(INITIAL_CAPACITY);
  #times = new Float64Array(INITIAL_CAPACITY);
  #length = 0;

  /** Number of events. */
  get length(): number {
    return this.#length;
  }

  /**
   * Appends the columns of the next event. `node` and `peer` are endpoint numbers (-1 for
   * none), as the trace records them.
   */
  push(kind: TraceKindCode, node: number, peer: number, timeUs: number): void {
    if (this.#length === this.#kinds.length) this.#grow();
    const index = this.#length++;
    this.#kinds[index] = kind;
    this.#nodes[index] = node;
    this.#peers[index] = peer;
    this.#times[index] = timeUs;
  }

  /** The kind code of event `index`. */
  kind(index: number): number {
    return this.#kinds[index]!;
  }

  /** The endpoint number the event belongs to, or -1. */
  node(index: number): number {
    return this.#nodes[index]!;
  }

  /** The other endpoint's number, or -1. */
  peer(index: number): number {
    return this.#peers[index]!;
  }

  /** Virtual time of event `index`, in microseconds. */
  timeUs(index: number): number {
    return this.#times[index]!;
  }

  /** Whether event `index` involves endpoint `endpoint` (as node or peer). */
  involves(index: number, endpoint: number): boolean {
    return this.#nodes[index] === endpoint || this.#peers[index] === endpoint;
  }

  /** The first event at or after `timeUs` (`length` when there is none). Times never decrease. */
  firstAtOrAfter(timeUs: number): number {
    let low = 0;
    let high = this.#length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#times[middle]! < timeUs) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #grow(): void {
    const capacity = this.#kinds.length * 2;
    this.#kinds = grown(this.#kinds, new Uint8Array(capacity));
    this.#nodes = grown(this.#nodes, new Int32Array(capacity));
    this.#peers = grown(this.#peers, new Int32Array(capacity));
    this.#times = grown(this.#times, new Float64Array(capacity));
  }
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
