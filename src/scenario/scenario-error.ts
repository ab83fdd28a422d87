/**
 * The error for a scenario that cannot be used: a file that does not parse, values that do
 * not validate, a system that cannot be found. It carries every problem found (not only
 * the first), each naming the file, the line and column (or the field path), what was
 * expected and what was found. The CLI prints it and exits 2.
 */

/** Where in a scenario file a problem is. */
export interface ScenarioLocation {
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** The field path, e.g. `workload.timeout`. */
  readonly path?: string;
}

/** One thing wrong with a scenario, and where. */
export interface ScenarioProblem {
  readonly location: ScenarioLocation;
  /** What was expected and what was found. */
  readonly problem: string;
}

/** `file:line:column (field): problem`. */
export function formatProblem({ location, problem }: ScenarioProblem): string {
  const where = [location.file, location.line, location.column]
    .filter((part) => part !== undefined)
    .join(":");
  const field = location.path === undefined || location.path === "" ? "" : ` (${location.path})`;
  return `${where}${field}: ${problem}`;
}

/** A scenario that cannot be used. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** Where the first problem is. */
  readonly location: ScenarioLocation;
  /** The first problem. */
  readonly problem: string;
  /** Every problem found, in the order of the file. */
  readonly problems: readonly ScenarioProblem[];

  constructor(location: ScenarioLocation, problem: string, more: readonly ScenarioProblem[] = []) {
    const problems = [{ location, problem }, ...more];
    super(
      problems.length === 1
        ? formatProblem(problems[0]!)
        : `${problems.length} problems in ${location.file}:\n${problems.map(formatProblem).join("\n")}`,
    );
    this.location = location;
    this.problem = problem;
    this.problems = problems;
  }

  /** The error for several problems (at least one). */
  static of(problems: readonly ScenarioProblem[]): ScenarioError {
    const [first, ...rest] = problems;
    if (first === undefined) throw new Error("ScenarioError.of needs a problem");
    return new ScenarioError(first.location, first.problem, rest);
  }
}
