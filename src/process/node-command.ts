/**
 * The command that starts one node, from `--bin`: a path, or a command line with arguments
 * (`"python3 raft.py --fast"`), plus any extra arguments given after the flags, as
 * Maelstrom passes them. The words are split as a shell would split simple quoting, but no
 * shell runs: the program is started directly, so nothing is expanded or redirected.
 *
 * The program is checked once, before any node starts, so a typo in `--bin` is a usage
 * error naming the flag rather than five nodes that die at start.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";

/** The program and arguments that start one node. */
export interface NodeCommand {
  /** The program as it will be started: an absolute path. */
  readonly program: string;
  /** Arguments after the program. */
  readonly args: readonly string[];
  /** The command line as the user gave it, for messages. */
  readonly text: string;
}

/** Why a `--bin` could not be used. */
export type NodeCommandProblem = { readonly ok: false; readonly message: string };

/**
 * Splits a command line into words: whitespace separates words; single quotes keep text
 * as is; double quotes keep text but allow `\"` and `\\`; a backslash outside quotes keeps
 * the next character. Returns `undefined` when a quote is never closed.
 */
export function splitCommandLine(text: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === "'" || char === '"') {
      const end = closingQuote(text, index, char);
      if (end < 0) return undefined;
      word += unquote(text.slice(index + 1, end), char);
      inWord = true;
      index = end;
    } else if (char === "\\" && index + 1 < text.length) {
      word += text[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function closingQuote(text: string, start: number, quote: string): number {
  for (let index = start + 1; index < text.length; index++) {
    if (quote === '"' && text[index] === "\\") index++;
    else if (text[index] === quote) return index;
  }
  return -1;
}

function unquote(inner: string, quote: string): string {
  return quote === '"' ? inner.replace(/\\(["\\])/g, "$1") : inner;
}

/** Finds `name` on `PATH` as a shell would; `undefined` when no executable file is there. */
function searchPath(name: string, pathVariable: string): string | undefined {
  for (const directory of pathVariable.split(delimiter)) {
    if (directory === "") continue;
    const candidate = join(directory, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with `path` as a program, or `undefined` when it can be run. */
function programProblem(path: string, given: string): string | undefined {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return `--bin: "${given}" does not exist (looked for ${path})`;
  }
  if (!isFile) return `--bin: "${given}" is not a file (${path})`;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return `--bin: "${given}" is not executable (${path}); run \`chmod +x ${given}\` or name its interpreter, e.g. --bin "python3 ${given}"`;
  }
  return undefined;
}

/**
 * Resolves `--bin` (and extra arguments) into a command, checking that the program exists
 * and is executable. A word with a `/`, or a file of that name in `cwd`, is a path relative
 * to `cwd` (as Maelstrom treats `--bin`); any other bare word is looked up on `PATH`.
 */
export function resolveNodeCommand(
  bin: string,
  extraArgs: readonly string[],
  cwd: string,
  pathVariable: string = process.env.PATH ?? "",
): ({ readonly ok: true } & NodeCommand) | NodeCommandProblem {
  const words = splitCommandLine(bin);
  if (words === undefined) return { ok: false, message: `--bin: unclosed quote in "${bin}"` };
  const [first, ...args] = words;
  if (first === undefined) return { ok: false, message: "--bin is empty: expected a program" };
  const text = [bin, ...extraArgs].join(" ");
  if (first.includes("/") || existsSync(resolve(cwd, first))) {
    const program = isAbsolute(first) ? first : resolve(cwd, first);
    const problem = programProblem(program, first);
    if (problem !== undefined) return { ok: false, message: problem };
    return { ok: true, program, args: [...args, ...extraArgs], text };
  }
  const found = searchPath(first, pathVariable);
  if (found === undefined) {
    return {
      ok: false,
      message: `--bin: "${first}" is not a file here and no executable "${first}" is on PATH; give a path such as ./${first}`,
    };
  }
  return { ok: true, program: found, args: [...args, ...extraArgs], text };
}
