/**
 * What a system under test is, to the harness: a named node factory with validated
 * options, the client vocabulary it serves, and the invariants that must hold while it
 * runs. Reference systems and users' own systems are defined the same way; a scenario file
 * names a built-in system or a module that exports a `SystemDefinition` (or a bare
 * `NodeFactory`).
 */
import type { z } from "zod";
import type { Invariant } from "../checkers/invariant.js";
import type { NodeFactory } from "../sim/node-api.js";

/** Which client vocabulary (see `workload/protocol.ts`) a system serves. */
export type WorkloadKind = "kv" | "set" | "lock" | "none";

export type { ClusterView, Invariant } from "../checkers/invariant.js";

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
