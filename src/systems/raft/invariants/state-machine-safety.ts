/**
 * State machine safety (Figure 3): no two servers apply different commands at the same log
 * index. Checked on every `apply` fact against the first command applied at that index.
 */
import type { NodeId } from "../../../sim/index.js";
import type { Invariant } from "../../definition.js";
import { isRaftFact } from "../facts.js";

interface Applied {
  readonly term: number;
  readonly digest: number;
  readonly node: NodeId;
}

/** Builds a fresh state-machine-safety invariant for one run. */
export function stateMachineSafety(): Invariant {
  const applied = new Map<number, Applied>();
  return {
    name: "raft-state-machine-safety",
    kind: "safety",
    onReport(node, fact) {
      if (!isRaftFact(fact) || fact.type !== "apply") return undefined;
      const first = applied.get(fact.index);
      if (first === undefined) {
        applied.set(fact.index, { term: fact.term, digest: fact.digest, node });
        return undefined;
      }
      if (first.digest === fact.digest) return undefined;
      return `${first.node} applied the entry of term ${first.term} at index ${fact.index}, but ${node} applied a different command there (term ${fact.term})`;
    },
  };
}
