/**
 * The files `replay` (and `run`, for each saved failure) can write about one run besides
 * its trace: the client history (`--history FILE`, in faultline's jsonl or Jepsen's EDN,
 * readable back by `faultline check`) and the run report (`--report DIR`). Both are built
 * from the run's `Recording`, never from the live simulation.
 */
import { join, relative } from "node:path";
import {
  formatHistory,
  HISTORY_EXPORT_FORMATS,
  type HistoryExportFormat,
} from "../recording/history-export.js";
import type { Recording } from "../recording/recording.js";
import { renderReport } from "../report/render-report.js";
import type { CommandIo } from "./io.js";
import { UsageError } from "./usage-error.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/** Where `--history` writes, and in which format. */
export interface HistoryOutput {
  readonly file: string;
  readonly format: HistoryExportFormat;
}

/** Reads `--history FILE` and `--history-format F` (checked once); undefined without `--history`. */
export function historyOutput(
  file: string | undefined,
  format: string | undefined,
): HistoryOutput | undefined {
  if (format !== undefined && !HISTORY_EXPORT_FORMATS.includes(format as HistoryExportFormat)) {
    throw new UsageError(
      `--history-format expects ${HISTORY_EXPORT_FORMATS.join(" or ")}, found "${format}"`,
    );
  }
  if (file === undefined) {
    if (format !== undefined) throw new UsageError("--history-format needs --history FILE");
    return undefined;
  }
  return { file, format: (format as HistoryExportFormat | undefined) ?? "jsonl" };
}

function absolute(io: CommandIo, path: string): string {
  return path.startsWith("/") ? path : join(io.cwd, path);
}

/** Writes the recording's history; says where, and how to check it. */
export async function writeHistory(
  recording: Recording,
  output: HistoryOutput,
  io: CommandIo,
): Promise<void> {
  await writeFileAtomically(
    absolute(io, output.file),
    formatHistory(recording.history, output.format),
  );
  const model = recording.model === undefined ? "MODEL" : recording.model;
  io.stderr.write(
    `history written to ${output.file} (${recording.history.length} events, ${output.format}); ` +
      `check it with: npx faultline check ${output.file} --model ${model}\n`,
  );
}

/** Writes the run report into `directory` (created if needed); returns the page's path as shown. */
export async function writeReport(
  recording: Recording,
  directory: string,
  io: CommandIo,
): Promise<string> {
  const page = join(absolute(io, directory), "index.html");
  try {
    await writeFileAtomically(page, renderReport(recording), { createDirectory: true });
  } catch (error) {
    throw new UsageError(
      `--report: cannot write ${directory} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return relative(io.cwd, page) || page;
}
