/**
 * A fast, deterministic 32-bit digest of message bodies and other plain values, folded into
 * the trace hash so that two runs which send different contents are told apart. It walks
 * plain data (primitives, arrays, plain objects, Maps, Sets, byte arrays) in insertion
 * order, which is itself deterministic when the code that built the value is.
 *
 * Every message passes through here, so plain objects with primitive fields (the usual
 * message) take a path with no calls per field.
 *
 * A nested object is digested on its own and its digest mixed into its parent's, so an
 * object that never changes can remember its digest (`rememberDigest`): a message that
 * carries it, however often, mixes the remembered number instead of walking it again, with
 * the same result.
 */

const MAX_DEPTH = 8;
const FNV_OFFSET = 0x811c9dc5;
/**
 * The 32-bit FNV prime. This module mixes with `PRIME`, its own copy: an exported binding is
 * read from memory, with a check, at every use, where a module's own `const` is folded into
 * the compiled code.
 */
const PRIME = 0x01000193;
/** The 32-bit FNV prime, used for mixing. */
export const FNV_PRIME = PRIME;
const MIX_PRIME = 0x5bd1e995;

/**
 * The key under which an object remembers its own digest (see `rememberDigest`). A
 * registered symbol, so copies of this module agree on it.
 */
export const OWN_DIGEST: unique symbol = Symbol.for("faultline.digest") as never;

/** An object that may remember its digest. */
interface MaybeDigested {
  readonly [OWN_DIGEST]?: number;
}

/** Mixes a 32-bit integer into a running 32-bit hash. */
export function mixInt(hash: number, value: number): number {
  return Math.imul(hash ^ (value | 0), PRIME);
}

/** Mixes every UTF-16 code unit of `text` (and its length) into a running 32-bit hash. */
export function mixString(hash: number, text: string): number {
  let h = Math.imul(hash ^ text.length, MIX_PRIME);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return h;
}

/** Strings shorter than this have their digest remembered. */
const CACHED_LENGTH = 32;
/** Slots of the second place strings are remembered in (a power of two). */
const SPREAD_SLOTS = 256;
const STRING_SEED = 0x2545f491;
const byLength: (string | undefined)[] = Array.from({ length: CACHED_LENGTH }, () => undefined);
const byLengthDigests = new Int32Array(CACHED_LENGTH);
const spread: (string | undefined)[] = Array.from({ length: SPREAD_SLOTS }, () => undefined);
const spreadDigests = new Int32Array(SPREAD_SLOTS);

/**
 * The digest of a string. Messages repeat the same short strings (field names, type tags),
 * and reading every character costs more than the rest of a small message's digest, so
 * short strings are remembered twice: the last one of each length (a repeat costs one
 * comparison), and one in each of 256 slots chosen by the length and the first and last
 * characters, for names of one length that alternate ("key" and "seq", "term" and "type").
 * The result is the same whether remembered or not.
 */
function stringDigest(text: string): number {
  const length = text.length;
  if (length >= CACHED_LENGTH) return mixString(STRING_SEED, text);
  if (byLength[length] === text) return byLengthDigests[length]!;
  const slot =
    (length ^ (text.charCodeAt(0) << 2) ^ (text.charCodeAt(length - 1) << 4)) & (SPREAD_SLOTS - 1);
  let digest: number;
  if (spread[slot] === text) {
    digest = spreadDigests[slot]!;
  } else {
    digest = mixString(STRING_SEED, text);
    spread[slot] = text;
    spreadDigests[slot] = digest;
  }
  byLength[length] = text;
  byLengthDigests[length] = digest;
  return digest;
}

const numberView = new Float64Array(1);
const numberWords = new Int32Array(numberView.buffer);

function mixNumber(hash: number, value: number): number {
  if ((value | 0) === value) return Math.imul(hash ^ value, PRIME);
  numberView[0] = value;
  return Math.imul(Math.imul(hash ^ numberWords[0]!, PRIME) ^ numberWords[1]!, MIX_PRIME);
}

function mixValue(hash: number, value: unknown, depth: number): number {
  switch (typeof value) {
    case "number":
      return mixNumber(hash, value);
    case "string":
      return Math.imul(hash ^ stringDigest(value), MIX_PRIME);
    case "boolean":
      return Math.imul(hash ^ (value ? 4 : 5), MIX_PRIME);
    case "undefined":
      return Math.imul(hash ^ 6, MIX_PRIME);
    case "bigint":
      return mixString(mixInt(hash, 7), value.toString());
    case "object":
      if (value === null) return Math.imul(hash ^ 8, MIX_PRIME);
      if (depth >= MAX_DEPTH) return mixInt(hash, 10);
      return Math.imul(hash ^ objectDigest(value, depth + 1), MIX_PRIME);
    default:
      return mixInt(hash, 9);
  }
}

