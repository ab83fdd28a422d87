/**
 * The README's sample outputs stay true: every output block that starts with a `$ command`
 * line is run (`npx faultline` is this repository's CLI, run in a scratch copy of the
 * scenarios and examples), and its output must have the sample's shape: each line of the
 * sample, with numbers and `(...)` left free (but trace hashes exact), matches a line of the output, in
 * order. A block marked `<!-- not-run -->` (a slow one) is skipped.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scenario/helpers.js";
import { codeBlocks, linePattern, unmatchedLines } from "./markdown-blocks.js";

const run = promisify(execFile);

const samples = codeBlocks(ROOT, "README.md").filter(
  (block) => block.language === "" && block.text.startsWith("$ "),
);

/** Each distinct command runs once; samples that show the same command share its output. */
const outputs = new Map<string, Promise<string>>();

async function outputOf(command: string): Promise<string> {
  const words = command.split(/\s+/);
  const argv =
    words[0] === "npx" && words[1] === "faultline"
      ? [join(ROOT, "bin", "faultline.js"), ...words.slice(2)]
      : words[0] === "node"
        ? words.slice(1)
        : undefined;
  if (argv === undefined) throw new Error(`cannot run "${command}"`);
  // faultline commands write under .faultline/ of their directory: a scratch copy of the
  // scenarios. Examples import "faultline" by the package's own name: the repository.
  const cwd = words[0] === "node" ? ROOT : mkdtempSync(join(tmpdir(), "faultline-readme-"));
  if (cwd !== ROOT) {
    for (const folder of ["scenarios", "examples"])
      cpSync(join(ROOT, folder), join(cwd, folder), { recursive: true });
  }
  const result = await run(process.execPath, argv, { cwd, timeout: 170_000 }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  return `${result.stderr}\n${result.stdout}`;
}

describe("README sample outputs", () => {
  it("has samples to check", () => {
    expect(samples.filter((sample) => !sample.notRun).length).toBeGreaterThanOrEqual(3);
  });

  it("reads the shape of a line loosely but not its words or trace hashes", () => {
    const sample = linePattern("trace hash 6612322c55f39cf9, 16844 events");
    expect(sample.test("trace hash 6612322c55f39cf9, 120 events")).toBe(true);
    expect(sample.test("trace hash 7e11ab0655f39cf9, 16844 events")).toBe(false);
    expect(
      linePattern("x: 1 seed run, 0 passed (...)").test("x: 2 seeds run, 0 passed (1 s)"),
    ).toBe(false);
    expect(unmatchedLines(["a 1", "...", "c 3"], "a 5\nb\nc 7\n")).toEqual([]);
    expect(unmatchedLines(["c 3", "a 1"], "a 5\nc 7\n")).toEqual(["a 1"]);
  });

  for (const sample of samples) {
    const [commandLine, ...expected] = sample.text.split("\n");
    const command = commandLine!.slice(2);
    it.skipIf(sample.notRun)(
      `README.md:${sample.line} ${command}`,
      { timeout: 180_000 },
      async () => {
        if (!outputs.has(command)) outputs.set(command, outputOf(command));
        const output = await outputs.get(command)!;
        expect(unmatchedLines(expected, output), output).toEqual([]);
      },
    );
  }
});
