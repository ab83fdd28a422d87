/**
 * Loading a scenario file: read it, parse YAML (or JSON), validate it against the schema,
 * find its system (built in, or a module next to the file), validate the system's options,
 * and resolve it into a `Scenario`. Every problem becomes a `ScenarioError` that names the
 * file, the line and column where the YAML puts it, the field, what was expected and what
 * was found.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Document, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { isMaelstromProgram } from "../maelstrom/program.js";
import { maelstromSystem } from "../maelstrom/sim/maelstrom-system.js";
import type { NodeFactory } from "../sim/node-api.js";
import type { SystemDefinition } from "../systems/definition.js";
import { BUILT_IN_SYSTEMS, findBuiltInSystem } from "../systems/registry.js";
import { type ResolvedSystem, resolveScenario, type Scenario } from "./scenario.js";
import { ScenarioError, type ScenarioLocation } from "./scenario-error.js";
import { type ScenarioFile, scenarioFileSchema } from "./schema.js";

type PathPart = string | number;

function pathText(path: readonly PathPart[]): string {
  return path.map(String).join(".");
}

/** Where the YAML document puts the value at `path` (or its nearest parent). */
function locate(
  document: Document,
  lines: LineCounter,
  file: string,
  path: readonly PathPart[],
): ScenarioLocation {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range !== undefined) {
      const { line, col } = lines.linePos(node.range[0]);
      return { file, line, column: col, path: pathText(path) };
    }
  }
  return { file, path: pathText(path) };
}

function describeFound(document: Document, path: readonly PathPart[]): string {
  const value = document.getIn(path);
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function issueProblem(issue: z.core.$ZodIssue, document: Document): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  }
  if (issue.code === "custom") return issue.message;
  return `${issue.message}; found ${describeFound(document, issue.path as PathPart[])}`;
}

function parseYaml(text: string, file: string): { document: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const error = document.errors[0];
  if (error !== undefined) {
    const { line, col } = lines.linePos(error.pos[0]);
    throw new ScenarioError(
      { file, line, column: col },
      `not valid YAML or JSON: ${error.message.split("\n")[0]}`,
    );
  }
  return { document, lines };
}

function validate(document: Document, lines: LineCounter, file: string): ScenarioFile {
  const result = scenarioFileSchema.safeParse(document.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ScenarioError(
    locate(document, lines, file, issue.path as PathPart[]),
    issueProblem(issue, document),
  );
}

function asDefinition(exported: unknown, label: string): SystemDefinition<unknown> | undefined {
  if (typeof exported === "function") {
    const factory = exported as NodeFactory;
    return {
      name: basename(label).replace(/\.[^.]*$/, ""),
      summary: `node factory from ${label}`,
      options: z.record(z.string(), z.unknown()),
      workload: "kv",
      build: () => factory,
    };
  }
  if (
    typeof exported === "object" &&
    exported !== null &&
    typeof (exported as SystemDefinition).build === "function"
  ) {
    return exported as SystemDefinition<unknown>;
  }
  return undefined;
}

async function loadModuleSystem(
  file: string,
  system: ScenarioFile["system"],
  shownAs: string,
): Promise<SystemDefinition<unknown>> {
  const modulePath = resolve(dirname(file), system.module!);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ScenarioError(
      { file: shownAs, path: "system.module" },
      `cannot load system module ${modulePath}: ${reason}`,
    );
  }
  const names = system.export !== undefined ? [system.export] : ["default", "system"];
  for (const name of names) {
    const definition = asDefinition(loaded[name], system.module!);
    if (definition !== undefined) return definition;
  }
  throw new ScenarioError(
    { file: shownAs, path: system.export === undefined ? "system.module" : "system.export" },
    `expected ${modulePath} to export a system definition or node factory as ${names.join(" or ")}; ` +
      `found exports: ${Object.keys(loaded).join(", ") || "none"}`,
  );
}

async function importModule(
  modulePath: string,
  shownAs: string,
  field: string,
): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ScenarioError({ file: shownAs, path: field }, `cannot load ${modulePath}: ${reason}`);
  }
}

async function loadMaelstromSystem(
  file: string,
  system: ScenarioFile["system"],
  shownAs: string,
): Promise<SystemDefinition<unknown>> {
  const modulePath = resolve(dirname(file), system.maelstrom!);
  const loaded = await importModule(modulePath, shownAs, "system.maelstrom");
  const name = system.export ?? "default";
  const program = loaded[name];
  if (!isMaelstromProgram(program)) {
    throw new ScenarioError(
      { file: shownAs, path: system.export === undefined ? "system.maelstrom" : "system.export" },
      `expected ${modulePath} to export a Maelstrom node program (a function of the node's runtime, ` +
        `as maelstromNode() of examples/maelstrom/js/maelstrom-node.mjs makes) as ${name}; ` +
        `found exports: ${Object.keys(loaded).join(", ") || "none"}`,
    );
  }
  return maelstromSystem(program, system.maelstrom!) as SystemDefinition<unknown>;
}

