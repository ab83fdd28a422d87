/**
 * `faultline check FILE... --model register|kv|mutex`: judges recorded histories for
 * linearizability. Every file is read, parsed and paired before any is checked, so bad input
 * fails fast (exit 2) naming the file and line. Then each is checked, with `--timeout-ms`
 * as a per-file budget; violations are explained in the terminal and, with `--html`, in a
 * self-contained page written atomically.
 *
 * Exit codes: 0 all linearizable, 1 any violation, 2 bad input or usage, 3 any unknown and
 * no violation.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { checkPreparedHistory } from "../../checkers/check-linearizability.js";
import {
  type MinimalViolation,
  minimizeViolation,
} from "../../checkers/explain/minimize-violation.js";
import { renderHtml } from "../../checkers/explain/render-html.js";
import { renderViolation } from "../../checkers/explain/render-violation.js";
import {
  type VisualizationData,
  visualizationData,
} from "../../checkers/explain/visualization-data.js";
import {
  HISTORY_FORMATS,
  type HistoryFormat,
  parseHistory,
} from "../../checkers/formats/history-format.js";
import { formatHistoryProblem } from "../../checkers/history-problem.js";
import type { LinearizabilityResult } from "../../checkers/linearizability-result.js";
import type { Model } from "../../checkers/model.js";
import { BUILTIN_MODELS } from "../../checkers/models/builtin-models.js";
import { type PreparedHistory, prepareHistory } from "../../checkers/prepare-history.js";
import { parseCommandArgs, parseNonNegativeInteger } from "../args.js";
import type { Command } from "../command.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE } from "../exit-codes.js";
import type { CommandIo } from "../io.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomically } from "../write-file-atomically.js";

/** How long the explanation of one violation may search for a smaller set, at most. */
const MINIMIZE_TIMEOUT_MS = 5000;

interface CheckSettings {
  readonly files: readonly string[];
  readonly model: Model;
  readonly format: HistoryFormat | "auto";
  readonly timeoutMs: number | undefined;
  readonly maxMemoryMb: number | undefined;
  readonly json: boolean;
  readonly html: string | undefined;
}

interface Loaded {
  readonly file: string;
  readonly prepared: PreparedHistory<unknown, unknown>;
}

interface Checked extends Loaded {
  readonly result: LinearizabilityResult;
  readonly elapsedMs: number;
}

