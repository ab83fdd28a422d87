/**
 * What an invariant is: a property of a running cluster, judged on the facts nodes report
 * (`ctx.report`), periodically, and at the end of a run. Invariants live with the checkers
 * because they judge; they see the cluster only through `ClusterView`, a read-only window
 * that the simulation (or any recording of a run) can provide. Systems list the invariants
 * that must hold for them in their `SystemDefinition`.
 */
import type { NodeId, NodeSummary } from "../sim/node-api.js";
import type { NodeStatus } from "../sim/node-slot.js";

/** A read-only view of the running cluster, for invariants. `Simulation` is one. */
export interface ClusterView {
  /** Current virtual time, in microseconds. */
  readonly nowUs: number;
  /** Node names in order. */
  readonly nodeIds: readonly NodeId[];
  /** A node's status. */
  status(node: NodeId): NodeStatus;
  /** A node's `inspect()` summary (undefined when crashed). */
  inspect(node: NodeId): NodeSummary | undefined;
}

/**
 * A property of the running system. Each hook returns a violation message, or undefined
 * when the property holds. Safety invariants must hold at every moment; liveness ones are
 * judged only `atEnd`, after the recovery phase.
 *
 * @example
 * ```ts
 * const neverTwoLeaders: Invariant = {
 *   name: "one-leader",
 *   check: (view) => {
 *     const leaders = view.nodeIds.filter((id) => view.inspect(id)?.role === "leader");
 *     return leaders.length > 1 ? `leaders ${leaders.join(", ")}` : undefined;
 *   },
 * };
 * ```
 */
export interface Invariant {
  /** Short kebab-case name, used in failure reasons (`invariant:<name>`). */
  readonly name: string;
  /** "safety" (the default) or "liveness": decides the failure's reason class. */
  readonly kind?: "safety" | "liveness";
  /** A node reported a fact with `ctx.report`. */
  onReport?(node: NodeId, fact: unknown, view: ClusterView): string | undefined;
  /** Called every `checkIntervalUs` of virtual time during the run. */
  check?(view: ClusterView): string | undefined;
  /** Called once at the end of the run, after the recovery phase. */
  atEnd?(view: ClusterView): string | undefined;
}
