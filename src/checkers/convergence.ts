/**
 * The convergence check for eventually consistent sets: once faults have stopped and the
 * system has had its recovery time, every live replica must hold the same set, and that
 * set must contain every value whose `add` was acknowledged. It is a pure function of plain
 * data (each live replica's final set, the acknowledged values), so it judges a run in the
 * simulator, a recorded history from elsewhere, or a hand-made example alike. The bound
 * ("within a bound") is the caller's: take the final sets when the recovery time is up.
 */

/** What the check looks at. */
export interface ConvergenceInput {
  /** The final set held by each live replica, by replica name (order of values is free). */
  readonly finalSets: Readonly<Record<string, readonly number[]>>;
  /**
   * Values whose `add` was acknowledged to a client and must survive. (A caller may leave
   * out values acknowledged only by a replica that is gone for good, when the system
   * acknowledges after a write to one replica.)
   */
  readonly acknowledged: readonly number[];
}

/** One way the replicas failed to converge. */
export type ConvergenceProblem =
  /** Acknowledged values that no live replica holds: lost writes. */
  | { readonly kind: "lost"; readonly values: readonly number[] }
  /** A replica lacks values that other live replicas hold. */
  | {
      readonly kind: "lagging";
      readonly replica: string;
      /** Values other replicas hold and this one lacks (sorted). */
      readonly missing: readonly number[];
      /** How many of `missing` were acknowledged. */
      readonly missingAcknowledged: number;
      /** Replicas that do hold the first missing value. */
      readonly heldBy: readonly string[];
    }
  /** Values were acknowledged, but no replica is live to hold them. */
  | { readonly kind: "no-live-replicas"; readonly acknowledged: number };

/** The verdict. */
export type ConvergenceResult =
  | {
      readonly type: "converged";
      /** The live replicas judged. */
      readonly replicas: readonly string[];
      /** Size of the common set. */
      readonly size: number;
    }
  | {
      readonly type: "diverged";
      readonly problems: readonly ConvergenceProblem[];
      /** A readable account of every problem, one per line. */
      readonly explanation: string;
    };

/** How many values an explanation lists before it says "and N more". */
const LISTED_VALUES = 8;

/**
 * Judges whether the live replicas converged on a set holding every acknowledged value.
 *
 * @example
 * ```ts
 * const result = checkConvergence({
 *   finalSets: { n1: [1, 2, 3], n2: [1, 2] },
 *   acknowledged: [1, 2, 3],
 * });
 * // result.type === "diverged"; result.explanation:
 * // "n2 lacks 1 value held by others (1 acknowledged): 3 (3 is held by n1)"
 * ```
 */
export function checkConvergence(input: ConvergenceInput): ConvergenceResult {
  const replicas = Object.keys(input.finalSets).sort();
  const acknowledged = sortedUnique(input.acknowledged);
  if (replicas.length === 0) {
    if (acknowledged.length === 0) return { type: "converged", replicas, size: 0 };
    return diverged([{ kind: "no-live-replicas", acknowledged: acknowledged.length }]);
  }
  const sets = new Map(replicas.map((name) => [name, new Set(input.finalSets[name])]));
  const union = new Set<number>();
  for (const set of sets.values()) for (const value of set) union.add(value);
  const problems: ConvergenceProblem[] = [];
  const lost = acknowledged.filter((value) => !union.has(value));
  if (lost.length > 0) problems.push({ kind: "lost", values: lost });
  const acknowledgedSet = new Set(acknowledged);
  for (const replica of replicas) {
    const lagging = laggingProblem(replica, sets, union, acknowledgedSet);
    if (lagging !== undefined) problems.push(lagging);
  }
  if (problems.length > 0) return diverged(problems);
  return { type: "converged", replicas, size: union.size };
}

function laggingProblem(
  replica: string,
  sets: ReadonlyMap<string, ReadonlySet<number>>,
  union: ReadonlySet<number>,
  acknowledged: ReadonlySet<number>,
): ConvergenceProblem | undefined {
  const own = sets.get(replica)!;
  const missing = sortedUnique([...union].filter((value) => !own.has(value)));
  if (missing.length === 0) return undefined;
  const first = missing[0]!;
  const heldBy = [...sets].filter(([, set]) => set.has(first)).map(([name]) => name);
  const missingAcknowledged = missing.filter((value) => acknowledged.has(value)).length;
  return { kind: "lagging", replica, missing, missingAcknowledged, heldBy };
}

function diverged(problems: readonly ConvergenceProblem[]): ConvergenceResult {
  return { type: "diverged", problems, explanation: problems.map(describeProblem).join("\n") };
}

/** One line describing a problem. */
export function describeProblem(problem: ConvergenceProblem): string {
  switch (problem.kind) {
    case "lost":
      return `${count(problem.values.length, "acknowledged value")} held by no live replica (lost): ${list(problem.values)}`;
    case "lagging":
      return (
        `${problem.replica} lacks ${count(problem.missing.length, "value")} held by others ` +
        `(${problem.missingAcknowledged} acknowledged): ${list(problem.missing)} ` +
        `(${problem.missing[0]} is held by ${problem.heldBy.join(", ")})`
      );
    case "no-live-replicas":
      return `${count(problem.acknowledged, "value")} acknowledged, but no replica is live to hold them`;
  }
}

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function list(values: readonly number[]): string {
  const shown = values.slice(0, LISTED_VALUES).join(", ");
  const more = values.length - LISTED_VALUES;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
