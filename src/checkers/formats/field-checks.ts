/**
 * Checks shared by the history formats that catch an operation which cannot be what the
 * user meant, so it is an error naming the line rather than a wrong verdict: a field whose
 * name is a misspelling of a known one (`"velue"`, which would otherwise leave the value
 * null), and an invocation of a write-like operation that carries no value at all.
 */
import { closestName } from "../../text/closest-name.js";

/** The fields of a history event, in every format. */
export const EVENT_FIELDS: readonly string[] = ["process", "type", "f", "key", "value", "time"];

/** Operations whose invocation must say what they write: their input is their meaning. */
const NEEDS_INPUT: ReadonlySet<string> = new Set(["write", "cas", "put", "append"]);

/** A problem with one event: what was expected and what was found. */
export interface FieldProblem {
  readonly expected: string;
  readonly found: string;
}

/**
 * A field named like a misspelling of a known event field that is itself absent, e.g.
 * `velue` without `value`; `quote` renders a field name as the format writes it.
 */
export function misspelledField(
  names: readonly string[],
  quote: (name: string) => string,
): FieldProblem | undefined {
  const present = new Set(names);
  for (const name of names) {
    if (EVENT_FIELDS.includes(name)) continue;
    const close = closestName(name, EVENT_FIELDS);
    if (close === undefined || present.has(close)) continue;
    return {
      expected: `the field ${quote(close)}`,
      found: `${quote(name)} (a misspelling of ${quote(close)}?)`,
    };
  }
  return undefined;
}

/** An invocation of a write-like operation that says nothing of what it writes. */
export function missingInput(
  type: string,
  f: string,
  hasValue: boolean,
  quote: (name: string) => string,
): FieldProblem | undefined {
  if (type !== "invoke" || hasValue || !NEEDS_INPUT.has(f)) return undefined;
  return {
    expected: `${quote("value")} on the invocation of ${f} (what it writes; null must be written out)`,
    found: `no ${quote("value")}`,
  };
}
