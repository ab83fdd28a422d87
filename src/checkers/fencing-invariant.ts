/**
 * Fencing as an `Invariant` of a running cluster: from the `resource-access` facts a
 * resource's server reports (see `resource-access.ts`), the run fails at the first access
 * accepted with a token lower than one the resource had already accepted.
 */
import { formatTime } from "../sim/time.js";
import { explainFencing, FencingMonitor } from "./fencing.js";
import type { Invariant } from "./invariant.js";
import { resourceAccessOf } from "./resource-access.js";

/**
 * A fresh fencing invariant for one run.
 *
 * @example
 * ```ts
 * const system = defineSystem({ ..., invariants: () => [fencingInvariant()] });
 * ```
 */
export function fencingInvariant(): Invariant {
  const monitor = new FencingMonitor();
  return {
    name: "fencing",
    onReport(_node, fact, view) {
      const access = resourceAccessOf(fact, view.nowUs);
      if (access === undefined) return undefined;
      const violation = monitor.observe(access);
      return violation === undefined ? undefined : explainFencing(violation, formatTime);
    },
  };
}
