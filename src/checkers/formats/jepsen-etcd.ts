/**
 * The `jepsen-etcd` format: the op lines Jepsen's etcd register test logs,
 * `INFO  jepsen.util - <process> <type> <f> <value>` (fields separated by any whitespace).
 *
 * It follows Porcupine's reading of these logs, since its verdicts are the reference:
 * - `:fail :cas [from to]` is a compare-and-set that ran and found a value other than
 *   `from`: it becomes an `ok` cas whose completion value is `false`;
 * - `:fail :read :timed-out` is a read whose result is unknown: it becomes `info`;
 * - `:info` (a timed-out write or cas) leaves the operation open: it may take effect at
 *   any time after its invocation, or never;
 * - any other `:fail` did not take effect, as in Jepsen.
 */
import type { EventType, HistoryEvent, SourcedHistory } from "../history.js";
import type { Checked, HistoryProblem } from "../history-problem.js";
import { EdnKeyword, readEdn } from "./edn.js";
import { valueFromEdn } from "./edn-event.js";

const OP_LINE = /^\s*INFO\s+jepsen\.util\s+-\s+(\S+)\s+:(\w+)\s+:([\w-]+)(?:\s+(.*?))?\s*$/;
const LINE_SHAPE = "an op line `INFO  jepsen.util - <process> <type> <f> <value>`";

type LineOutcome = HistoryEvent | "skip" | { expected: string; found: string };

function clip(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** How Porcupine reads a completion: see the file comment. */
function completionType(type: EventType, f: string): { type: EventType; failedCas: boolean } {
  if (type === "fail" && f === "cas") return { type: "ok", failedCas: true };
  if (type === "fail" && f === "read") return { type: "info", failedCas: false };
  return { type, failedCas: false };
}

function parseOpLine(row: string): LineOutcome {
  const match = OP_LINE.exec(row);
  if (match === null) return { expected: LINE_SHAPE, found: clip(row) };
  const [, processText, typeText, f, valueText = "nil"] = match as unknown as string[];
  if (processText === ":nemesis") return "skip";
  if (!/^\d+$/.test(processText!))
    return { expected: "an integer process id", found: clip(processText!) };
  if (!["invoke", "ok", "fail", "info"].includes(typeText!)) {
    return { expected: "a type :invoke, :ok, :fail or :info", found: `:${typeText}` };
  }
  const value = readEdn(valueText);
  if (!value.ok || value.value.forms.length !== 1) {
    return {
      expected: "one EDN value (nil, an integer, [from to], :timed-out)",
      found: clip(valueText),
    };
  }
  const form = value.value.forms[0]!;
  const { type, failedCas } = completionType(typeText as EventType, f!);
  const timedOut = form instanceof EdnKeyword;
  return {
    process: Number(processText),
    type,
    f: f!,
    value: failedCas ? false : timedOut ? null : valueFromEdn(form),
  };
}

/**
 * Parses a Jepsen etcd log. Blank lines are skipped; any other line must be an op line.
 *
 * @example
 * ```ts
 * const parsed = parseJepsenEtcd("INFO  jepsen.util - 0\t:invoke\t:read\tnil\n", "etcd_000.log");
 * ```
 */
export function parseJepsenEtcd(text: string, file: string): Checked<SourcedHistory> {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  const rows = text.split("\n");
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.trim().length === 0) continue;
    const outcome = parseOpLine(row);
    if (outcome === "skip") continue;
    if ("expected" in outcome) {
      const problem: HistoryProblem = { file, line: index + 1, ...outcome };
      return { ok: false, problem };
    }
    events.push(outcome);
    lines.push(index + 1);
  }
  return { ok: true, value: { events, source: { file, lines } } };
}
