/**
 * The shape of a benchmark suite. A suite measures one speed goal and reports it both as a
 * JSON object (a contract: field names are fixed by the issue that set the goal) and as
 * readable rows for `npm run bench`.
 */

/** What a suite measured. */
export interface BenchReport {
  /** The JSON object printed by `faultline bench <suite> --json`; its first field is `suite`. */
  readonly json: { readonly suite: string } & Record<string, unknown>;
  /** Human-readable lines: a label and a formatted value. */
  readonly rows: readonly (readonly [label: string, value: string])[];
}

/** Progress notes a suite may print while it runs (to stderr). */
export type BenchProgress = (message: string) => void;

/** One benchmark suite. */
export interface BenchSuite {
  /** The name given on the command line: `faultline bench <name>`. */
  readonly name: string;
  /** One line saying what is measured and what the goal is. */
  readonly summary: string;
  /** Runs the measurement. */
  run(progress: BenchProgress): Promise<BenchReport>;
}

/** Formats a number with thousands separators and a fixed number of decimals. */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
