/**
 * The layers of DESIGN.md, enforced: imports point down, never up. The kernel (src/sim)
 * imports nothing above it, and the checkers, which must also judge histories recorded
 * elsewhere, import nothing from the reference systems, workloads, nemeses or scenarios.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Imports of files under `layer` that reach into any of `above`, as `file: specifier`. */
function upwardImports(layer: string, above: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(ROOT, layer))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/from\s+"(\.[^"]+)"/g)) {
      const target = relative(ROOT, join(file, "..", match[1]!));
      if (above.some((folder) => target.startsWith(`${folder}/`)))
        found.push(`${relative(ROOT, file)}: ${match[1]}`);
    }
  }
  return found;
}

describe("layers", () => {
  it("keeps the kernel free of the layers above it", () => {
    const above = [
      "src/systems",
      "src/workload",
      "src/nemesis",
      "src/checkers",
      "src/scenario",
      "src/cli",
    ];
    expect(upwardImports("src/sim", above)).toEqual([]);
  });

  it("keeps the checkers free of systems, workloads, nemeses and scenarios", () => {
    const above = ["src/systems", "src/workload", "src/nemesis", "src/scenario", "src/cli"];
    expect(upwardImports("src/checkers", above)).toEqual([]);
  });

  it("sees an upward import when there is one", () => {
    expect(upwardImports("src/scenario", ["src/sim"]).length).toBeGreaterThan(0);
  });
});
