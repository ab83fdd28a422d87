/**
 * Mutual exclusion as an `Invariant` of a running cluster. The node that guards a resource
 * reports every request it handled as a `resource-access` fact (see `resource-access.ts`);
 * the invariant stamps each with the virtual time and fails the run at the first access
 * that lands inside another holder's critical section. Any system that reports the facts,
 * the reference coordination service's storage node or a user's, can be judged by it.
 */
import { formatTime } from "../sim/time.js";
import type { Invariant } from "./invariant.js";
import { explainMutualExclusion, MutualExclusionMonitor } from "./mutual-exclusion.js";
import { resourceAccessOf } from "./resource-access.js";

/**
 * A fresh mutual-exclusion invariant for one run.
 *
 * @example
 * ```ts
 * const system = defineSystem({ ..., invariants: () => [mutualExclusionInvariant()] });
 * ```
 */
export function mutualExclusionInvariant(): Invariant {
  const monitor = new MutualExclusionMonitor();
  return {
    name: "mutual-exclusion",
    onReport(_node, fact, view) {
      const access = resourceAccessOf(fact, view.nowUs);
      if (access === undefined) return undefined;
      const violation = monitor.observe(access);
      return violation === undefined ? undefined : explainMutualExclusion(violation, formatTime);
    },
  };
}