/** Finds a scenario's system and validates its options. */
export async function resolveSystem(
  file: string,
  system: ScenarioFile["system"],
  shownAs = file,
): Promise<ResolvedSystem> {
  let definition: SystemDefinition<unknown>;
  if (system.name !== undefined) {
    const found = findBuiltInSystem(system.name);
    if (found === undefined) {
      const known = BUILT_IN_SYSTEMS.map((candidate) => candidate.name).join(", ") || "none yet";
      throw new ScenarioError(
        { file: shownAs, path: "system.name" },
        `unknown system "${system.name}"; built-in systems: ${known}`,
      );
    }
    definition = found;
  } else if (system.maelstrom !== undefined) {
    definition = await loadMaelstromSystem(file, system, shownAs);
  } else {
    definition = await loadModuleSystem(file, system, shownAs);
  }
  const parsed = definition.options.safeParse(system.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ["system", "options", ...(issue.path as PathPart[])];
    throw new ScenarioError({ file: shownAs, path: pathText(path) }, issue.message);
  }
  return {
    definition,
    options: parsed.data,
    label: system.name ?? system.module ?? system.maelstrom!,
  };
}

/**
 * Parses and validates scenario text. `file` (absolute) anchors module paths; `shownAs`
 * names the file in error messages (default: `file`).
 */
export async function parseScenario(text: string, file: string, shownAs = file): Promise<Scenario> {
  const { document, lines } = parseYaml(text, shownAs);
  const validated = validate(document, lines, shownAs);
  const system = await resolveSystem(file, validated.system, shownAs);
  return resolveScenario(validated, system, {
    file,
    fail: (path, problem) => {
      throw new ScenarioError(
        locate(
          document,
          lines,
          shownAs,
          path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        ),
        problem,
      );
    },
  });
}

/**
 * Loads a scenario file (YAML or JSON).
 *
 * @example
 * ```ts
 * const scenario = await loadScenario("scenarios/raft-partitions.yaml");
 * const result = await runScenario(scenario, 137);
 * ```
 */
export async function loadScenario(path: string, shownAs = path): Promise<Scenario> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new ScenarioError({ file: shownAs }, `cannot read the scenario: ${reason}`);
  }
  return parseScenario(text, file, shownAs);
}

function asSystemDefinition(
  system: SystemDefinition<unknown> | NodeFactory,
): SystemDefinition<unknown> {
  return asDefinition(
    system,
    typeof system === "function" ? system.name || "inline-system" : system.name,
  )!;
}

/**
 * Builds a scenario from an object shaped like a scenario file (durations as text, as in
 * YAML). `system` may instead be given as a definition or node factory, for systems that
 * live in the test itself; `baseDir` anchors module paths (default: the working directory).
 *
 * @example
 * ```ts
 * const scenario = await defineScenario(
 *   { name: "my-store-partitions", duration: "10s", nemesis: { random: { faults: ["partition"] } } },
 *   { system: myStore },
 * );
 * ```
 */
export async function defineScenario(
  input: Record<string, unknown>,
  options: {
    readonly system?: SystemDefinition<unknown> | NodeFactory;
    readonly baseDir?: string;
  } = {},
): Promise<Scenario> {
  const shownAs = `<scenario ${String(input.name ?? "")}>`;
  const anchor = resolve(options.baseDir ?? ".", "scenario.inline");
  const given = options.system === undefined ? undefined : asSystemDefinition(options.system);
  const systemInput = (input.system ?? {}) as { options?: unknown };
  const prepared =
    given === undefined
      ? input
      : { ...input, system: { name: given.name, options: systemInput.options ?? {} } };
  const parsed = scenarioFileSchema.safeParse(prepared);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(
      { file: shownAs, path: pathText(issue.path as PathPart[]) },
      issue.message,
    );
  }
  let system: ResolvedSystem;
  if (given === undefined) {
    system = await resolveSystem(anchor, parsed.data.system, shownAs);
  } else {
    const systemOptions = given.options.safeParse(parsed.data.system.options);
    if (!systemOptions.success) {
      const issue = systemOptions.error.issues[0]!;
      throw new ScenarioError(
        { file: shownAs, path: pathText(["system", "options", ...(issue.path as PathPart[])]) },
        issue.message,
      );
    }
    system = { definition: given, options: systemOptions.data, label: given.name };
  }
  return resolveScenario(parsed.data, system, { file: undefined });
}
