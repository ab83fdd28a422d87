import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const CHECKERS = join(ROOT, "src", "checkers");

/** Clocks, randomness, timers and I/O: what checker code must not touch, so verdicts replay. */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDate\b/, "Date"],
  [/\bperformance\b/, "performance"],
  [/Math\.random/, "Math.random"],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, "timers"],
  [/process\.(nextTick|hrtime|env|stdout|stderr)/, "process"],
  [/\bcrypto\b/, "crypto"],
  [/from\s+"node:/, "Node built-in modules (I/O)"],
  [/\bimport\(/, "dynamic import"],
  [/\bfetch\(/, "fetch"],
];

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The code without comments and string contents, so prose may name what code may not use. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/`(?:[^`\\]|\\.)*`/g, "``");
}

describe("src/checkers determinism", () => {
  const files = sources(CHECKERS);

  it("has sources to scan", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("reads no clock, randomness, timers or I/O", () => {
    const offences = files.flatMap((path) => {
      const code = codeOnly(readFileSync(path, "utf8"));
      return FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(
        ([, what]) => `${relative(ROOT, path)}: ${what}`,
      );
    });
    expect(offences).toEqual([]);
  });

  it("catches an offence when one is present", () => {
    const sample = codeOnly(
      'const t = performance.now(); // Date is fine in a comment\nconst s = "Math.random";',
    );
    expect(FORBIDDEN.filter(([pattern]) => pattern.test(sample)).map(([, what]) => what)).toEqual([
      "performance",
    ]);
  });
});
