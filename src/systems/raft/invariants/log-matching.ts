/**
 * Log matching (Figure 3): if two logs hold an entry with the same index and term, they are
 * identical in every entry up to that index. Every entry's chain hash covers its whole
 * prefix, so the property reads: one (index, term) pair, one chain hash, across all nodes
 * and all time. Checked on every `log` fact.
 */
import type { NodeId } from "../../../sim/index.js";
import type { Invariant } from "../../definition.js";
import { isRaftFact, type LogFact } from "../facts.js";
import { UNKNOWN } from "./tracked-logs.js";

interface SeenEntry {
  readonly term: number;
  readonly hash: number;
  readonly node: NodeId;
}

/** Builds a fresh log-matching invariant for one run. */
export function logMatching(): Invariant {
  const seen = new Map<number, SeenEntry[]>();
  const check = (node: NodeId, fact: LogFact): string | undefined => {
    for (let i = 0; i < fact.terms.length; i++) {
      const index = fact.index + i;
      const term = fact.terms[i]!;
      const hash = fact.hashes[i]!;
      if (hash === UNKNOWN) continue;
      let entries = seen.get(index);
      if (entries === undefined) {
        entries = [];
        seen.set(index, entries);
      }
      const same = entries.find((entry) => entry.term === term);
      if (same === undefined) entries.push({ term, hash, node });
      else if (same.hash !== hash) {
        return `${same.node} and ${node} both hold entry ${index} of term ${term}, but their logs differ at or before it`;
      }
    }
    return undefined;
  };
  return {
    name: "raft-log-matching",
    kind: "safety",
    onReport(node, fact) {
      if (!isRaftFact(fact) || fact.type !== "log") return undefined;
      return check(node, fact);
    },
  };
}
