/**
 * The `json` format: one JSON array holding every op object, as Elle's command-line tools
 * and many recorders write a history: `[{"process": 0, "type": "invoke", "f": "txn",
 * "value": [["append", 1, 2], ["r", 1, null]]}, ...]`. Each op object reads as a `jsonl`
 * line does; errors name the line the object starts on when the array has one object per
 * line, else the line of the array.
 */
import type { HistoryEvent, SourcedHistory } from "../history.js";
import type { Checked } from "../history-problem.js";
import { parseJsonl } from "./jsonl.js";

/** The line each top-level object of the array starts on, when every one starts a line. */
function objectLines(text: string, count: number): number[] | undefined {
  const lines: number[] = [];
  const rows = text.split("\n");
  for (let index = 0; index < rows.length; index++) {
    if (/^\[?\s*\{/.test(rows[index]!.trim())) lines.push(index + 1);
  }
  return lines.length === count ? lines : undefined;
}

function firstLine(text: string): number {
  const offset = text.search(/\S/);
  return offset < 0 ? 1 : text.slice(0, offset).split("\n").length;
}

/**
 * Parses a JSON array of op objects.
 *
 * @example
 * ```ts
 * const parsed = parseJsonArray('[{"process":0,"type":"invoke","f":"txn","value":[]}]', "h.json");
 * ```
 */
export function parseJsonArray(text: string, file: string): Checked<SourcedHistory> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: {
        file,
        line: firstLine(text),
        expected: "a JSON array of op objects",
        found: `invalid JSON (${(error as Error).message})`,
      },
    };
  }
  if (!Array.isArray(parsed)) {
    return {
      ok: false,
      problem: {
        file,
        line: firstLine(text),
        expected: "a JSON array of op objects",
        found: typeof parsed,
      },
    };
  }
  const lines = objectLines(text, parsed.length);
  const events: HistoryEvent[] = [];
  for (let index = 0; index < parsed.length; index++) {
    const line = lines?.[index] ?? firstLine(text);
    const one = parseJsonl(JSON.stringify(parsed[index]), file);
    if (!one.ok) return { ok: false, problem: { ...one.problem, line } };
    events.push(...one.value.events);
  }
  const eventLines = lines ?? events.map(() => firstLine(text));
  return { ok: true, value: { events, source: { file, lines: eventLines } } };
}