function readSettings(args: readonly string[]): CheckSettings {
  const { values, positionals } = parseCommandArgs(args, {
    model: { type: "string" },
    format: { type: "string", default: "auto" },
    "timeout-ms": { type: "string" },
    "max-memory-mb": { type: "string" },
    json: { type: "boolean", default: false },
    html: { type: "string" },
  });
  if (positionals.length === 0) throw new UsageError("expected at least one history file");
  const names = Object.keys(BUILTIN_MODELS);
  const modelNames = `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  if (values.model === undefined) throw new UsageError(`--model is required: ${modelNames}`);
  const model = BUILTIN_MODELS[values.model];
  if (model === undefined)
    throw new UsageError(`--model expects ${modelNames}, found "${values.model}"`);
  const format = values.format as HistoryFormat | "auto";
  if (format !== "auto" && !HISTORY_FORMATS.includes(format)) {
    throw new UsageError(
      `--format expects auto, ${HISTORY_FORMATS.join(", ")}; found "${values.format}"`,
    );
  }
  const timeoutText = values["timeout-ms"];
  const timeoutMs =
    timeoutText === undefined ? undefined : parseNonNegativeInteger("--timeout-ms", timeoutText);
  const memoryText = values["max-memory-mb"];
  const maxMemoryMb =
    memoryText === undefined ? undefined : parseNonNegativeInteger("--max-memory-mb", memoryText);
  if (maxMemoryMb === 0) throw new UsageError("--max-memory-mb expects at least 1, found 0");
  return {
    files: positionals,
    model,
    format,
    timeoutMs,
    maxMemoryMb,
    json: values.json,
    html: values.html,
  };
}

async function load(
  file: string,
  settings: CheckSettings,
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
  const prepared = prepareHistory(parsed.value, settings.model);
  if (!prepared.ok) return formatHistoryProblem(prepared.problem);
  return { file, prepared: prepared.value };
}

/** A `shouldStop` that answers true once `ms` milliseconds have passed (clock read here, not in the checker). */
function deadline(ms: number | undefined): (() => boolean) | undefined {
  if (ms === undefined) return undefined;
  const end = performance.now() + ms;
  return () => performance.now() >= end;
}

function check(loaded: Loaded, settings: CheckSettings): Checked {
  const shouldStop = deadline(settings.timeoutMs);
  const started = performance.now();
  const result = checkPreparedHistory(loaded.prepared, {
    ...(shouldStop === undefined ? {} : { shouldStop }),
    ...(settings.maxMemoryMb === undefined ? {} : { maxMemoryMb: settings.maxMemoryMb }),
  });
  return { ...loaded, result, elapsedMs: performance.now() - started };
}

function minimize(checked: Checked): MinimalViolation | undefined {
  const { result, prepared } = checked;
  if (result.verdict !== "violation") return undefined;
  const partition = prepared.partitions.find(
    (candidate) => candidate.key === result.explanation.partition,
  )!;
  const shouldStop = deadline(MINIMIZE_TIMEOUT_MS)!;
  return minimizeViolation(prepared.model, partition, result.explanation, { shouldStop });
}

function summary(checked: Checked): string {
  const { result, elapsedMs, file } = checked;
  const verdict = {
    linearizable: "linearizable",
    violation: "not linearizable",
    unknown: "unknown",
  }[result.verdict];
  const partitions = result.partitions === 1 ? "" : ` in ${result.partitions} partitions`;
  const why = result.verdict === "unknown" ? `, ${unknownWhy(result)}` : "";
  return `${file}: ${verdict} (${result.operations} operations${partitions}, ${elapsedMs.toFixed(1)} ms${why})`;
}

function unknownWhy(result: Extract<LinearizabilityResult, { verdict: "unknown" }>): string {
  switch (result.reason) {
    case "stopped":
      return "stopped by --timeout-ms";
    case "memory-limit":
      return "memory budget reached (--max-memory-mb)";
    case "internal-error":
      return `internal error: ${result.detail ?? "no message"}`;
    default:
      return "step limit reached";
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.length > 0 ? `  ${line}` : line))
    .join("\n");
}

function exitCode(results: readonly Checked[]): number {
  if (results.some(({ result }) => result.verdict === "violation")) return EXIT_FAILURE;
  if (results.some(({ result }) => result.verdict === "unknown")) return EXIT_UNKNOWN;
  return EXIT_OK;
}

function jsonReport(results: readonly Checked[]): string {
  const rows = results.map(({ file, result, elapsedMs }) => ({
    file,
    verdict: result.verdict,
    ...(result.verdict === "unknown" ? { reason: result.reason } : {}),
    ops: result.operations,
    elapsedMs: Math.round(elapsedMs * 1000) / 1000,
  }));
  return `${JSON.stringify({ results: rows })}\n`;
}

/** Writes `text` to `path` atomically; a path that cannot be written is a usage error naming it. */
async function writeAtomically(path: string, shown: string, text: string): Promise<void> {
  try {
    await writeFileAtomically(path, text);
  } catch (error) {
    throw new UsageError(
      `--html: cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

async function runCheck(args: readonly string[], io: CommandIo): Promise<number> {
  const settings = readSettings(args);
  const loaded = await Promise.all(settings.files.map((file) => load(file, settings, io)));
  const problems = loaded.filter((item): item is string => typeof item === "string");
  if (problems.length > 0) {
    for (const problem of problems) io.stderr.write(`faultline check: ${problem}\n`);
    return EXIT_USAGE;
  }
  const results: Checked[] = [];
  const pages: VisualizationData[] = [];
  for (const item of loaded as Loaded[]) {
    const checked = check(item, settings);
    results.push(checked);
    const minimal = settings.json && settings.html === undefined ? undefined : minimize(checked);
    if (!settings.json) {
      io.stdout.write(`${summary(checked)}\n`);
      if (checked.result.verdict === "violation") {
        io.stdout.write(
          `${indent(renderViolation(checked.result.explanation, minimal, { maxWidth: io.columns - 2 }))}\n`,
        );
      }
    }
    if (settings.html !== undefined) {
      pages.push(
        visualizationData({
          file: item.file,
          prepared: item.prepared,
          result: checked.result,
          ...(minimal === undefined ? {} : { minimal }),
        }),
      );
    }
  }
  if (settings.json) io.stdout.write(jsonReport(results));
  if (settings.html !== undefined) {
    const path = resolve(io.cwd, settings.html);
    await writeAtomically(path, settings.html, renderHtml(pages));
    io.stderr.write(`faultline check: wrote ${settings.html}\n`);
  }
  return exitCode(results);
}

/** The `check` subcommand. */
export const checkCommand: Command = {
  name: "check",
  usage: `Usage: faultline check FILE... --model register|kv|mutex [--format FORMAT] [--timeout-ms N] [--json] [--html FILE]

Checks each history for linearizability against the model and prints one verdict per file
(linearizable, not linearizable, unknown), explaining violations.

Options:
  --model register|kv|mutex
                        the sequential specification (kv and mutex are checked per key)
  --format FORMAT       auto (default), ${HISTORY_FORMATS.join(", ")}
  --timeout-ms N        give up on a file after N ms of checking: its verdict is unknown
  --max-memory-mb N     give up on a file when the search's memo would pass N MiB
                        (default 1024): its verdict is unknown
  --json                print {"results":[{"file","verdict","ops","elapsedMs"}]} instead
  --html FILE           also write a self-contained HTML view of the histories to FILE

Exit codes: 0 all linearizable, 1 any violation, 2 bad input or usage,
3 any unknown and no violation.
`,
  run: runCheck,
};
