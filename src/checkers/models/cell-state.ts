/**
 * The state of one cell: its value with two hashes computed once, so the search never
 * re-hashes a value. `hash` identifies the value; `textHash` is a polynomial hash of the
 * text a get would see, which an append extends in constant time
 * (`h(s + t) = h(s) * B^|t| + h(t)`), however long the text has grown.
 */
import { hashValue, sameValue, type Value } from "../value.js";

const BASE = 0x01000193;

/** The polynomial hash of a text; `appendHash(textHash(s), textHash(t), basePower(t))` = `textHash(s + t)`. */
export function textHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) {
    hash = (Math.imul(hash, BASE) + text.charCodeAt(index)) | 0;
  }
  return hash;
}

/** `BASE` to the power of the text's length, modulo 2^32. */
export function basePower(text: string): number {
  let power = 1;
  for (let index = 0; index < text.length; index++) power = Math.imul(power, BASE);
  return power;
}

/** The text hash of `s + t` from the text hash of `s` and `t` (and `BASE^|t|`). */
export function appendHash(prefixHash: number, suffixHash: number, suffixPower: number): number {
  return (Math.imul(prefixHash, suffixPower) + suffixHash) | 0;
}

/** A cell's value and its hashes. */
export interface CellState {
  /** The value (`null` when absent). */
  readonly value: Value;
  /** Identifies the value: equal values have equal hashes. */
  readonly hash: number;
  /** The text hash of what a get sees (`""` for null). */
  readonly textHash: number;
}

const NULL_HASH = 0x6a09e667;

/** The state holding `value`. */
export function cellState(value: Value): CellState {
  if (value === null) return { value, hash: NULL_HASH, textHash: 0 };
  if (typeof value === "string") {
    const hash = textHash(value);
    return { value, hash, textHash: hash };
  }
  return { value, hash: hashValue(value), textHash: textHash(textOfValue(value)) };
}

/** The state holding text `value`, whose text hash is already known. */
export function textState(value: string, hash: number): CellState {
  return { value, hash, textHash: hash };
}

/** Whether two cell states hold the same value. */
export function sameCellState(a: CellState, b: CellState): boolean {
  return a === b || (a.hash === b.hash && sameValue(a.value, b.value));
}

function textOfValue(value: Value): string {
  return JSON.stringify(value);
}

/** The text a get sees or an append extends: absent (`null`) reads as "", others as JSON. */
export function cellText(value: Value): string {
  if (value === null) return "";
  return typeof value === "string" ? value : textOfValue(value);
}
