/**
 * What `faultline maelstrom test` prints at the end of a trial: the verdict with the
 * explanation a person can act on, the figures, where the recording is and how to re-run
 * it; and the `--json` line, whose field names are a contract.
 */
import type { Anomaly } from "../../checkers/verdict.js";
import type { ProcessTestResult } from "../../process/run-process-test.js";

/** The `--json` summary of one trial. */
export interface MaelstromJson {
  readonly valid: boolean | "unknown";
  readonly workload: string;
  readonly seed: number;
  readonly ops: number;
  readonly okOps: number;
  readonly msgsPerOp: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
  /** What the checker and the harness found: `{type, explanation, ...details}` each. */
  readonly anomalies: readonly Anomaly[];
  readonly recording: string;
}

/** The `--json` object of a trial. */
export function resultJson(result: ProcessTestResult, recording: string): MaelstromJson {
  return {
    valid: result.valid,
    workload: result.workload,
    seed: result.seed,
    ops: result.ops,
    okOps: result.okOps,
    msgsPerOp: result.msgsPerOp,
    latencyMs: result.latencyMs,
    anomalies: result.anomalies,
    recording,
  };
}

function verdictWord(valid: boolean | "unknown"): string {
  if (valid === "unknown") return "UNKNOWN";
  return valid ? "VALID" : "INVALID";
}

function faultsText(result: ProcessTestResult): string | undefined {
  if (result.faults.length === 0) return undefined;
  const shown = result.faults
    .slice(0, 8)
    .map(
      (fault) =>
        `  ${(fault.startMs / 1000).toFixed(1)}s-${(fault.endMs / 1000).toFixed(1)}s ${fault.description}`,
    );
  if (result.faults.length > shown.length)
    shown.push(`  ... and ${result.faults.length - shown.length} more`);
  return `faults:\n${shown.join("\n")}`;
}

/** The end of a trial, for a person. */
export function verdictText(result: ProcessTestResult, recording: string, rerun: string): string {
  const { latencyMs } = result;
  const lines = [
    `${result.workload} seed ${result.seed}: ${verdictWord(result.valid)}`,
    `  ${result.ops} ops, ${result.okOps} ok, ${result.msgsPerOp} msgs/op between nodes, latency p50 ${latencyMs.p50} ms, p95 ${latencyMs.p95} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms (${(result.elapsedMs / 1000).toFixed(1)} s)`,
  ];
  const faults = faultsText(result);
  if (faults !== undefined) lines.push(faults);
  if (result.explanation.trim() !== "") lines.push("", result.explanation.trimEnd(), "");
  lines.push(`recording: ${recording} (node stderr in node-logs/ beside it)`);
  if (result.valid !== true) lines.push(`re-run: ${rerun}`);
  return `${lines.join("\n")}\n`;
}
