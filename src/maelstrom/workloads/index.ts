/**
 * The registry of Maelstrom workloads, by the names `-w` and `workload.kind` use.
 */
import type { MaelstromWorkload } from "../workload.js";
import { echoWorkload } from "./echo.js";

/** Every Maelstrom workload faultline runs. */
export const MAELSTROM_WORKLOADS: readonly MaelstromWorkload[] = [echoWorkload];

/** The names of the workloads, in registry order. */
export const MAELSTROM_WORKLOAD_NAMES: readonly string[] = MAELSTROM_WORKLOADS.map((w) => w.name);

/** The workload called `name`, if there is one. */
export function findMaelstromWorkload(name: string): MaelstromWorkload | undefined {
  return MAELSTROM_WORKLOADS.find((workload) => workload.name === name);
}
