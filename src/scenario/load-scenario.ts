/**
 * Loading a scenario file: read it, parse YAML (or JSON), validate it against the schema,
 * find its system (built in, or a module next to the file), validate the system's options,
 * and resolve it into a `Scenario`. Every problem becomes a `ScenarioError` that names the
 * file, the line and column where the YAML puts it, the field, what was expected and what
 * was found.
 */

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Document,
  isAlias,
  isCollection,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
} from "yaml";
import { z } from "zod";
import { isMaelstromProgram } from "../maelstrom/program.js";
import { maelstromSystem } from "../maelstrom/sim/maelstrom-system.js";
import type { NodeFactory } from "../sim/node-api.js";
import type { SystemDefinition } from "../systems/definition.js";
import { BUILT_IN_SYSTEMS, findBuiltInSystem } from "../systems/registry.js";
import { closestName } from "../text/closest-name.js";
import { type ResolvedSystem, resolveScenario, type Scenario } from "./scenario.js";
import { ScenarioError, type ScenarioProblem } from "./scenario-error.js";
import { describeIssues, locate, type PathPart, pathText } from "./scenario-issues.js";
import { type ScenarioFile, scenarioFileSchema } from "./schema.js";

/** A parsed YAML document, with what is needed to point into it. */
interface ParsedYaml {
  readonly document: Document;
  readonly lines: LineCounter;
  readonly file: string;
}

/** A short example of a scenario's least content, for messages about an empty file. */
const LEAST_SCENARIO = "name: my-scenario\nsystem: raft";

function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  if (document.errors.length > 0) {
    throw ScenarioError.of(
      document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return {
          location: { file, line, column: col },
          problem: `not valid YAML or JSON: ${error.message.split("\n")[0]}`,
        };
      }),
    );
  }
  return { document, lines, file };
}

/**
 * The first thing in the document that plain data cannot hold, if any: an alias that names
 * no anchor before it, or a map or list used as a key.
 */
function unreadableYaml(parsed: ParsedYaml): ScenarioProblem | undefined {
  let found: ScenarioProblem | undefined;
  visit(parsed.document, {
    Pair(_key, pair) {
      const written = pair.key as { range?: [number, number, number] } | null;
      const key = isAlias(written) ? written.resolve(parsed.document) : written;
      const tagged = isScalar(key) && typeof key.value === "object" && key.value !== null;
      if (!isCollection(key) && !tagged) return undefined;
      const { line, col } = parsed.lines.linePos(written?.range?.[0] ?? 0);
      found = {
        location: { file: parsed.file, line, column: col },
        problem: `expected a field name as the key; found ${tagged ? "a tagged value (binary, a date)" : "a map or list"}`,
      };
      return visit.BREAK;
    },
    Alias(_key, alias) {
      if (alias.resolve(parsed.document) !== undefined) return;
      const { line, col } = parsed.lines.linePos(alias.range?.[0] ?? 0);
      found = {
        location: { file: parsed.file, line, column: col },
        problem: `the alias *${alias.source} names no anchor (&${alias.source}) before it`,
      };
      return visit.BREAK;
    },
  });
  return found;
}

