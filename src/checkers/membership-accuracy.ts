/**
 * The membership accuracy check for failure detectors (SWIM and its kin): once faults
 * have stopped and the system has had its recovery time, no live, connected node may be
 * considered dead by another, and every crashed node must be considered dead by every live
 * one. A pure function of plain data (each live node's view, and the ground truth of who is
 * up and who is crashed), so it judges the simulator, logs from elsewhere, or a hand-made
 * example alike. "Suspect" counts as not dead for a live member, and as not yet detected for
 * a crashed one.
 */

/** How one node sees another. */
export type ObservedStatus = "alive" | "suspect" | "dead";

/** What the check looks at. */
export interface MembershipInput {
  /** Each live node's view of the others: observer -> member -> status. */
  readonly views: Readonly<Record<string, Readonly<Record<string, ObservedStatus>>>>;
  /** Nodes that are up and connected to one another at the end (ground truth). */
  readonly live: readonly string[];
  /** Nodes that are crashed at the end (ground truth). */
  readonly crashed: readonly string[];
}

/** One inaccuracy. */
export type MembershipProblem =
  /** A live node considers another live, connected node dead. */
  | { readonly kind: "false-death"; readonly observer: string; readonly member: string }
  /** A live node has not detected a crashed node (it still sees it alive or suspect). */
  | {
      readonly kind: "undetected-crash";
      readonly observer: string;
      readonly member: string;
      readonly seenAs: "alive" | "suspect";
    }
  /** A live node's view does not mention a node at all. */
  | { readonly kind: "unknown-member"; readonly observer: string; readonly member: string }
  /** A live node has no view to judge. */
  | { readonly kind: "missing-view"; readonly observer: string };

/** The verdict. */
export type MembershipResult =
  | {
      readonly type: "accurate";
      readonly live: readonly string[];
      readonly crashed: readonly string[];
    }
  | {
      readonly type: "inaccurate";
      readonly problems: readonly MembershipProblem[];
      /** A readable account, one line per problem. */
      readonly explanation: string;
    };

/**
 * Judges a cluster's membership views against the ground truth.
 *
 * @example
 * ```ts
 * checkMembershipAccuracy({
 *   views: { n1: { n2: "dead", n3: "dead" }, n2: { n1: "alive", n3: "dead" } },
 *   live: ["n1", "n2"],
 *   crashed: ["n3"],
 * });
 * // inaccurate: "n1 considers n2 dead, but n2 is up and connected"
 * ```
 */
export function checkMembershipAccuracy(input: MembershipInput): MembershipResult {
  const problems: MembershipProblem[] = [];
  for (const observer of input.live) {
    const view = input.views[observer];
    if (view === undefined) {
      problems.push({ kind: "missing-view", observer });
      continue;
    }
    for (const problem of judgeView(observer, view, input)) problems.push(problem);
  }
  if (problems.length === 0) return { type: "accurate", live: input.live, crashed: input.crashed };
  return {
    type: "inaccurate",
    problems,
    explanation: problems.map(describeMembershipProblem).join("\n"),
  };
}

function judgeView(
  observer: string,
  view: Readonly<Record<string, ObservedStatus>>,
  input: MembershipInput,
): MembershipProblem[] {
  const problems: MembershipProblem[] = [];
  for (const member of input.live) {
    if (member === observer) continue;
    const status = view[member];
    if (status === undefined) problems.push({ kind: "unknown-member", observer, member });
    else if (status === "dead") problems.push({ kind: "false-death", observer, member });
  }
  for (const member of input.crashed) {
    const status = view[member];
    if (status === undefined) problems.push({ kind: "unknown-member", observer, member });
    else if (status !== "dead")
      problems.push({ kind: "undetected-crash", observer, member, seenAs: status });
  }
  return problems;
}

/** One line describing a problem. */
export function describeMembershipProblem(problem: MembershipProblem): string {
  switch (problem.kind) {
    case "false-death":
      return `${problem.observer} considers ${problem.member} dead, but ${problem.member} is up and connected`;
    case "undetected-crash":
      return `${problem.observer} still sees ${problem.member} as ${problem.seenAs}, but ${problem.member} crashed`;
    case "unknown-member":
      return `${problem.observer}'s view does not mention ${problem.member}`;
    case "missing-view":
      return `${problem.observer} is live but reported no membership view`;
  }
}
