/**
 * Writes a recording's client history as a file `faultline check` reads back: faultline's
 * own JSON lines (`jsonl`), or Jepsen's EDN (`jepsen-edn`, one op map per line, as Jepsen's
 * `history.edn`). Both keep the process, type, function, key, value, virtual time and the
 * error of every event, so a run's history can be judged again, shared, or opened in other
 * tools; reading it back gives the same events and so the same verdict.
 */
import {
  EdnCollection,
  EdnKeyword,
  EdnMap,
  type EdnValue,
  formatEdn,
} from "../checkers/formats/edn.js";
import type { Value } from "../checkers/value.js";
import type { RecordedHistoryEvent } from "./recording.js";

/** The formats a history is exported in. */
export type HistoryExportFormat = "jsonl" | "jepsen-edn";

/** Every export format, in the order `--help` lists them. */
export const HISTORY_EXPORT_FORMATS: readonly HistoryExportFormat[] = ["jsonl", "jepsen-edn"];

function jsonlLine(event: RecordedHistoryEvent): string {
  return JSON.stringify({
    process: event.process,
    type: event.type,
    f: event.f,
    ...(event.key === undefined ? {} : { key: event.key }),
    value: event.value ?? null,
    time: event.time,
    ...(event.error === undefined ? {} : { error: event.error }),
  });
}

const KEYWORD_NAME = /^[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.-]*$/;

/** A history value as EDN: arrays become vectors, objects maps with keyword keys where they can. */
function ednValue(value: Value | undefined): EdnValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return ednVector(value.map(ednValue));
  if (typeof value === "object") {
    return new EdnMap(
      Object.entries(value).map(([key, item]) => [
        KEYWORD_NAME.test(key) ? new EdnKeyword(key) : key,
        ednValue(item),
      ]),
      0,
    );
  }
  return value;
}

function ednVector(items: readonly EdnValue[]): EdnValue {
  return new EdnCollection("vector", items, []);
}

function ednLine(event: RecordedHistoryEvent): string {
  const process =
    typeof event.process === "string" && KEYWORD_NAME.test(event.process)
      ? new EdnKeyword(event.process)
      : event.process;
  const entries: [EdnValue, EdnValue][] = [
    [new EdnKeyword("process"), process],
    [new EdnKeyword("type"), new EdnKeyword(event.type)],
    [new EdnKeyword("f"), KEYWORD_NAME.test(event.f) ? new EdnKeyword(event.f) : event.f],
  ];
  if (event.key !== undefined) entries.push([new EdnKeyword("key"), ednValue(event.key)]);
  entries.push([new EdnKeyword("value"), ednValue(event.value)]);
  entries.push([new EdnKeyword("time"), event.time]);
  if (event.error !== undefined) entries.push([new EdnKeyword("error"), event.error]);
  return formatEdn(new EdnMap(entries, 0));
}

/**
 * A history as the text of a file in `format`, one event per line.
 *
 * @example
 * ```ts
 * await writeFileAtomically("history.jsonl", formatHistory(recording.history, "jsonl"));
 * // then: npx faultline check history.jsonl --model kv
 * ```
 */
export function formatHistory(
  history: readonly RecordedHistoryEvent[],
  format: HistoryExportFormat,
): string {
  const line = format === "jsonl" ? jsonlLine : ednLine;
  return history.map((event) => `${line(event)}\n`).join("");
}
