/**
 * Operation generators: what a simulated client asks next. The key-value generator draws
 * reads, writes and compare-and-sets over a fixed set of keys; writes carry values unique
 * across the run (so a read names the write it saw), and compare-and-sets expect a value
 * recently seen for the key, so that some of them succeed. The set generator adds unique
 * integers and reads the whole set. The lock generator has each client alternate, as an
 * application does: acquire a lock, then release it.
 */
import type { RandomStream } from "../sim/random.js";
import type { ClientOp } from "./protocol.js";

/** Relative weights of the operation functions, e.g. `{ read: 2, write: 1, cas: 1 }`. */
export type OperationMix = Readonly<Record<string, number>>;

/** How keys are chosen: every key alike, or 80% of operations on 20% of the keys. */
export type KeyDistribution = "uniform" | "hotspot";

/** Options of the key-value generator. */
export interface KvGeneratorOptions {
  readonly keys: number;
  readonly distribution: KeyDistribution;
  readonly mix: OperationMix;
}

/** Draws the next operation (without its `seq`, which the client adds). */
export interface OperationGenerator {
  /** The next operation of the client in `slot` (0 to clients - 1; a slot keeps its place when its process is replaced). */
  next(random: RandomStream, slot: number): DraftOp;
  /** Tells the generator what a read returned, so compare-and-sets can expect it. */
  observe(op: DraftOp, value: unknown): void;
}

/** An operation before the client gives it a sequence number. */
export type DraftOp = ClientOp extends infer O
  ? O extends ClientOp
    ? Omit<O, "seq">
    : never
  : never;

/** A mix's functions of positive weight, in the mix's order, worked out once per generator. */
interface WeightedFunctions {
  readonly names: readonly string[];
  readonly weights: readonly number[];
  readonly total: number;
}

function weighFunctions(mix: OperationMix): WeightedFunctions {
  const entries = Object.entries(mix).filter(([, weight]) => weight > 0);
  return {
    names: entries.map(([f]) => f),
    weights: entries.map(([, weight]) => weight),
    total: entries.reduce((sum, [, weight]) => sum + weight, 0),
  };
}

function pickFunction(random: RandomStream, functions: WeightedFunctions): string {
  const { names, weights } = functions;
  let ticket = random.next() * functions.total;
  for (let index = 0; index < names.length; index++) {
    ticket -= weights[index]!;
    if (ticket < 0) return names[index]!;
  }
  return names[names.length - 1]!;
}

/** Key names, `k0`, `k1`, ..., each made the first time it is drawn. */
class KeyNames {
  readonly #names: string[] = [];

  name(index: number): string {
    let name = this.#names[index];
    if (name === undefined) {
      name = `k${index}`;
      this.#names[index] = name;
    }
    return name;
  }
}

function pickKey(random: RandomStream, options: KvGeneratorOptions, names: KeyNames): string {
  const { keys, distribution } = options;
  if (distribution === "hotspot" && keys >= 5) {
    const hot = Math.max(1, Math.floor(keys / 5));
    return names.name(random.chance(0.8) ? random.int(hot) : hot + random.int(keys - hot));
  }
  return names.name(random.int(keys));
}

/** The key-value generator. */
export function kvGenerator(options: KvGeneratorOptions): OperationGenerator {
  const functions = weighFunctions(options.mix);
  const keyNames = new KeyNames();
  let nextValue = 1;
  const seen = new Map<string, number[]>();
  const remember = (key: string, value: number) => {
    const values = seen.get(key) ?? [];
    values.push(value);
    if (values.length > 4) values.shift();
    seen.set(key, values);
  };
  return {
    next(random) {
      const key = pickKey(random, options, keyNames);
      const f = pickFunction(random, functions);
      if (f === "read") return { f: "read", key };
      const value = nextValue++;
      if (f === "write") {
        remember(key, value);
        return { f: "write", key, value };
      }
      const known = seen.get(key);
      const from = known === undefined || known.length === 0 ? 0 : random.pick(known);
      remember(key, value);
      return { f: "cas", key, from, to: value };
    },
    observe(op, value) {
      if (op.f === "read" && typeof value === "number") remember(op.key, value);
    },
  };
}

/** The grow-only set generator: `add` of unique integers, `read-set`. */
export function setGenerator(mix: OperationMix): OperationGenerator {
  const functions = weighFunctions(mix);
  let nextValue = 1;
  return {
    next(random) {
      return pickFunction(random, functions) === "add"
        ? { f: "add", value: nextValue++ }
        : { f: "read-set" };
    },
    observe() {},
  };
}

/** Options of the lock generator. */
export interface LockGeneratorOptions {
  /** Number of locks, named k0, k1, ... */
  readonly keys: number;
}

/**
 * The lock generator: each client (slot) alternates `acquire` of a random lock and
 * `release` of the same lock, whatever the outcome of the acquire, as an application that
 * always releases in a `finally` does. A release after a failed acquire fails harmlessly;
 * a release after an acquire of unknown outcome frees the lock if the acquire took it.
 */
export function lockGenerator(options: LockGeneratorOptions): OperationGenerator {
  const holding = new Map<number, string>();
  const keyNames = new KeyNames();
  return {
    next(random, slot) {
      const held = holding.get(slot);
      if (held !== undefined) {
        holding.delete(slot);
        return { f: "release", key: held };
      }
      const key = keyNames.name(random.int(options.keys));
      holding.set(slot, key);
      return { f: "acquire", key };
    },
    observe() {},
  };
}
