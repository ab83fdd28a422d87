/**
 * The scenario a vitest helper is given: a loaded `Scenario`, the path of a scenario file
 * (relative to the working directory), or an object shaped like a scenario file. A system
 * defined in the test itself can be supplied for a file or an object, as `defineScenario`
 * allows.
 */
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { parse } from "yaml";
import { defineScenario, loadScenario } from "../scenario/load-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import type { NodeFactory } from "../sim/node-api.js";
import type { SystemDefinition } from "../systems/definition.js";

/** A scenario, a scenario file's path, or a scenario-file-shaped object. */
export type SimScenario = Scenario | string | Readonly<Record<string, unknown>>;

/** A system defined in code. */
// biome-ignore lint/suspicious/noExplicitAny: definitions differ in their option types
export type InlineSystem = SystemDefinition<any> | NodeFactory;

/** A scenario ready to run, and how to name it to the user. */
export interface LoadedSimScenario {
  readonly scenario: Scenario;
  /** The file as the user named it, or the scenario's name. */
  readonly shownAs: string;
}

function isScenario(value: SimScenario): value is Scenario {
  const system = (value as { system?: unknown }).system;
  return typeof system === "object" && system !== null && "definition" in system;
}

/**
 * Loads what a vitest helper was given.
 *
 * @example
 * ```ts
 * const { scenario } = await loadSimScenario("scenarios/raft-partitions.yaml");
 * ```
 */
export async function loadSimScenario(
  given: SimScenario,
  system?: InlineSystem,
  cwd = process.cwd(),
): Promise<LoadedSimScenario> {
  if (typeof given === "string") {
    const file = resolve(cwd, given);
    const shownAs = relative(cwd, file) || file;
    if (system === undefined) return { scenario: await loadScenario(file, shownAs), shownAs };
    const object = parse(await readFile(file, "utf8")) as Record<string, unknown>;
    return {
      scenario: await defineScenario(object, { system, baseDir: dirname(file) }),
      shownAs,
    };
  }
  if (isScenario(given)) {
    const shownAs = given.file === undefined ? given.name : relative(cwd, given.file);
    return { scenario: given, shownAs };
  }
  const scenario = await defineScenario(
    { ...given },
    system === undefined ? { baseDir: cwd } : { system, baseDir: cwd },
  );
  return { scenario, shownAs: scenario.name };
}
