/**
 * Turns one EDN op map (`{:process 0, :type :invoke, :f :read, :value nil}`) into a history
 * event, as Jepsen and Knossos write them: extra keys (`:time`, `:index`, `:error`) are
 * allowed, keywords become strings, and nemesis events are recognised so callers can skip
 * them (they are not client operations).
 */
import { EVENT_TYPES, type EventType, type HistoryEvent, type ProcessId } from "../history.js";
import type { Value } from "../value.js";
import { EdnCollection, EdnKeyword, EdnMap, EdnSymbol, type EdnValue, formatEdn } from "./edn.js";
import { missingInput, misspelledField } from "./field-checks.js";

const ednName = (name: string) => `:${name}`;

/** An EDN value as a history `Value`: keywords and symbols become their names. */
export function valueFromEdn(value: EdnValue): Value {
  if (value instanceof EdnKeyword || value instanceof EdnSymbol) return value.name;
  if (value instanceof EdnCollection) return value.items.map(valueFromEdn);
  if (value instanceof EdnMap) {
    const fields: Record<string, Value> = {};
    for (const [key, item] of value.entries) {
      const name = typeof key === "string" ? key : formatEdn(key).replace(/^:/, "");
      fields[name] = valueFromEdn(item);
    }
    return fields;
  }
  return value;
}

/** The outcome of reading one op map: an event, a nemesis event to skip, or a problem. */
export type EdnEventOutcome =
  | { readonly kind: "event"; readonly event: HistoryEvent }
  | { readonly kind: "nemesis" }
  | { readonly kind: "problem"; readonly expected: string; readonly found: string };

function nameOf(value: EdnValue | undefined): string | undefined {
  if (value instanceof EdnKeyword || value instanceof EdnSymbol) return value.name;
  return typeof value === "string" ? value : undefined;
}

function readProcess(value: EdnValue | undefined): ProcessId | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  return nameOf(value);
}

function problem(expected: string, found: EdnValue | undefined): EdnEventOutcome {
  return { kind: "problem", expected, found: found === undefined ? "nothing" : formatEdn(found) };
}

/** Reads an op map into an event; see `EdnEventOutcome`. */
export function eventFromEdn(form: EdnValue): EdnEventOutcome {
  if (!(form instanceof EdnMap))
    return problem("an op map such as {:process 0, :type :invoke, ...}", form);
  const process = readProcess(form.get("process"));
  if (process === undefined)
    return problem(":process to be an integer or keyword", form.get("process"));
  const type = nameOf(form.get("type"));
  if (type === undefined || !EVENT_TYPES.includes(type as EventType)) {
    return problem(":type to be one of :invoke, :ok, :fail, :info", form.get("type"));
  }
  if (process === "nemesis") return { kind: "nemesis" };
  const f = nameOf(form.get("f"));
  if (f === undefined || f.length === 0)
    return problem(":f to be a keyword such as :read", form.get("f"));
  const names = form.entries.map(([key]) => nameOf(key)).filter((name) => name !== undefined);
  const unmeant =
    misspelledField(names, ednName) ??
    missingInput(type, f, form.get("value") !== undefined, ednName);
  if (unmeant !== undefined) return { kind: "problem", ...unmeant };
  return { kind: "event", event: buildEvent(form, process, type as EventType, f) };
}

function buildEvent(form: EdnMap, process: ProcessId, type: EventType, f: string): HistoryEvent {
  const key = form.get("key");
  const value = form.get("value");
  const time = form.get("time");
  return {
    process,
    type,
    f,
    ...(key === undefined ? {} : { key: valueFromEdn(key) }),
    value: value === undefined ? null : valueFromEdn(value),
    ...(typeof time === "number" ? { time } : {}),
  };
}
