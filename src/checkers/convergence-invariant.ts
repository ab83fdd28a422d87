/**
 * The convergence check as an `Invariant` of a running cluster. Nodes report each
 * acknowledged `add` as a fact `{ type: "add-acknowledged", value }`; at the end of the run
 * (after the recovery phase, whose length is the bound) every live node's `inspect()` must
 * show `values`: its set, as an array of integers. Any system that does both, the reference
 * gossip system or a user's, can be judged by it.
 *
 * A value must survive if the node that acknowledged it is not crashed at the end: a
 * gossip node acknowledges once the value is durable on its own disk (as any store with a
 * write quorum of one), so a node that crashed and never came back may take values it had
 * not yet passed on with it. Values that any live node holds must still reach all of them.
 */

import { checkConvergence } from "./convergence.js";
import type { ClusterView, Invariant } from "./invariant.js";

/** The fact a node reports when it acknowledges an `add` to a client. */
export const ADD_ACKNOWLEDGED = "add-acknowledged";

/**
 * A fresh convergence invariant for one run (it keeps the acknowledged values it heard).
 *
 * @example
 * ```ts
 * const system = defineSystem({ ..., invariants: () => [convergenceInvariant()] });
 * ```
 */
export function convergenceInvariant(): Invariant {
  const acknowledged: { readonly node: string; readonly value: number }[] = [];
  return {
    name: "convergence",
    kind: "liveness",
    onReport(node, fact) {
      const value = acknowledgedValue(fact);
      if (value !== undefined) acknowledged.push({ node, value });
      return undefined;
    },
    atEnd(view) {
      const finalSets = liveSets(view);
      if (typeof finalSets === "string") return finalSets;
      const mustSurvive = acknowledged
        .filter((ack) => view.status(ack.node) !== "crashed")
        .map((ack) => ack.value);
      const result = checkConvergence({ finalSets, acknowledged: mustSurvive });
      if (result.type === "converged") return undefined;
      return `live replicas did not converge:\n${result.explanation}`;
    },
  };
}

function acknowledgedValue(fact: unknown): number | undefined {
  if (typeof fact !== "object" || fact === null) return undefined;
  const { type, value } = fact as { type?: unknown; value?: unknown };
  return type === ADD_ACKNOWLEDGED && Number.isSafeInteger(value) ? (value as number) : undefined;
}

/** Each live ("up") node's set, or a message naming the node whose summary lacks one. */
function liveSets(view: ClusterView): Record<string, number[]> | string {
  const sets: Record<string, number[]> = {};
  for (const node of view.nodeIds) {
    if (view.status(node) !== "up") continue;
    const values = view.inspect(node)?.values;
    if (!Array.isArray(values)) return `${node} is up, but its inspect() has no \`values\` array`;
    sets[node] = values as number[];
  }
  return sets;
}
