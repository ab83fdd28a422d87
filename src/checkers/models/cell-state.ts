/**
 * The state of one cell: its value with two hashes computed once, so the search never
 * re-hashes a value. `hash` identifies the value; `textHash` is a polynomial hash of the
 * text a get would see, which an append extends in constant time
 * (`h(s + t) = h(s) * B^|t| + h(t)`), however long the text has grown.
 */
import type { StepOutcome } from "../model.js";
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

/** The text hash of every prefix of `text`: entry k is `textHash(text.slice(0, k))`. */
export function prefixHashes(text: string): Int32Array {
  const hashes = new Int32Array(text.length + 1);
  let hash = 0;
  for (let index = 0; index < text.length; index++) {
    hash = (Math.imul(hash, BASE) + text.charCodeAt(index)) | 0;
    hashes[index + 1] = hash;
  }
  return hashes;
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
export class CellState {
  /** The outcome "legal, and the cell now holds this", built once so steps need not allocate. */
  readonly legal: StepOutcome<CellState>;
  private textKnown: boolean;
  private hashOfText: number;
  private lengthOfText: number;

  /**
   * @param value - the value (`null` when absent)
   * @param hash - identifies the value: equal values have equal hashes
   * @param text - the text hash and length of what a get sees, when already known
   */
  constructor(
    readonly value: Value,
    readonly hash: number,
    text?: { readonly hash: number; readonly length: number },
  ) {
    this.legal = { legal: true, state: this };
    this.textKnown = text !== undefined;
    this.hashOfText = text?.hash ?? 0;
    this.lengthOfText = text?.length ?? 0;
  }

  /** The text hash of what a get sees (`""` for null); computed on first use for non-text values. */
  get textHash(): number {
    if (!this.textKnown) this.measureText();
    return this.hashOfText;
  }

  /** The length of what a get sees. */
  get textLength(): number {
    if (!this.textKnown) this.measureText();
    return this.lengthOfText;
  }

  private measureText(): void {
    const text = cellText(this.value);
    this.hashOfText = textHash(text);
    this.lengthOfText = text.length;
    this.textKnown = true;
  }
}

const NULL_HASH = 0x6a09e667;

/** The state holding `value`. */
export function cellState(value: Value): CellState {
  if (value === null) return new CellState(value, NULL_HASH, { hash: 0, length: 0 });
  if (typeof value === "string") {
    const hash = textHash(value);
    return new CellState(value, hash, { hash, length: value.length });
  }
  return new CellState(value, hashValue(value));
}

/** The state holding text `value`, whose text hash is already known. */
export function textState(value: string, hash: number): CellState {
  return new CellState(value, hash, { hash, length: value.length });
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
