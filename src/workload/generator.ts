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

function pickFunction(random: RandomStream, mix: OperationMix): string {
  const entries = Object.entries(mix).filter(([, weight]) => weight > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let ticket = random.next() * total;
  for (const [f, weight] of entries) {
    ticket -= weight;
    if (ticket < 0) return f;
  }
  return entries[entries.length - 1]![0];
}

function pickKey(random: RandomStream, options: KvGeneratorOptions): string {
  const { keys, distribution } = options;
  if (distribution === "hotspot" && keys >= 5) {
    const hot = Math.max(1, Math.floor(keys / 5));
    return `k${random.chance(0.8) ? random.int(hot) : hot + random.int(keys - hot)}`;
  }
  return `k${random.int(keys)}`;
}

/** The key-value generator. */
export function kvGenerator(options: KvGeneratorOptions): OperationGenerator {
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
      const key = pickKey(random, options);
      const f = pickFunction(random, options.mix);
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
  let nextValue = 1;
  return {
    next(random) {
      return pickFunction(random, mix) === "add"
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
  return {
    next(random, slot) {
      const held = holding.get(slot);
      if (held !== undefined) {
        holding.delete(slot);
        return { f: "release", key: held };
      }
      const key = `k${random.int(options.keys)}`;
      holding.set(slot, key);
      return { f: "acquire", key };
    },
    observe() {},
  };
}
