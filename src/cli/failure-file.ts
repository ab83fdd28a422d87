/**
 * Failure files: every failing seed of `faultline run` is saved under
 * `.faultline/failures/` with what is needed to see it again: the scenario, the seed, the
 * reason, and the one command that replays it. `faultline replay` and `faultline ui`
 * accept such a file in place of a scenario and seed.
 */

import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { RunFailure } from "../scenario/run-result.js";
import { determinismGuardArgument } from "./determinism-guard-flag.js";
import { UsageError } from "./usage-error.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/** Where failure files go, relative to the working directory. */
export const FAILURES_DIRECTORY = join(".faultline", "failures");

/** The content of a failure file. */
export interface FailureRecord {
  readonly kind: "faultline-failure";
  readonly version: 1;
  readonly scenario: string;
  /** The scenario file, relative to the directory the command ran in. */
  readonly scenarioFile: string;
  readonly seed: number;
  readonly reason: string;
  readonly message: string;
  readonly details?: string;
  readonly traceHash: string;
  /** The command that replays the failure. */
  readonly replay: string;
}

/**
 * The command that replays `seed` of the scenario at `scenarioFile` (as seen from `cwd`),
 * with `--no-determinism-guard` when the run it replays had the guard off.
 */
export function replayCommand(
  cwd: string,
  scenarioFile: string,
  seed: number,
  settings: { readonly determinismGuard?: boolean } = {},
): string {
  const path = relative(cwd, scenarioFile) || scenarioFile;
  return `npx faultline replay ${path.includes(" ") ? JSON.stringify(path) : path} --seed ${seed}${determinismGuardArgument(settings)}`;
}

/** Builds the record of a failing seed. */
export function failureRecord(
  cwd: string,
  scenario: { readonly name: string; readonly file: string; readonly determinismGuard?: boolean },
  seed: number,
  failure: RunFailure,
  traceHash: string,
): FailureRecord {
  return {
    kind: "faultline-failure",
    version: 1,
    scenario: scenario.name,
    scenarioFile: relative(cwd, scenario.file) || scenario.file,
    seed,
    reason: failure.reason,
    message: failure.message,
    ...(failure.details === undefined ? {} : { details: failure.details }),
    traceHash,
    replay: replayCommand(cwd, scenario.file, seed, scenario),
  };
}

/** Saves a failure record atomically; returns its path (relative to `cwd`). */
export async function saveFailure(cwd: string, record: FailureRecord): Promise<string> {
  const path = join(FAILURES_DIRECTORY, `${record.scenario}-seed-${record.seed}.json`);
  await writeFileAtomically(join(cwd, path), `${JSON.stringify(record, null, 2)}\n`, {
    createDirectory: true,
  });
  return path;
}

/** Reads a failure file, or throws a `UsageError` saying what is wrong with it. */
export async function readFailure(path: string): Promise<FailureRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new UsageError(`${path}: cannot read the failure file: ${(error as Error).message}`);
  }
  const record = parsed as Partial<FailureRecord>;
  if (
    record.kind !== "faultline-failure" ||
    typeof record.scenarioFile !== "string" ||
    typeof record.seed !== "number"
  ) {
    throw new UsageError(
      `${path}: expected a failure file from faultline run (kind "faultline-failure" with scenarioFile and seed)`,
    );
  }
  return record as FailureRecord;
}

/** Whether `path` is a failure file (JSON with kind "faultline-failure") rather than a scenario. */
export async function isFailureFile(path: string): Promise<boolean> {
  if (!path.endsWith(".json")) return false;
  try {
    return (
      (JSON.parse(await readFile(path, "utf8")) as { kind?: unknown }).kind === "faultline-failure"
    );
  } catch {
    return false;
  }
}
