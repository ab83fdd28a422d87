/**
 * Seeded randomness, split into independent named streams. Each stream is its own Alea
 * generator seeded from the run's seed and the stream's name, so drawing more numbers from
 * one stream (a new node, an extra fault) never shifts what another stream produces. That
 * stability is what lets a shrinker remove a fault without perturbing everything else.
 *
 * seedrandom's Alea seeds each stream; the stream then steps the same Alea recurrence on
 * its own fields, which draws exactly the numbers seedrandom would, without a closure call
 * per draw (this sits on the simulator's hot path: latency, loss, node randomness).
 */
import seedrandom from "seedrandom";
import { AssertionError, assert } from "./assert.js";

/** A run's seed: an integer (what `--seed` takes) or any string. */
export type Seed = number | string;

/** The state of an Alea generator as seedrandom exposes it. */
interface AleaState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/** One deterministic stream of random numbers. */
export class RandomStream {
  // Numeric initial values matter: a field declared without one starts as `undefined`, and
  // the engine then stores every draw as a freshly boxed number behind a write barrier.
  #carry = 0;
  #s0 = 0.5;
  #s1 = 0.5;
  #s2 = 0.5;

  /** A stream seeded by `seedText`; equal texts give equal streams. */
  constructor(seedText: string) {
    const state = seedrandom.alea(seedText, { state: true }).state() as AleaState;
    this.#carry = state.c;
    this.#s0 = state.s0;
    this.#s1 = state.s1;
    this.#s2 = state.s2;
  }

  /** A float in [0, 1): one step of the Alea recurrence. */
  next(): number {
    const t = 2091639 * this.#s0 + this.#carry * 2.3283064365386963e-10; // 2^-32
    this.#s0 = this.#s1;
    this.#s1 = this.#s2;
    this.#carry = t | 0;
    this.#s2 = t - this.#carry;
    return this.#s2;
  }

  /** An integer in [0, bound); `bound` must be a positive integer. */
  int(bound: number): number {
    if (!(Number.isInteger(bound) && bound > 0)) {
      throw new AssertionError(`int(bound) needs a positive integer, got ${bound}`);
    }
    return Math.floor(this.next() * bound);
  }

  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    if (!(Number.isInteger(min) && Number.isInteger(max) && min <= max)) {
      throw new AssertionError(`between(min, max) needs integers, min <= max; got ${min}, ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `probability` (0 never draws: the stream does not advance). */
  chance(probability: number): boolean {
    if (probability <= 0) return false;
    return this.next() < probability;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    assert(items.length > 0, "pick() needs a non-empty array");
    return items[this.int(items.length)]!;
  }

  /** A shuffled copy of `items` (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const held = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = held;
    }
    return copy;
  }
}

/**
 * The named streams of one run. `stream(name)` always returns the same stream object for a
 * name, created on first use from `seed` and `name` alone.
 *
 * @example
 * ```ts
 * const streams = new RandomStreams(42);
 * const latency = streams.stream("network").between(1000, 5000);
 * ```
 */
export class RandomStreams {
  readonly seed: Seed;
  readonly #streams = new Map<string, RandomStream>();

  constructor(seed: Seed) {
    this.seed = seed;
  }

  /** The stream called `name`. */
  stream(name: string): RandomStream {
    let stream = this.#streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(`faultline:${String(this.seed)}:${name}`);
      this.#streams.set(name, stream);
    }
    return stream;
  }
}
