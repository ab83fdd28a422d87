/**
 * The `jepsen-edn` format: Jepsen's EDN histories for register and key-value tests, as real
 * Jepsen and Knossos files come: one op map per line (`history.edn`), or one vector or list
 * holding every op map. Nemesis events are skipped: they are not client operations.
 */
import type { HistoryEvent, SourcedHistory } from "../history.js";
import type { Checked } from "../history-problem.js";
import { EdnCollection, type EdnValue, readEdn } from "./edn.js";
import { eventFromEdn } from "./edn-event.js";

/** Op maps with their lines, whichever of the two layouts the file uses. */
function opForms(forms: readonly EdnValue[], lines: readonly number[]) {
  const only = forms[0];
  if (forms.length === 1 && only instanceof EdnCollection && only.kind !== "set") {
    return { forms: only.items, lines: only.lines };
  }
  return { forms, lines };
}

/**
 * Reads op maps into events, skipping nemesis events; `check` may reject an event.
 * Shared with the `porcupine-kv` format.
 */
export function eventsFromEdnForms(
  forms: readonly EdnValue[],
  lines: readonly number[],
  file: string,
  check: (event: HistoryEvent) => { expected: string; found: string } | undefined = () => undefined,
): Checked<SourcedHistory> {
  const events: HistoryEvent[] = [];
  const eventLines: number[] = [];
  for (let index = 0; index < forms.length; index++) {
    const line = lines[index]!;
    const outcome = eventFromEdn(forms[index]!);
    if (outcome.kind === "nemesis") continue;
    if (outcome.kind === "problem") {
      return {
        ok: false,
        problem: { file, line, expected: outcome.expected, found: outcome.found },
      };
    }
    const rejected = check(outcome.event);
    if (rejected !== undefined) return { ok: false, problem: { file, line, ...rejected } };
    events.push(outcome.event);
    eventLines.push(line);
  }
  return { ok: true, value: { events, source: { file, lines: eventLines } } };
}

/**
 * Parses a Jepsen EDN history.
 *
 * @example
 * ```ts
 * const parsed = parseJepsenEdn("[{:process 0 :type :invoke :f :read :value nil}]", "h.edn");
 * ```
 */
export function parseJepsenEdn(text: string, file: string): Checked<SourcedHistory> {
  const read = readEdn(text);
  if (!read.ok) return { ok: false, problem: { file, ...read.problem } };
  const { forms, lines } = opForms(read.value.forms, read.value.lines);
  return eventsFromEdnForms(forms, lines, file);
}
