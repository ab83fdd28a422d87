import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Path of a fixture scenario. */
export function fixtureScenario(name: string): string {
  return join(ROOT, "test", "fixtures", "scenarios", `${name}.yaml`);
}

/** A fresh working directory holding a copy of the fixtures and examples (as a user's project). */
export function scratchProject(): string {
  const directory = mkdtempSync(join(tmpdir(), "faultline-test-"));
  cpSync(
    join(ROOT, "test", "fixtures", "scenarios"),
    join(directory, "test", "fixtures", "scenarios"),
    { recursive: true },
  );
  cpSync(join(ROOT, "examples"), join(directory, "examples"), { recursive: true });
  return directory;
}

/** Runs the faultline command in process; returns its exit code and output. */
export async function faultline(args: string[], cwd: string) {
  const io = memoryIo({ cwd });
  const code = await main(args, io);
  return {
    code,
    stdout: io.out(),
    stderr: io.err(),
    json: () => JSON.parse(io.out().trim().split("\n").at(-1)!),
  };
}
