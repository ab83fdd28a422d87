/**
 * What `faultline run` prints: the line of each failing seed (with the command that
 * replays it, and, for a failure that did not repeat when run again, that it is flaky and
 * where the runs went apart), the summary, and the `--json` object.
 */
import { verdictText } from "../scenario/reproduction.js";
import type { Scenario } from "../scenario/scenario.js";
import type { SweepResult } from "../scenario/sweep.js";
import type { SeedSummary } from "../scenario/sweep-protocol.js";
import { replayCommand } from "./failure-file.js";

/** `count` seeds, in words: "1 seed", "40 seeds". */
export function seedsText(count: number): string {
  return count === 1 ? "1 seed" : `${count} seeds`;
}

/** How a sweep on `workers` worker processes is described: "2 workers", "in this process". */
export function workersText(workers: number): string {
  if (workers === 0) return "in this process";
  return workers === 1 ? "1 worker" : `${workers} workers`;
}

/** The lines that say a failure did not repeat, indented under its seed's line. */
function flakyLines(summary: SeedSummary): string[] {
  const flaky = summary.flaky;
  if (flaky === undefined) return [];
  const lines = [
    `  flaky: it did not repeat: run again, the seed ${verdictText(flaky.rerun)} with trace hash ${flaky.rerun.traceHash} (first run: ${summary.traceHash})`,
  ];
  if (flaky.divergence !== undefined) {
    lines.push(`  first divergent event, #${flaky.divergence.index}:`);
    lines.push(`    one run:     ${flaky.divergence.first}`);
    lines.push(`    another run: ${flaky.divergence.second}`);
  }
  lines.push(`  ${flaky.explanation}`);
  return lines;
}

/** The report of one failing seed. */
export function failureLines(summary: SeedSummary, replay: string): string {
  const failure = summary.failure;
  const verdict = summary.flaky === undefined ? "FAILED" : "FLAKY";
  const lines = [
    `seed ${summary.seed} ${verdict} ${failure?.reason}: ${failure?.message.split("\n")[0]}`,
    ...flakyLines(summary),
    `  replay: ${replay}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Seeds listed by reason, at most ten shown. */
function seedList(seeds: readonly number[]): string {
  return seeds.slice(0, 10).join(", ") + (seeds.length > 10 ? ", ..." : "");
}

/** The summary at the end of a sweep. */
export function summaryText(result: SweepResult, scenario: Scenario, cwd: string): string {
  const byReason = new Map<string, number[]>();
  for (const failed of result.failed) {
    const reason = failed.failure?.reason ?? "unknown";
    byReason.set(reason, [...(byReason.get(reason) ?? []), failed.seed]);
  }
  const flaky = result.failed.filter((summary) => summary.flaky !== undefined);
  const interrupted = result.interrupted ? "interrupted: " : "";
  const lines = [
    `${interrupted}${scenario.name}: ${seedsText(result.seedsRun.length)} run, ${result.passed} passed, ${result.failed.length} failed ` +
      `(${result.seedsPerSec.toFixed(1)} seeds/s, ${workersText(result.workers)}, ${(result.elapsedMs / 1000).toFixed(1)}s)`,
  ];
  for (const [reason, seeds] of byReason)
    lines.push(`  ${reason}: ${seeds.length} (seeds ${seedList(seeds)})`);
  if (flaky.length > 0) {
    lines.push(
      `  flaky (did not repeat when run again): ${flaky.length} (seeds ${seedList(flaky.map((summary) => summary.seed))})`,
    );
  }
  if (result.firstFailureSeed !== null) {
    lines.push(`first failure: seed ${result.firstFailureSeed}`);
    lines.push(`  ${replayCommand(cwd, scenario.file!, result.firstFailureSeed, scenario)}`);
  }
  if (result.interrupted) {
    lines.push(
      "interrupted (Ctrl-C) before every seed ran: the counts above are of the seeds that finished",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The `--json` object of a sweep, on one line. */
export function summaryJson(result: SweepResult, scenario: Scenario, cwd: string): string {
  const failed = result.failed.map((summary) => ({
    seed: summary.seed,
    reason: summary.failure?.reason,
    message: summary.failure?.message,
    traceHash: summary.traceHash,
    flaky: summary.flaky ?? null,
    replay: replayCommand(cwd, scenario.file!, summary.seed, scenario),
  }));
  return `${JSON.stringify({
    scenario: scenario.name,
    seedsRun: result.seedsRun,
    passed: result.passed,
    failed,
    flaky: result.failed.filter((summary) => summary.flaky !== undefined).map((s) => s.seed),
    firstFailureSeed: result.firstFailureSeed,
    workers: result.workers,
    elapsedMs: Math.round(result.elapsedMs),
    seedsPerSec: Number(result.seedsPerSec.toFixed(2)),
    interrupted: result.interrupted,
  })}\n`;
}
