/**
 * Fenced code blocks of the project's Markdown files, for the tests that run them: the
 * language, the text, the line it starts on, and whether it is marked `<!-- not-run -->`
 * (on the line just before the fence) to be skipped.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One fenced code block. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  /** The fence's language tag ("" when none). */
  readonly language: string;
  /** The block's text, without the fences. */
  readonly text: string;
  /** Whether the line before the fence is `<!-- not-run -->` (or `<!-- not-run: why -->`). */
  readonly notRun: boolean;
}

/** Every fenced block of `file` (relative to `root`). */
export function codeBlocks(root: string, file: string): CodeBlock[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\w*)\s*$/.exec(lines[index]!);
    if (open === null) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (end < 0) break;
    blocks.push({
      file,
      line: index + 1,
      language: open[1]!,
      text: lines.slice(index + 1, end).join("\n"),
      notRun: /^<!--\s*not-run\b/.test(lines[index - 1] ?? ""),
    });
    index = end;
  }
  return blocks;
}

/** README.md and every docs/*.md, relative to `root`. */
export function markdownFiles(root: string): string[] {
  let docs: string[] = [];
  try {
    docs = readdirSync(join(root, "docs"))
      .filter((name) => name.endsWith(".md"))
      .sort()
      .map((name) => `docs/${name}`);
  } catch {
    // no docs directory
  }
  return ["README.md", ...docs];
}

/**
 * A sample line as a pattern: numbers free, "..." and "(...)" match anything. A trace hash
 * (16 hex digits) must be the very one: the same seed gives the same hash on any machine,
 * so a stale hash in the docs is a mistake.
 */
export function linePattern(line: string): RegExp {
  const HASH = "\u0001";
  const NUMBER = "\u0002";
  const hashes = line.match(/\b[0-9a-f]{16}\b/g) ?? [];
  const escaped = line
    .trimEnd()
    .replace(/\b[0-9a-f]{16}\b/g, HASH)
    .replace(/\d+(?:\.\d+)?/g, NUMBER)
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\\\(\\\.\\\.\\\.\\\)/g, "\\(.*\\)")
    .replace(/\\\.\\\.\\\./g, ".*")
    .replaceAll(NUMBER, "\\d+(?:\\.\\d+)?")
    .replace(new RegExp(HASH, "g"), () => hashes.shift()!);
  return new RegExp(`^${escaped}$`);
}

/** The sample lines (not "..." alone) that no line of `output` matches in order. */
export function unmatchedLines(sample: readonly string[], output: string): string[] {
  const lines = output.split("\n").map((line) => line.trimEnd());
  const unmatched: string[] = [];
  let at = 0;
  for (const line of sample) {
    if (/^\s*\.\.\.\s*$/.test(line) || line.trim() === "") continue;
    const pattern = linePattern(line);
    const found = lines.findIndex((candidate, index) => index >= at && pattern.test(candidate));
    if (found < 0) unmatched.push(line);
    else at = found + 1;
  }
  return unmatched;
}
