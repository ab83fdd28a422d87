/**
 * Who appended each element of each key, in flat typed arrays rather than a map per key:
 * an open-addressing hash from (key id, element) to a slot, and per slot the writer code,
 * whether some read showed the element, and its key. Integer elements (the usual case) are
 * hashed directly; any other element goes through a map keyed by its canonical text. For
 * a million transactions this keeps the inference's memory flat and the collector idle.
 */
import type { Value } from "../value.js";
import { valueIdentity } from "./value-ids.js";

/** A table sized for `capacity` appends (it grows past that if needed). */
export class ElementTable {
  private mask: number;
  private hashKeys: Int32Array;
  private hashElements: Int32Array;
  private hashSlots: Int32Array;
  private readonly others = new Map<string, number>();
  /** Per slot: the writer code (see list-append.ts). */
  codes: Int32Array;
  /** Per slot: 1 once the element was seen in the version order. */
  observed: Uint8Array;
  /** Per slot: the key id. */
  slotKeys: Int32Array;
  /** How many slots are in use. */
  count = 0;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.hashKeys = new Int32Array(size).fill(-1);
    this.hashElements = new Int32Array(size);
    this.hashSlots = new Int32Array(size);
    const slots = Math.max(16, capacity);
    this.codes = new Int32Array(slots);
    this.observed = new Uint8Array(slots);
    this.slotKeys = new Int32Array(slots);
  }

  /** The slot of `element` in key `key`, or -1. */
  slotOf(key: number, element: Value): number {
    if (typeof element === "number" && (element | 0) === element) {
      let at = hash(key, element) & this.mask;
      for (;;) {
        const stored = this.hashKeys[at]!;
        if (stored === -1) return -1;
        if (stored === key && this.hashElements[at] === element) return this.hashSlots[at]!;
        at = (at + 1) & this.mask;
      }
    }
    return this.others.get(`${key}\u0000${valueIdentity(element)}`) ?? -1;
  }

  /** Adds `element` of key `key` with writer `code`, returning its new slot. */
  add(key: number, element: Value, code: number): number {
    const slot = this.newSlot(key, code);
    if (typeof element === "number" && (element | 0) === element) {
      if ((this.count + 1) * 2 > this.mask) this.rehash();
      let at = hash(key, element) & this.mask;
      while (this.hashKeys[at] !== -1) at = (at + 1) & this.mask;
      this.hashKeys[at] = key;
      this.hashElements[at] = element;
      this.hashSlots[at] = slot;
    } else {
      this.others.set(`${key}\u0000${valueIdentity(element)}`, slot);
    }
    return slot;
  }

  private newSlot(key: number, code: number): number {
    if (this.count === this.codes.length) {
      const size = this.codes.length * 2;
      this.codes = grow(new Int32Array(size), this.codes);
      this.observed = grow(new Uint8Array(size), this.observed);
      this.slotKeys = grow(new Int32Array(size), this.slotKeys);
    }
    const slot = this.count++;
    this.codes[slot] = code;
    this.slotKeys[slot] = key;
    return slot;
  }

  private rehash(): void {
    const { hashKeys, hashElements, hashSlots } = this;
    const size = hashKeys.length * 2;
    this.mask = size - 1;
    this.hashKeys = new Int32Array(size).fill(-1);
    this.hashElements = new Int32Array(size);
    this.hashSlots = new Int32Array(size);
    for (let at = 0; at < hashKeys.length; at++) {
      const key = hashKeys[at]!;
      if (key === -1) continue;
      let to = hash(key, hashElements[at]!) & this.mask;
      while (this.hashKeys[to] !== -1) to = (to + 1) & this.mask;
      this.hashKeys[to] = key;
      this.hashElements[to] = hashElements[at]!;
      this.hashSlots[to] = hashSlots[at]!;
    }
  }
}

function hash(key: number, element: number): number {
  let h = Math.imul(key, 0x9e3779b1) ^ Math.imul(element, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 13);
}

function grow<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
