/**
 * The values a history carries: what JSON and Jepsen's EDN can both say. Equality is
 * structural, hashing is deterministic, and formatting is compact, so models can compare
 * what was written with what was read whatever the history's source.
 */

/** A value in a history event: `null`, a boolean, a number, a string, a list or a map. */
export type Value =
  | null
  | boolean
  | number
  | string
  | readonly Value[]
  | { readonly [field: string]: Value };

/** Structural equality of two values (lists by element, maps by field, ignoring order). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++)
      if (!sameValue(a[index] as Value, b[index] as Value)) return false;
    return true;
  }
  const aMap = a as { readonly [field: string]: Value };
  const bMap = b as { readonly [field: string]: Value };
  const aFields = Object.keys(aMap);
  if (aFields.length !== Object.keys(bMap).length) return false;
  for (const field of aFields)
    if (!(field in bMap) || !sameValue(aMap[field]!, bMap[field]!)) return false;
  return true;
}

/** Mixes a 32-bit word into a running 32-bit hash (FNV-style multiply, then xor-shift). */
function mixHash(hash: number, word: number): number {
  const mixed = Math.imul(hash ^ word, 0x01000193);
  return (mixed ^ (mixed >>> 15)) | 0;
}

/** Hash of a string, deterministic across runs and machines. */
function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed | 0;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash ^ (hash >>> 16);
}

function hashNumber(value: number): number {
  if (Number.isInteger(value) && Math.abs(value) <= 0x7fffffff) return mixHash(0x2545f491, value);
  return hashString(String(value), 0x3c6ef372);
}

/** Deterministic 32-bit hash, consistent with `sameValue`: equal values hash alike. */
export function hashValue(value: Value): number {
  if (value === null) return 0x6a09e667;
  switch (typeof value) {
    case "boolean":
      return value ? 0x3c6ef372 : 0x510e527f;
    case "number":
      return hashNumber(value);
    case "string":
      return hashString(value);
    default:
      return hashComposite(value);
  }
}

function hashComposite(value: readonly Value[] | { readonly [field: string]: Value }): number {
  if (Array.isArray(value)) {
    let hash = 0x1f83d9ab;
    for (const item of value as readonly Value[]) hash = mixHash(hash, hashValue(item));
    return hash;
  }
  let hash = 0x5be0cd19;
  const map = value as { readonly [field: string]: Value };
  // Field order must not matter: combine per-field hashes with a commutative sum.
  for (const field of Object.keys(map)) {
    hash = (hash + mixHash(hashString(field), hashValue(map[field]!))) | 0;
  }
  return hash;
}

/** A compact, Clojure-flavoured rendering for messages: `nil`, `3`, `"x"`, `[1 2]`. */
export function formatValue(value: Value): string {
  if (value === null) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${(value as readonly Value[]).map(formatValue).join(" ")}]`;
  const map = value as { readonly [field: string]: Value };
  const fields = Object.keys(map).map((field) => `${field} ${formatValue(map[field]!)}`);
  return `{${fields.join(", ")}}`;
}

/** Whether `candidate` is a `Value` (plain JSON data: no undefined, functions or NaN). */
export function isValue(candidate: unknown): candidate is Value {
  if (candidate === null) return true;
  switch (typeof candidate) {
    case "boolean":
    case "string":
      return true;
    case "number":
      return Number.isFinite(candidate);
    case "object":
      if (Array.isArray(candidate)) return candidate.every(isValue);
      return Object.values(candidate as object).every(isValue);
    default:
      return false;
  }
}
