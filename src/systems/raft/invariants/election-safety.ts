/**
 * Election safety (Figure 3 of the paper): at most one leader is elected in a term. Checked
 * on every `leader` fact, so a second leader is caught the moment it wins.
 */
import type { NodeId } from "../../../sim/index.js";
import type { Invariant } from "../../definition.js";
import { isRaftFact } from "../facts.js";

/** Builds a fresh election-safety invariant for one run. */
export function electionSafety(): Invariant {
  const leaders = new Map<number, NodeId>();
  return {
    name: "raft-election-safety",
    kind: "safety",
    onReport(node, fact) {
      if (!isRaftFact(fact) || fact.type !== "leader") return undefined;
      const earlier = leaders.get(fact.term);
      if (earlier === undefined) {
        leaders.set(fact.term, node);
        return undefined;
      }
      if (earlier === node) return undefined;
      return `two leaders in term ${fact.term}: ${earlier} and ${node}`;
    },
  };
}
