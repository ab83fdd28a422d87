/**
 * Mutants of valid input files, for the input fuzzer: small seeded edits of the kind a
 * person makes or a file suffers (a line lost, doubled or moved, a number or word changed,
 * a stray YAML or EDN character, a value replaced by an edge case, the file cut short).
 * The same seed always gives the same mutants, so a failure names its seed and replays.
 */
import seedrandom from "seedrandom";

/** A source of numbers in [0, 1). */
type Random = () => number;

/** Edge values a mutation may put where a value was. */
const EDGE_VALUES: readonly string[] = [
  "0",
  "-1",
  "1e308",
  "99999999999999999999",
  "0.5",
  "null",
  "~",
  '""',
  "[]",
  "{}",
  "0s",
  "-5ms",
  "9999999s",
  "1ms..0ms",
  "nil",
  ":nil",
  "true",
  "NaN",
];

/** Fragments that are special somewhere in YAML, JSON, EDN or Jepsen's log lines. */
const SNIPPETS: readonly string[] = [
  "*anchor",
  "&anchor ",
  "<<: *anchor",
  ": ",
  "- ",
  "{",
  "}",
  "[",
  "]",
  '"',
  "'",
  "\t",
  "#",
  "!!binary ",
  ":invoke",
  ":ok",
  "#{",
  "\\",
  ",",
  "\u0000",
  "\n",
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function lineEdit(lines: string[], random: Random): string[] {
  if (lines.length === 0) return lines;
  const at = Math.floor(random() * lines.length);
  const other = Math.floor(random() * lines.length);
  const copy = [...lines];
  switch (Math.floor(random() * 3)) {
    case 0:
      copy.splice(at, 1);
      break;
    case 1:
      copy.splice(at, 0, lines[at]!);
      break;
    default:
      [copy[at], copy[other]] = [copy[other]!, copy[at]!];
  }
  return copy;
}

/** Replaces one token matched by `pattern` (chosen at random) by `replace(token)`. */
function replaceToken(
  text: string,
  pattern: RegExp,
  random: Random,
  replace: (token: string) => string,
): string {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const match = pick(random, matches);
  const start = match.index ?? 0;
  return text.slice(0, start) + replace(match[0]) + text.slice(start + match[0].length);
}

function typo(word: string, random: Random): string {
  const at = Math.floor(random() * word.length);
  switch (Math.floor(random() * 3)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return `${word.slice(0, at)}${pick(random, ["x", "e", "_", "-"])}${word.slice(at)}`;
    default:
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
        : word;
  }
}

/** One mutation of `text`. */
function mutateOnce(text: string, random: Random): string {
  switch (Math.floor(random() * 7)) {
    case 0:
      return lineEdit(text.split("\n"), random).join("\n");
    case 1:
      return replaceToken(text, /-?\d+(\.\d+)?/g, random, () => pick(random, EDGE_VALUES));
    case 2:
      return replaceToken(text, /[A-Za-z][A-Za-z-]{2,}/g, random, (word) => typo(word, random));
    case 3: {
      const at = Math.floor(random() * (text.length + 1));
      return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
    }
    case 4:
      return replaceToken(text, /(?<=:\s)[^\s,}]+/g, random, () => pick(random, EDGE_VALUES));
    case 5:
      return text.slice(0, Math.floor(random() * text.length));
    default:
      return random() < 0.1 ? "" : lineEdit(text.split("\n"), random).join("\n");
  }
}

/**
 * The `index`-th mutant of `text` for `seed`: one to three mutations.
 *
 * @example
 * ```ts
 * const mutant = inputMutant("nodes: 3\nduration: 2s\n", 7, 0);
 * ```
 */
export function inputMutant(text: string, seed: number, index: number): string {
  const random = seedrandom(`faultline-fuzz:${seed}:${index}`);
  let mutant = text;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) mutant = mutateOnce(mutant, random);
  return mutant;
}
