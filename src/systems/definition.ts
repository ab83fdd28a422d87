/**
 * What a system under test is, to the harness: a named node factory with validated
 * options, the client vocabulary it serves, and the invariants that must hold while it
 * runs. Reference systems and users' own systems are defined the same way; a scenario file
 * names a built-in system or a module that exports a `SystemDefinition` (or a bare
 * `NodeFactory`).
 */
import type { z } from "zod";
import type { NodeFactory, NodeId, NodeSummary } from "../sim/node-api.js";
import type { NodeStatus } from "../sim/node-slot.js";

/** Which client vocabulary (see `workload/protocol.ts`) a system serves. */
export type WorkloadKind = "kv" | "set" | "lock" | "none";

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

/** A system under test. */
export interface SystemDefinition<Options = unknown> {
  /** The name scenario files use, e.g. `raft`. */
  readonly name: string;
  /** One line saying what the system is. */
  readonly summary: string;
  /** Validates and defaults the scenario's `system.options`. */
  readonly options: z.ZodType<Options>;
  /** The client vocabulary it serves. */
  readonly workload: WorkloadKind;
  /** Builds the node factory for validated options. */
  build(options: Options): NodeFactory;
  /** Fresh invariant instances for one run (they may keep state across a run). */
  invariants?(options: Options): readonly Invariant[];
}

/**
 * Defines a system, checking its shape once.
 *
 * @example
 * ```ts
 * export const echo = defineSystem({
 *   name: "echo", summary: "answers every read with its key", workload: "kv",
 *   options: z.object({}), build: () => ({ ctx }) => ({
 *     onClientRequest: (request) => ctx.respond(request, { type: "ok", value: null }),
 *   }),
 * });
 * ```
 */
export function defineSystem<Options>(
  definition: SystemDefinition<Options>,
): SystemDefinition<Options> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new TypeError(`system name must be kebab-case, found "${definition.name}"`);
  }
  return definition;
}
