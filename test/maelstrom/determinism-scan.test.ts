/**
 * The Maelstrom protocol, services, workloads and in-simulation adapter run inside the
 * deterministic kernel (src/process, the real-process mode, is the one place for real
 * time): a scan of their source for the wall clock, real timers and unseeded randomness.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const BANNED =
  /Math\.random|Date\.now|new Date\(|performance\.now|setTimeout|setInterval|setImmediate|process\.nextTick|process\.hrtime|crypto\./;
const COMMENT = /^\s*(\/\/|\*|\/\*)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

describe("determinism scan of src/maelstrom", () => {
  it("finds no wall clock, real timer or unseeded randomness", () => {
    const files = sourceFiles(join(ROOT, "src/maelstrom"));
    expect(files.length).toBeGreaterThan(15);
    const found = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) =>
          BANNED.test(line) && !COMMENT.test(line) ? [`${relative(ROOT, file)}:${index + 1}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });
});
