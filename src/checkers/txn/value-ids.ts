/**
 * Interning of history values (keys and list elements) as small integers, so the inference
 * works on numbers: equal values (structurally, as `sameValue` says) get the same id.
 * Numbers and strings take a fast path; other values go through their canonical rendering.
 */
import { formatValue, type Value } from "../value.js";

/** A value's identity as a `Map` key: numbers as themselves, everything else as text. */
export function valueIdentity(value: Value): number | string {
  if (typeof value === "number") return value;
  if (typeof value === "string") return `s${value}`;
  return `j${formatValue(value)}`;
}

/** Integers below this take the array fast path of `ValueIds`. */
const SMALL_LIMIT = 1 << 24;

/** Assigns ids 0, 1, 2... to distinct values in the order first seen. */
export class ValueIds {
  private readonly ids = new Map<number | string, number>();
  /** The value of each id. */
  readonly values: Value[] = [];

  /** Ids of small non-negative integers, by value (the common case: no hashing). */
  private readonly smallIds: number[] = [];

  /** The id of `value`, assigning the next one if it is new. */
  idOf(value: Value): number {
    if (typeof value === "number" && value >= 0 && value < SMALL_LIMIT && (value | 0) === value) {
      const known = this.smallIds[value];
      if (known !== undefined) return known;
      const id = this.values.length;
      this.smallIds[value] = id;
      this.values.push(value);
      return id;
    }
    const identity = valueIdentity(value);
    let id = this.ids.get(identity);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(identity, id);
      this.values.push(value);
    }
    return id;
  }
}
