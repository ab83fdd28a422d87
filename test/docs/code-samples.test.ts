/**
 * Every ```ts and ```js sample in README.md and docs/*.md runs, as a user would run it: as
 * a self-contained ES module that imports "faultline" (the built package, through the
 * package's own name, so the sample is written from inside the repository, as a file of
 * it). TypeScript samples have their types stripped first. A sample marked
 * `<!-- not-run -->` on the line before its fence is skipped.
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { transformWithOxc } from "vite";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../scenario/helpers.js";
import { codeBlocks, markdownFiles } from "./markdown-blocks.js";

const run = promisify(execFile);
const SAMPLES_DIRECTORY = join(ROOT, ".doc-samples");
const LANGUAGES: Record<string, "ts" | "js"> = {
  ts: "ts",
  typescript: "ts",
  js: "js",
  javascript: "js",
};

const samples = markdownFiles(ROOT)
  .flatMap((file) => codeBlocks(ROOT, file))
  .filter((block) => LANGUAGES[block.language] !== undefined);

afterAll(() => rmSync(SAMPLES_DIRECTORY, { recursive: true, force: true }));

describe("code samples in the docs", () => {
  it("finds the samples", () => {
    expect(samples.filter((sample) => !sample.notRun).length).toBeGreaterThanOrEqual(4);
  });

  for (const sample of samples) {
    const name = `${sample.file}:${sample.line} (${sample.language})`;
    it.skipIf(sample.notRun)(`${name} runs`, { timeout: 120_000 }, async () => {
      const language = LANGUAGES[sample.language]!;
      const code =
        language === "ts"
          ? (await transformWithOxc(sample.text, "sample.ts", { lang: "ts" })).code
          : sample.text;
      mkdirSync(SAMPLES_DIRECTORY, { recursive: true });
      const path = join(SAMPLES_DIRECTORY, `${sample.file.replace(/\W/g, "-")}-${sample.line}.mjs`);
      writeFileSync(path, code);
      const outcome = await run(process.execPath, [path], { cwd: ROOT, timeout: 100_000 }).then(
        () => ({ ok: true, stderr: "" }),
        (error: { stderr?: string; message: string }) => ({
          ok: false,
          stderr: error.stderr || error.message,
        }),
      );
      expect(outcome.stderr, `${name} failed:\n${outcome.stderr}`).toBe("");
      expect(outcome.ok).toBe(true);
    });
  }
});
