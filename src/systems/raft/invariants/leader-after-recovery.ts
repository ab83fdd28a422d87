/**
 * Liveness, judged once at the end of a run (after the recovery phase, when faults have
 * stopped and the cluster is healed): some running node is leader of the highest term any
 * running node knows.
 */
import type { ClusterView, Invariant } from "../../definition.js";

function describeNodes(view: ClusterView): string {
  return view.nodeIds
    .map((node) => {
      const summary = view.inspect(node);
      if (summary === undefined) return `${node}=${view.status(node)}`;
      return `${node}=${String(summary.role)}(term ${String(summary.term)})`;
    })
    .join(", ");
}

/** Builds a fresh leader-after-recovery invariant for one run. */
export function leaderAfterRecovery(): Invariant {
  return {
    name: "raft-leader-after-recovery",
    kind: "liveness",
    atEnd(view) {
      let highestTerm = -1;
      let leaderTerm = -1;
      for (const node of view.nodeIds) {
        const summary = view.inspect(node);
        if (summary === undefined || typeof summary.term !== "number") continue;
        highestTerm = Math.max(highestTerm, summary.term);
        if (summary.role === "leader") leaderTerm = Math.max(leaderTerm, summary.term);
      }
      if (leaderTerm >= 0 && leaderTerm === highestTerm) return undefined;
      return `no leader of the latest term after recovery: ${describeNodes(view)}`;
    },
  };
}
