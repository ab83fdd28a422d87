/**
 * `faultline check FILE... --model list-append|rw-register [--consistency MODEL]`: judges
 * transactional histories for isolation anomalies (Elle-style). Every file is read and
 * parsed before any is checked, so bad input fails fast (exit 2) naming the file and line.
 * Results are printed per file with every anomaly explained; `--json` prints them as data
 * and `--html` writes a page with each cycle drawn.
 *
 * Exit codes: 0 all valid, 1 any violation, 2 bad input or usage, 3 any unknown and no
 * violation.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type HistoryFormat, parseHistory } from "../../checkers/formats/history-format.js";
import type { HistorySource } from "../../checkers/history.js";
import { formatHistoryProblem } from "../../checkers/history-problem.js";
import { checkParsedTransactions } from "../../checkers/txn/check-transactions.js";
import { CONSISTENCY_MODELS, isConsistencyModel } from "../../checkers/txn/consistency-models.js";
import { renderTxnHtml } from "../../checkers/txn/render-txn-html.js";
import { parseTransactions, type TransactionHistory } from "../../checkers/txn/transactions.js";
import type {
  ConsistencyModel,
  TxnAnomaly,
  TxnCheckResult,
  TxnModel,
  TxnRef,
} from "../../checkers/txn/types.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE } from "../exit-codes.js";
import type { CommandIo } from "../io.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomically } from "../write-file-atomically.js";

/** The settings of a transactional check, as `check` parsed them. */
export interface TxnCheckSettings {
  readonly files: readonly string[];
  readonly model: TxnModel;
  readonly consistency: ConsistencyModel;
  readonly format: HistoryFormat | "auto";
  readonly timeoutMs: number | undefined;
  readonly json: boolean;
  readonly html: string | undefined;
}

interface Loaded {
  readonly file: string;
  readonly history: TransactionHistory;
  readonly source: HistorySource | undefined;
}

interface Checked extends Loaded {
  readonly result: TxnCheckResult;
  readonly elapsedMs: number;
}

/** Reads `--consistency`, a usage error naming the supported models when unknown. */
export function readConsistency(text: string | undefined): ConsistencyModel {
  if (text === undefined) return "serializable";
  if (isConsistencyModel(text)) return text;
  throw new UsageError(
    `--consistency expects one of ${CONSISTENCY_MODELS.join(", ")}; found "${text}"`,
  );
}

async function load(
  file: string,
  settings: TxnCheckSettings,
  io: CommandIo,
): Promise<Loaded | string> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), "utf8");
  } catch (error) {
    return `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  const parsed = parseHistory(text, { file, format: settings.format });
  if (!parsed.ok) return formatHistoryProblem(parsed.problem);
  const source = parsed.value.source;
  const history = parseTransactions(parsed.value.events, settings.model, source);
  if (!history.ok) return formatHistoryProblem({ file, ...history.problem });
  return { file, history: history.value, source };
}

function check(loaded: Loaded, settings: TxnCheckSettings): Checked {
  const started = performance.now();
  const end = settings.timeoutMs === undefined ? undefined : started + settings.timeoutMs;
  const result = checkParsedTransactions(loaded.history, {
    model: settings.model,
    consistency: settings.consistency,
    ...(end === undefined ? {} : { shouldStop: () => performance.now() >= end }),
  });
  return { ...loaded, result, elapsedMs: performance.now() - started };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function summary(checked: Checked, settings: TxnCheckSettings): string {
  const { result, file, elapsedMs, history } = checked;
  const count = result.anomalies.length;
  const anomalies = count === 0 ? "" : `, ${count} ${count === 1 ? "anomaly" : "anomalies"}`;
  const verdict =
    result.verdict === "violation"
      ? `not ${settings.consistency}`
      : result.verdict === "valid"
        ? `${settings.consistency}`
        : "unknown";
  return `${file}: ${verdict} (${history.transactions.length} transactions${anomalies}, ${elapsedMs.toFixed(1)} ms)`;
}

function textReport(checked: Checked, settings: TxnCheckSettings): string {
  const { result } = checked;
  const lines = [summary(checked, settings)];
  if (result.reason !== undefined) lines.push(`  unknown: ${result.reason}`);
  for (const anomaly of result.anomalies) lines.push(indent(anomaly.explanation));
  if (result.notModels.length > 0) lines.push(`  Rules out: ${result.notModels.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

function txnJson(txn: TxnRef, source: HistorySource | undefined) {
  const line = source?.lines[txn.invokeIndex];
  return {
    id: txn.id,
    process: txn.process,
    status: txn.status,
    ops: txn.ops,
    ...(line === undefined ? { eventIndex: txn.invokeIndex } : { line }),
  };
}

function anomalyJson(anomaly: TxnAnomaly, source: HistorySource | undefined) {
  return {
    type: anomaly.type,
    ...(anomaly.cycle === undefined
      ? {}
      : {
          cycle: anomaly.cycle.map((step) => ({
            from: txnJson(step.from, source),
            to: txnJson(step.to, source),
            edge: step.edge,
            ...(step.key === undefined ? {} : { key: step.key }),
            explanation: step.explanation,
          })),
        }),
    ...(anomaly.ops === undefined ? {} : { ops: anomaly.ops.map((txn) => txnJson(txn, source)) }),
    explanation: anomaly.explanation,
  };
}

function jsonReport(results: readonly Checked[], settings: TxnCheckSettings): string {
  const rows = results.map(({ file, result, elapsedMs, history, source }) => ({
    file,
    model: settings.model,
    consistency: settings.consistency,
    verdict: result.verdict,
    txns: history.transactions.length,
    anomalies: result.anomalies.map((anomaly) => anomalyJson(anomaly, source)),
    notModels: result.notModels,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    elapsedMs: Math.round(elapsedMs * 1000) / 1000,
  }));
  return `${JSON.stringify({ results: rows })}\n`;
}

function exitCode(results: readonly Checked[]): number {
  if (results.some(({ result }) => result.verdict === "violation")) return EXIT_FAILURE;
  if (results.some(({ result }) => result.verdict === "unknown")) return EXIT_UNKNOWN;
  return EXIT_OK;
}

/** Runs a transactional check with settings `check` has parsed. */
export async function runTxnCheck(settings: TxnCheckSettings, io: CommandIo): Promise<number> {
  const loaded = await Promise.all(settings.files.map((file) => load(file, settings, io)));
  const problems = loaded.filter((item): item is string => typeof item === "string");
  if (problems.length > 0) {
    for (const problem of problems) io.stderr.write(`faultline check: ${problem}\n`);
    return EXIT_USAGE;
  }
  const results = (loaded as Loaded[]).map((item) => check(item, settings));
  if (settings.json) io.stdout.write(jsonReport(results, settings));
  else for (const checked of results) io.stdout.write(textReport(checked, settings));
  if (settings.html !== undefined) {
    const page = renderTxnHtml(
      results.map(({ file, result }) => ({
        file,
        model: settings.model,
        consistency: settings.consistency,
        result,
      })),
    );
    try {
      await writeFileAtomically(resolve(io.cwd, settings.html), page);
    } catch (error) {
      throw new UsageError(
        `--html: cannot write ${settings.html} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    io.stderr.write(`faultline check: wrote ${settings.html}\n`);
  }
  return exitCode(results);
}
