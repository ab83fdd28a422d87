/**
 * The `system` section a reproducer file needs. A resolved scenario holds its system as a
 * loaded definition with validated options, which cannot always be written back (options
 * may have been transformed, e.g. durations parsed). So for a scenario that came from a
 * file, the section is taken from that file as written, with a module path made absolute
 * so that it can be re-anchored wherever the reproducer goes. A scenario built in code
 * keeps the system's name and validated options; such a file loads only where the system
 * is built in, or in code that supplies the system (`defineScenario(..., { system })`).
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { Scenario } from "../scenario/scenario.js";
import { findBuiltInSystem } from "../systems/registry.js";

/** A scenario's `system` section, ready to be written into another file. */
export interface SystemSource {
  /** The section, with `module` (if any) as an absolute path. */
  readonly section: Readonly<Record<string, unknown>>;
  /** Whether a file with this section loads on its own (`faultline run` can use it). */
  readonly standalone: boolean;
}

/** The fields of a system section that hold module paths: a system module, a Maelstrom node program. */
const MODULE_FIELDS = ["module", "maelstrom"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the `system` section of the file `scenario` came from, or describes its inline system. */
export async function systemSource(scenario: Scenario): Promise<SystemSource> {
  if (scenario.file !== undefined) {
    const raw = parseDocument(await readFile(scenario.file, "utf8")).toJS() as unknown;
    const section = isRecord(raw) && isRecord(raw.system) ? raw.system : undefined;
    if (section !== undefined) {
      const absolute = { ...section };
      for (const field of MODULE_FIELDS) {
        const path = section[field];
        if (typeof path === "string") absolute[field] = resolve(dirname(scenario.file), path);
      }
      return { section: absolute, standalone: true };
    }
  }
  const { definition, options } = scenario.system;
  return {
    section: { name: definition.name, options },
    standalone: findBuiltInSystem(definition.name) === definition,
  };
}

/** The section as written into a file in `directory`: a module path relative to it. */
export function sectionFor(source: SystemSource, directory: string): Record<string, unknown> {
  const section = { ...source.section };
  for (const field of MODULE_FIELDS) {
    const module = section[field];
    if (typeof module !== "string" || !isAbsolute(module)) continue;
    const path = relative(directory, module);
    section[field] = path.startsWith(".") ? path : `./${path}`;
  }
  return section;
}