/** The digest of an object on its own: the one it remembers, or its contents' at `depth`. */
function objectDigest(value: object, depth: number): number {
  const remembered = (value as MaybeDigested)[OWN_DIGEST];
  if (remembered !== undefined) return remembered;
  return mixObject(FNV_OFFSET, value, depth);
}

function mixObject(hash: number, value: object, depth: number): number {
  if (value.constructor === Object) return mixRecord(hash, value as Record<string, unknown>, depth);
  if (Array.isArray(value)) {
    let h = mixInt(mixInt(hash, 11), value.length);
    for (let i = 0; i < value.length; i++) h = mixValue(h, value[i], depth);
    return h;
  }
  if (value instanceof Uint8Array) {
    let h = mixInt(hash, 12);
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value[i]!, PRIME);
    return h;
  }
  if (value instanceof Map) {
    let h = mixInt(hash, 13);
    for (const [key, item] of value) h = mixValue(mixValue(h, key, depth), item, depth);
    return h;
  }
  if (value instanceof Set) {
    let h = mixInt(hash, 14);
    for (const item of value) h = mixValue(h, item, depth);
    return h;
  }
  return mixRecord(hash, value as Record<string, unknown>, depth);
}

/** Mixes an object's fields (names and values) in order. */
function mixRecord(hash: number, record: Record<string, unknown>, depth: number): number {
  let h = Math.imul(hash ^ 15, PRIME);
  for (const key in record) {
    h = Math.imul(h ^ stringDigest(key), PRIME);
    const item = record[key];
    if (typeof item === "number" && (item | 0) === item) {
      h = Math.imul(h ^ item, MIX_PRIME);
    } else if (typeof item === "string") {
      h = Math.imul(h ^ stringDigest(item), MIX_PRIME);
    } else {
      h = mixValue(h, item, depth);
    }
  }
  return h;
}

/**
 * The digest as a signed 32-bit integer, which is what the kernel stores and mixes: a signed
 * value stays a small integer in the engine, where an unsigned one above 2^31 becomes a
 * boxed double. An object's digest is its digest on its own, the number a parent mixes in
 * and `rememberDigest` keeps; a plain object (the usual message) goes straight to
 * `mixRecord`, with the same result as the general path.
 */
export function digestInt32(value: unknown): number {
  if (typeof value === "object" && value !== null) {
    // A remembered digest is not looked up here: it equals the walk, and a message is
    // seldom digested twice.
    if (value.constructor === Object)
      return mixRecord(FNV_OFFSET, value as Record<string, unknown>, 1) | 0;
    return mixObject(FNV_OFFSET, value, 1) | 0;
  }
  return mixValue(FNV_OFFSET, value, 0) | 0;
}

/**
 * The 32-bit digest of a plain value: equal data gives equal digests. Unsigned, as trace
 * events report it (`TraceEvent.digest`).
 *
 * @example
 * ```ts
 * digestValue({ type: "ping", n: 1 }) === digestValue({ type: "ping", n: 1 }); // true
 * ```
 */
export function digestValue(value: unknown): number {
  return digestInt32(value) >>> 0;
}

/**
 * Makes `value` remember its digest, so that digesting a message that carries it (a log
 * entry sent again and again, say) mixes one number instead of walking it. The result is
 * the same as walking it, as long as `value` is never changed afterwards (only for data
 * that is immutable once built) and lies within the 8 levels a digest walks into a message
 * (a walk cuts off what is deeper; the remembered digest covers all of `value`).
 *
 * The digest is kept under a symbol key, which JSON, `for ... in` and `Object.keys` do not
 * see; a frozen value cannot take it and is walked as before. Returns `value`.
 *
 * @example
 * ```ts
 * const entry = rememberDigest({ term: 3, command: { op: "write", key: "k1", value: 7 } });
 * digestValue({ entries: [entry] }) === digestValue({ entries: [{ ...entry }] }); // true
 * ```
 */
export function rememberDigest<T extends object>(value: T): T {
  if (!Object.isExtensible(value)) return value;
  const digest = digestInt32(value);
  Object.defineProperty(value, OWN_DIGEST, { value: digest, enumerable: false });
  return value;
}
