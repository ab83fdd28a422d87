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

/** Assigns ids 0, 1, 2... to distinct values in the order first seen. */
export class ValueIds {
  private readonly ids = new Map<number | string, number>();
  /** The value of each id. */
  readonly values: Value[] = [];

  /** The id of `value`, assigning the next one if it is new. */
  idOf(value: Value): number {
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
