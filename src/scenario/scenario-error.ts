/**
 * The error for a scenario that cannot be used: a file that does not parse, a value that
 * does not validate, a system that cannot be found. It names the file, the line and column
 * (or the field path), what was expected and what was found. The CLI prints it and exits 2.
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

/** A scenario that cannot be used. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly location: ScenarioLocation;
  readonly problem: string;

  constructor(location: ScenarioLocation, problem: string) {
    const where = [location.file, location.line, location.column]
      .filter((part) => part !== undefined)
      .join(":");
    const field = location.path === undefined || location.path === "" ? "" : ` (${location.path})`;
    super(`${where}${field}: ${problem}`);
    this.location = location;
    this.problem = problem;
  }
}
