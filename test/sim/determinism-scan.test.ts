/**
 * Determinism is enforced by a tool, not by review: simulated code must not read the wall
 * clock, use real timers or unseeded randomness. The determinism guard catches such calls
 * at run time; this scan catches them in the source, before any run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const SIMULATED = ["src/sim", "src/systems", "src/workload", "src/nemesis", "src/checkers"];
/** The guard names the calls it replaces; that is its job. */
const ALLOWED_FILES = new Set(["src/sim/determinism-guard.ts", "src/sim/guarded-calls.ts"]);
const BANNED =
  /Math\.random|Date\.now|new Date\(|performance\.now|setTimeout|setInterval|setImmediate|process\.nextTick|process\.hrtime|crypto\./;
const COMMENT = /^\s*(\/\/|\*|\/\*)/;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) files.push(path);
  }
  return files;
}

/** Lines of simulated code that make a banned call, as `file:line: text`. */
function bannedCalls(root: string): string[] {
  const found: string[] = [];
  for (const dir of SIMULATED) {
    if (!existsSync(join(root, dir))) continue;
    for (const file of sourceFiles(join(root, dir))) {
      const name = relative(root, file);
      if (ALLOWED_FILES.has(name)) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          if (BANNED.test(line) && !COMMENT.test(line))
            found.push(`${name}:${index + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}

describe("determinism scan", () => {
  it("finds no wall clock, real timer or unseeded randomness in simulated code", () => {
    expect(bannedCalls(ROOT)).toEqual([]);
  });

  it("scans the kernel itself", () => {
    expect(sourceFiles(join(ROOT, "src/sim")).length).toBeGreaterThan(10);
    expect(BANNED.test("const t = Date.now();")).toBe(true);
    expect(BANNED.test("queueMicrotask(f)")).toBe(false);
    expect(COMMENT.test("  // setTimeout is banned here")).toBe(true);
  });
});
