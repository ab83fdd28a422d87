/**
 * Loading the scenario a command names, with scenario problems turned into usage errors
 * (exit code 2, the message naming the file, line and field).
 */
import { loadScenario } from "../scenario/load-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { UsageError } from "./usage-error.js";

/** Loads the scenario at `path` (relative to `cwd`). */
export async function loadScenarioArgument(path: string, cwd: string): Promise<Scenario> {
  try {
    return await loadScenario(path.startsWith("/") ? path : `${cwd}/${path}`, path);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
}
