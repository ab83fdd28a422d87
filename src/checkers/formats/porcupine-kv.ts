/**
 * The `porcupine-kv` format: the key-value histories Porcupine tests on, one EDN op map per
 * line with `:f` one of `:get`, `:put`, `:append` and a string `:key`
 * (`{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`).
 */
import type { HistoryEvent, SourcedHistory } from "../history.js";
import type { Checked } from "../history-problem.js";
import { formatValue } from "../value.js";
import { readEdn } from "./edn.js";
import { eventsFromEdnForms } from "./jepsen-edn.js";

const KV_FUNCTIONS = ["get", "put", "append"];

function checkKvEvent(event: HistoryEvent): { expected: string; found: string } | undefined {
  if (!KV_FUNCTIONS.includes(event.f)) {
    return { expected: ":f to be one of :get, :put, :append", found: `:${event.f}` };
  }
  if (event.key === undefined) return { expected: "a :key", found: "an op map without one" };
  if (typeof event.key !== "string") {
    return { expected: ":key to be a string", found: formatValue(event.key) };
  }
  return undefined;
}

/**
 * Parses a Porcupine key-value history.
 *
 * @example
 * ```ts
 * const parsed = parsePorcupineKv('{:process 0, :type :invoke, :f :get, :key "1", :value nil}', "c01.txt");
 * ```
 */
export function parsePorcupineKv(text: string, file: string): Checked<SourcedHistory> {
  const read = readEdn(text);
  if (!read.ok) return { ok: false, problem: { file, ...read.problem } };
  return eventsFromEdnForms(read.value.forms, read.value.lines, file, checkKvEvent);
}
