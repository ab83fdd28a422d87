/**
 * The membership accuracy check as an `Invariant` of a running cluster. At the end of the
 * run (after the recovery phase, whose length is the bound; the network is assumed healed
 * by then) every up node's `inspect()` must show `members`: member -> `{ status }` with
 * status "alive", "suspect" or "dead". Ground truth comes from the simulator: up nodes are
 * live, crashed ones are crashed, paused ones are judged neither way.
 */
import type { ClusterView, Invariant } from "./invariant.js";
import { checkMembershipAccuracy, type ObservedStatus } from "./membership-accuracy.js";

/**
 * A membership accuracy invariant.
 *
 * @example
 * ```ts
 * const system = defineSystem({ ..., invariants: () => [membershipInvariant()] });
 * ```
 */
export function membershipInvariant(): Invariant {
  return {
    name: "membership-accuracy",
    kind: "liveness",
    atEnd(view) {
      const live = view.nodeIds.filter((node) => view.status(node) === "up");
      const crashed = view.nodeIds.filter((node) => view.status(node) === "crashed");
      const views: Record<string, Record<string, ObservedStatus>> = {};
      for (const node of live) {
        const observed = observedStatuses(view, node);
        if (observed !== undefined) views[node] = observed;
      }
      const result = checkMembershipAccuracy({ views, live, crashed });
      if (result.type === "accurate") return undefined;
      return `membership views are inaccurate after recovery:\n${result.explanation}`;
    },
  };
}

const STATUSES: ReadonlySet<unknown> = new Set(["alive", "suspect", "dead"]);

function observedStatuses(
  view: ClusterView,
  node: string,
): Record<string, ObservedStatus> | undefined {
  const members = view.inspect(node)?.members;
  if (typeof members !== "object" || members === null) return undefined;
  const observed: Record<string, ObservedStatus> = {};
  for (const [member, record] of Object.entries(members as Record<string, unknown>)) {
    const status = (record as { status?: unknown } | null)?.status;
    if (STATUSES.has(status)) observed[member] = status as ObservedStatus;
  }
  return observed;
}
