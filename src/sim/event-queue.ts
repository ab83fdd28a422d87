/**
 * The simulator's event queue: a binary min-heap ordered by (time, insertion sequence).
 * The sequence number makes the order total, so two events at the same virtual time are
 * always taken in the order they were scheduled, never by object identity or hash order.
 *
 * The keys live in typed arrays beside the heap of entries, so sifting compares numbers
 * that sit next to each other in memory instead of chasing pointers to entry objects.
 */
import { AssertionError } from "./assert.js";

/** What the queue orders by. `seq` is assigned by the queue when an entry is pushed. */
export interface QueueEntry {
  /** Virtual time in microseconds. */
  time: number;
  /** Insertion sequence, set by `push`. */
  seq: number;
}

const INITIAL_CAPACITY = 1024;

/** Kept out of `push`, so the hot path stays small enough for the compiler to inline. */
function badTime(time: number): never {
  throw new AssertionError(`event time must be a non-negative integer, got ${time}`);
}

/**
 * A priority queue of timed entries.
 *
 * @example
 * ```ts
 * const queue = new EventQueue<{ time: number; seq: number; name: string }>();
 * queue.push({ time: 5, seq: 0, name: "later" });
 * queue.push({ time: 1, seq: 0, name: "sooner" });
 * queue.pop()?.name; // "sooner"
 * ```
 */
export class EventQueue<E extends QueueEntry> {
  #entries: (E | undefined)[] = [];
  #times = new Float64Array(INITIAL_CAPACITY);
  #seqs = new Float64Array(INITIAL_CAPACITY);
  #size = 0;
  #nextSeq = 0;

  /** Number of entries waiting. */
  get size(): number {
    return this.#size;
  }

  /** Adds `entry`, stamping it with the next insertion sequence number. */
  push(entry: E): void {
    const time = entry.time;
    if (!(Number.isInteger(time) && time >= 0)) badTime(time);
    const seq = this.#nextSeq++;
    entry.seq = seq;
    if (this.#size === this.#times.length) this.#grow();
    const times = this.#times;
    const seqs = this.#seqs;
    const entries = this.#entries;
    let index = this.#size++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && seqs[parent]! < seq)) break;
      times[index] = parentTime;
      seqs[index] = seqs[parent]!;
      entries[index] = entries[parent];
      index = parent;
    }
    times[index] = time;
    seqs[index] = seq;
    entries[index] = entry;
  }

  /** The earliest entry, without removing it. */
  peek(): E | undefined {
    return this.#size > 0 ? this.#entries[0] : undefined;
  }

  /** Removes and returns the earliest entry. */
  pop(): E | undefined {
    if (this.#size === 0) return undefined;
    const entries = this.#entries;
    const top = entries[0];
    const last = --this.#size;
    if (last > 0) this.#siftDown(entries[last]!, this.#times[last]!, this.#seqs[last]!, last);
    entries[last] = undefined;
    return top;
  }

  /** Removes every entry. */
  clear(): void {
    this.#entries = [];
    this.#size = 0;
  }

  /** Places `entry` (with key time/seq) from the root down, in a heap of `length` entries. */
  #siftDown(entry: E, time: number, seq: number, length: number): void {
    const times = this.#times;
    const seqs = this.#seqs;
    const entries = this.#entries;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      let childTime = times[child]!;
      let childSeq = seqs[child]!;
      const right = child + 1;
      if (right < length) {
        const rightTime = times[right]!;
        const rightSeq = seqs[right]!;
        if (rightTime < childTime || (rightTime === childTime && rightSeq < childSeq)) {
          child = right;
          childTime = rightTime;
          childSeq = rightSeq;
        }
      }
      if (time < childTime || (time === childTime && seq < childSeq)) break;
      times[index] = childTime;
      seqs[index] = childSeq;
      entries[index] = entries[child];
      index = child;
    }
    times[index] = time;
    seqs[index] = seq;
    entries[index] = entry;
  }

  #grow(): void {
    const capacity = this.#times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.#times);
    const seqs = new Float64Array(capacity);
    seqs.set(this.#seqs);
    this.#times = times;
    this.#seqs = seqs;
  }
}
