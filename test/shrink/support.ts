/**
 * Shared by the shrinker's tests: the planted-bug fixture (a primary-backup register whose
 * old primary serves stale reads) and a scratch project that holds it.
 */
import { cpSync } from "node:fs";
import { join } from "node:path";
import { ROOT, scratchProject } from "../scenario/helpers.js";

/** The primary-backup scenario: 5 nodes, 20 s, random faults of every kind. */
export const PRIMARY_BACKUP = join(ROOT, "test", "shrink", "fixtures", "primary-backup.yaml");

/** A seed at which the primary-backup scenario fails (linearizability), with 31 faults. */
export const FAILING_SEED = 1;

/** A seed at which the primary-backup scenario passes. */
export const PASSING_SEED = 2;

/** A scratch project with the fixtures, examples, and the shrinker's fixtures. */
export function shrinkProject(): string {
  const directory = scratchProject();
  cpSync(join(ROOT, "test", "shrink", "fixtures"), join(directory, "test", "shrink", "fixtures"), {
    recursive: true,
  });
  return directory;
}
