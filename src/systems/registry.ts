/**
 * The built-in systems a scenario file can name with `system.name`.
 */
import type { SystemDefinition } from "./definition.js";

// biome-ignore lint/suspicious/noExplicitAny: definitions differ in their option types
type AnySystem = SystemDefinition<any>;

/** Every built-in system. */
export const BUILT_IN_SYSTEMS: readonly AnySystem[] = [];

/** The built-in system called `name`, if there is one. */
export function findBuiltInSystem(name: string): AnySystem | undefined {
  return BUILT_IN_SYSTEMS.find((system) => system.name === name);
}
