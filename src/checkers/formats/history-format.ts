/**
 * The history formats faultline reads, chosen by name or guessed from the text (`auto`),
 * and the one entry point that parses a text in any of them.
 */
import type { SourcedHistory } from "../history.js";
import type { Checked } from "../history-problem.js";
import { parseJepsenEdn } from "./jepsen-edn.js";
import { parseJepsenEtcd } from "./jepsen-etcd.js";
import { parseJsonArray } from "./json-array.js";
import { parseJsonl } from "./jsonl.js";
import { parsePorcupineKv } from "./porcupine-kv.js";

/** A history format faultline reads. */
export type HistoryFormat = "jsonl" | "jepsen-etcd" | "porcupine-kv" | "jepsen-edn" | "json";

/** Every format, in the order `--help` lists them. */
export const HISTORY_FORMATS: readonly HistoryFormat[] = [
  "jsonl",
  "jepsen-etcd",
  "porcupine-kv",
  "jepsen-edn",
  "json",
];

const PARSERS: Readonly<
  Record<HistoryFormat, (text: string, file: string) => Checked<SourcedHistory>>
> = {
  jsonl: parseJsonl,
  "jepsen-etcd": parseJepsenEtcd,
  "porcupine-kv": parsePorcupineKv,
  "jepsen-edn": parseJepsenEdn,
  json: parseJsonArray,
};

function firstContentLine(text: string): { text: string; line: number } | undefined {
  const rows = text.split("\n", 200);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!.trim();
    if (row.length > 0 && !row.startsWith(";")) return { text: row, line: index + 1 };
  }
  return undefined;
}

function guessEdnFormat(line: string): HistoryFormat {
  const kv = /:f\s+:(get|put|append)\b/.test(line) && /:key\s/.test(line);
  return kv && line.startsWith("{") ? "porcupine-kv" : "jepsen-edn";
}

/**
 * Guesses a text's format from its first non-blank line: `jepsen.util -` lines are
 * `jepsen-etcd`, `{"` starts JSON lines, `[{"` (even across lines) a JSON array (`json`), `{:`, `[`, `(` or `#` start EDN (`porcupine-kv`
 * when the ops are get/put/append on keys, else `jepsen-edn`). An empty text is `jsonl`.
 */
export function detectHistoryFormat(text: string, file: string): Checked<HistoryFormat> {
  const first = firstContentLine(text);
  if (first === undefined) return { ok: true, value: "jsonl" };
  if (/\bjepsen\.util\s+-\s/.test(first.text)) return { ok: true, value: "jepsen-etcd" };
  if (/^\{\s*"/.test(first.text)) return { ok: true, value: "jsonl" };
  if (/^\s*\[\s*\{\s*"/.test(text)) return { ok: true, value: "json" };
  if (/^(\{\s*:|\[|\(|#)/.test(first.text)) return { ok: true, value: guessEdnFormat(first.text) };
  const found = first.text.length > 60 ? `${first.text.slice(0, 57)}...` : first.text;
  return {
    ok: false,
    problem: {
      file,
      line: first.line,
      expected: `a history in a known format (${HISTORY_FORMATS.join(", ")}); pass --format to choose`,
      found: JSON.stringify(found),
    },
  };
}

/** A parsed history and the format it was read as. */
export interface ParsedHistory extends SourcedHistory {
  readonly format: HistoryFormat;
}

/**
 * Parses a history text in the given format, or guesses it with `"auto"`.
 *
 * @example
 * ```ts
 * const parsed = parseHistory(text, { file: "history.jsonl", format: "auto" });
 * if (!parsed.ok) console.error(formatHistoryProblem(parsed.problem));
 * ```
 */
export function parseHistory(
  text: string,
  options: { readonly file: string; readonly format: HistoryFormat | "auto" },
): Checked<ParsedHistory> {
  let format: HistoryFormat;
  if (options.format === "auto") {
    const detected = detectHistoryFormat(text, options.file);
    if (!detected.ok) return detected;
    format = detected.value;
  } else {
    format = options.format;
  }
  const parsed = PARSERS[format](text, options.file);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, format } };
}
