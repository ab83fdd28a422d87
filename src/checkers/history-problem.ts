/**
 * Bad input, described: a malformed history names the file, the line, what was expected
 * and what was found. Parsers return it as a value; `HistoryError` carries it when an API
 * that cannot return it (such as `checkLinearizability`) must throw.
 */

/** What is wrong with a history and where. */
export interface HistoryProblem {
  /** The file, when the history was read from one. */
  readonly file?: string;
  /** The 1-based line, when known. */
  readonly line?: number;
  /** The 0-based event index, for histories built in memory. */
  readonly eventIndex?: number;
  /** What was expected there. */
  readonly expected: string;
  /** What was found instead. */
  readonly found: string;
}

/** Where a problem is, as `file:line`, `file`, `event #N` or `history`. */
function problemLocation(problem: HistoryProblem): string {
  if (problem.file !== undefined && problem.line !== undefined) {
    return `${problem.file}:${problem.line}`;
  }
  if (problem.file !== undefined) return problem.file;
  if (problem.line !== undefined) return `line ${problem.line}`;
  if (problem.eventIndex !== undefined) return `event #${problem.eventIndex}`;
  return "history";
}

/** One line: `file:line: expected X, found Y`. */
export function formatHistoryProblem(problem: HistoryProblem): string {
  return `${problemLocation(problem)}: expected ${problem.expected}, found ${problem.found}`;
}

/** Thrown by APIs that take a history and find it malformed. */
export class HistoryError extends Error {
  override readonly name = "HistoryError";
  /** The structured description of what is wrong. */
  readonly problem: HistoryProblem;

  constructor(problem: HistoryProblem) {
    super(formatHistoryProblem(problem));
    this.problem = problem;
  }
}

/** A parse or validation outcome: the thing, or the problem that stopped it. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: HistoryProblem };