/** The document as plain data, or the problem that prevents it. */
function documentData(parsed: ParsedYaml): unknown {
  const alias = unreadableYaml(parsed);
  if (alias !== undefined) throw ScenarioError.of([alias]);
  let data: unknown;
  try {
    data = parsed.document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new ScenarioError(
      { file: parsed.file, line: 1 },
      `cannot read the YAML: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (data === null || data === undefined) {
    throw new ScenarioError(
      { file: parsed.file },
      `the scenario is empty; expected a map of fields, at least:\n${LEAST_SCENARIO}`,
    );
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ScenarioError(
      locate(parsed.document, parsed.lines, parsed.file, []),
      `expected a map of fields (name, system, nodes, ...); found ${Array.isArray(data) ? "a list" : JSON.stringify(data)}`,
    );
  }
  return data;
}

/** Validates the document; every problem is collected, none thrown. */
function validate(
  parsed: ParsedYaml,
  data: unknown,
): { file: ScenarioFile | undefined; problems: ScenarioProblem[] } {
  const result = scenarioFileSchema.safeParse(data);
  if (result.success) return { file: result.data, problems: [] };
  return { file: undefined, problems: describeIssues(result.error.issues, parsed) };
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

/**
 * Why a module would not load, without the loader's own whereabouts: Node's "imported from
 * .../dist/src/scenario/load-scenario.js" names faultline's file, not the user's.
 */
function moduleErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  return text
    .replace(/ imported from \S*\/dist\/\S+/, "")
    .replace(/ imported from \S*load-scenario\.[jt]s/, "");
}

async function loadModuleSystem(
  file: string,
  system: ScenarioFile["system"],
  shownAs: string,
): Promise<SystemDefinition<unknown>> {
  const modulePath = resolve(dirname(file), system.module!);
  if (!existsSync(modulePath)) {
    throw new ScenarioError(
      { file: shownAs, path: "system.module" },
      `cannot load system module "${system.module}": no such file (module paths are relative to the scenario file's directory, ${dirname(file)})`,
    );
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ScenarioError(
      { file: shownAs, path: "system.module" },
      `cannot load system module "${system.module}": ${moduleErrorText(error)}`,
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
      const names = BUILT_IN_SYSTEMS.map((candidate) => candidate.name);
      const close = closestName(system.name, names);
      const hint = close === undefined ? "" : ` (did you mean "${close}"?)`;
      throw new ScenarioError(
        { file: shownAs, path: "system.name" },
        `unknown system "${system.name}"${hint}; built-in systems: ${names.join(", ") || "none yet"}`,
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
    throw ScenarioError.of(
      parsed.error.issues.map((issue) => ({
        location: {
          file: shownAs,
          path: pathText(["system", "options", ...(issue.path as PathPart[])]),
        },
        problem: issue.message,
      })),
    );
  }
  return {
    definition,
    options: parsed.data,
    label: system.name ?? system.module ?? system.maelstrom!,
  };
}

function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}

/**
 * Resolves the scenario's system when its own fields are valid (even when others are
 * not, so that every problem is reported at once), with its problems placed in the file.
 */
async function systemProblemsOf(
  parsed: ParsedYaml,
  file: string,
  data: unknown,
  problems: readonly ScenarioProblem[],
): Promise<{ system: ResolvedSystem | undefined; problems: ScenarioProblem[] }> {
  if (problems.some((problem) => problem.location.path?.startsWith("system")))
    return { system: undefined, problems: [] };
  const system = scenarioFileSchema.shape.system.safeParse((data as { system?: unknown }).system);
  if (!system.success) return { system: undefined, problems: [] };
  try {
    return { system: await resolveSystem(file, system.data, parsed.file), problems: [] };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const placed = error.problems.map((problem) => ({
      problem: problem.problem,
      location: locate(
        parsed.document,
        parsed.lines,
        parsed.file,
        (problem.location.path ?? "").split(".").filter((part) => part !== ""),
      ),
    }));
    return { system: undefined, problems: placed };
  }
}

/**
 * Parses and validates scenario text. `file` (absolute) anchors module paths; `shownAs`
 * names the file in error messages (default: `file`).
 */
export async function parseScenario(text: string, file: string, shownAs = file): Promise<Scenario> {
  const parsed = parseYaml(text, shownAs);
  const { document, lines } = parsed;
  const data = documentData(parsed);
  const validated = validate(parsed, data);
  const systemProblems = await systemProblemsOf(parsed, file, data, validated.problems);
  const problems = [...validated.problems, ...systemProblems.problems];
  if (problems.length > 0 || validated.file === undefined || systemProblems.system === undefined)
    throw ScenarioError.of(sortProblems(problems));
  const system = systemProblems.system;
  return resolveScenario(validated.file, system, {
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
    throw ScenarioError.of(
      parsed.error.issues.map((issue) => ({
        location: { file: shownAs, path: pathText(issue.path as PathPart[]) },
        problem: issue.message,
      })),
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
