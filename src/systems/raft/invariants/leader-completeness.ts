/**
 * Leader completeness (Figure 3): an entry committed in a term is present in the logs of
 * the leaders of every later term. When a node wins term T, its log (followed through `log`
 * facts) must hold the highest entry committed by a leader of a term below T; by log
 * matching that entry's chain hash vouches for every committed entry before it.
 */
import type { NodeId } from "../../../sim/index.js";
import type { Invariant } from "../../definition.js";
import { type CommitFact, isRaftFact } from "../facts.js";
import { TrackedLogs } from "./tracked-logs.js";

interface Committed {
  readonly index: number;
  readonly entryTerm: number;
  readonly hash: number;
  readonly committedIn: number;
  readonly node: NodeId;
}

/** The highest entry committed by a leader of a term below `term`, if any. */
function highestCommittedBefore(
  commits: ReadonlyMap<number, Committed>,
  term: number,
): Committed | undefined {
  let best: Committed | undefined;
  for (const [committedIn, committed] of commits) {
    if (committedIn < term && (best === undefined || committed.index > best.index))
      best = committed;
  }
  return best;
}

/** Builds a fresh leader-completeness invariant for one run. */
export function leaderCompleteness(): Invariant {
  const logs = new TrackedLogs();
  /** Per leader term, the highest entry its leader committed. */
  const commits = new Map<number, Committed>();
  const recordCommit = (node: NodeId, fact: CommitFact) => {
    const known = commits.get(fact.term);
    if (known !== undefined && known.index >= fact.index) return;
    const { index, entryTerm, hash } = fact;
    commits.set(fact.term, { index, entryTerm, hash, committedIn: fact.term, node });
  };
  const checkLeader = (node: NodeId, term: number): string | undefined => {
    const committed = highestCommittedBefore(commits, term);
    if (committed === undefined || logs.hashAt(node, committed.index) === committed.hash) {
      return undefined;
    }
    const has = logs.termAt(node, committed.index);
    const holds =
      has === undefined ? "its log is shorter" : `it holds an entry of term ${has} there`;
    return `${node} became leader of term ${term} without entry ${committed.index} (term ${committed.entryTerm}), which ${committed.node} committed as leader of term ${committed.committedIn}: ${holds}`;
  };
  return {
    name: "raft-leader-completeness",
    kind: "safety",
    onReport(node, fact) {
      if (!isRaftFact(fact)) return undefined;
      if (fact.type === "log") logs.observe(node, fact);
      else if (fact.type === "recover") logs.recover(node, fact);
      else if (fact.type === "commit") recordCommit(node, fact);
      else if (fact.type === "leader") return checkLeader(node, fact.term);
      return undefined;
    },
  };
}
