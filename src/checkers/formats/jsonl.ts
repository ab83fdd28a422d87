/**
 * The `jsonl` format, faultline's own: one JSON object per line,
 * `{"process": 0, "type": "invoke", "f": "write", "key": "x", "value": 1, "time": 12}`.
 * `key` and `time` are optional; `value` defaults to null, except on the invocation of a
 * write, cas, put or append, which must say what it writes. Other fields are ignored, but
 * not one named like a misspelling of these (`"velue"`): that is an error.
 */
import { EVENT_TYPES, type EventType, type HistoryEvent, type SourcedHistory } from "../history.js";
import type { Checked } from "../history-problem.js";
import { isValue } from "../value.js";
import { missingInput, misspelledField } from "./field-checks.js";

const jsonName = (name: string) => `"${name}"`;

type FieldCheck = { expected: string; found: string } | HistoryEvent;

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function eventFromObject(object: Record<string, unknown>): FieldCheck {
  const { process, type, f, key, value, time } = object;
  const validProcess =
    (typeof process === "number" && Number.isInteger(process)) || typeof process === "string";
  if (!validProcess)
    return { expected: '"process" to be an integer or string', found: describe(process) };
  if (!EVENT_TYPES.includes(type as EventType)) {
    return {
      expected: '"type" to be one of "invoke", "ok", "fail", "info"',
      found: describe(type),
    };
  }
  if (typeof f !== "string" || f.length === 0) {
    return { expected: '"f" to be a non-empty string', found: describe(f) };
  }
  if (key !== undefined && !isValue(key))
    return { expected: '"key" to be JSON data', found: describe(key) };
  if (value !== undefined && !isValue(value)) {
    return { expected: '"value" to be JSON data', found: describe(value) };
  }
  if (time !== undefined && (typeof time !== "number" || !Number.isFinite(time))) {
    return { expected: '"time" to be a number', found: describe(time) };
  }
  const unmeant =
    misspelledField(Object.keys(object), jsonName) ??
    missingInput(type as string, f, "value" in object, jsonName);
  if (unmeant !== undefined) return unmeant;
  return {
    process,
    type: type as EventType,
    f,
    ...(key === undefined ? {} : { key }),
    value: value === undefined ? null : value,
    ...(time === undefined ? {} : { time }),
  };
}

function parseLine(text: string): FieldCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { expected: "a JSON object", found: `invalid JSON (${(error as Error).message})` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { expected: "a JSON object", found: describe(parsed) };
  }
  return eventFromObject(parsed as Record<string, unknown>);
}

/**
 * Parses a JSON-lines history; blank lines are skipped.
 *
 * @example
 * ```ts
 * const parsed = parseJsonl('{"process":0,"type":"invoke","f":"read","value":null}', "h.jsonl");
 * ```
 */
export function parseJsonl(text: string, file: string): Checked<SourcedHistory> {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  const rows = text.split("\n");
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!.trim();
    if (row.length === 0) continue;
    const outcome = parseLine(row);
    if ("expected" in outcome) return { ok: false, problem: { file, line: index + 1, ...outcome } };
    events.push(outcome);
    lines.push(index + 1);
  }
  return { ok: true, value: { events, source: { file, lines } } };
}
