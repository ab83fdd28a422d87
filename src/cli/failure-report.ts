/**
 * Run reports next to saved failures: after a sweep, `faultline run` replays the first
 * failing seed in this process with the full trace (the same seed gives the same run) and
 * writes each one's report beside its failure file, as
 * `.faultline/failures/NAME-seed-N.report/index.html`. Kept cheap: at most
 * `MAX_FAILURE_REPORTS` seeds, none that the watchdog had to stop (they may not end), and a
 * replay whose trace hash differs from the sweep's is reported as such, not written.
 */
import { join } from "node:path";
import { recordScenarioRun } from "../scenario/recording-from-run.js";
import type { Scenario } from "../scenario/scenario.js";
import type { SeedSummary } from "../scenario/sweep-protocol.js";
import { FAILURES_DIRECTORY, replayCommand } from "./failure-file.js";
import type { CommandIo } from "./io.js";
import { writeReport } from "./run-outputs.js";

/** Most failing seeds of one sweep that get a report written automatically. */
export const MAX_FAILURE_REPORTS = 1;

/** The directory of a failure's report, relative to the working directory. */
export function failureReportDirectory(scenario: string, seed: number): string {
  return join(FAILURES_DIRECTORY, `${scenario}-seed-${seed}.report`);
}

/**
 * Writes the reports of the first failing seeds of a sweep (in seed-list order) and says
 * where each went; the rest get the command that writes theirs.
 */
export async function writeFailureReports(
  scenario: Scenario,
  failed: readonly SeedSummary[],
  io: CommandIo,
): Promise<void> {
  const replayable = failed.filter((summary) => !summary.failure?.reason.startsWith("watchdog:"));
  for (const summary of replayable.slice(0, MAX_FAILURE_REPORTS)) {
    const replay = replayCommand(io.cwd, scenario.file!, summary.seed, scenario);
    const { result, recording } = await recordScenarioRun(scenario, summary.seed, replay);
    if (result.traceHash !== summary.traceHash) {
      io.stderr.write(
        `seed ${summary.seed}: no report written: the replay gave trace hash ${result.traceHash}, the sweep ${summary.traceHash} (not deterministic)\n`,
      );
      continue;
    }
    const page = await writeReport(
      recording,
      join(io.cwd, failureReportDirectory(scenario.name, summary.seed)),
      io,
    );
    io.stderr.write(`seed ${summary.seed}: report written to ${page}\n`);
  }
  if (replayable.length > MAX_FAILURE_REPORTS) {
    io.stderr.write(
      `a report was written for the first failure only; for another: ${replayCommand(io.cwd, scenario.file!, replayable[MAX_FAILURE_REPORTS]!.seed, scenario)} --report DIR\n`,
    );
  }
}
