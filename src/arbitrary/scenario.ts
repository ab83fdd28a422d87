/**
 * A fast-check arbitrary for whole scenarios of one system: a fixed base (nodes, run
 * length, network, checks, as a scenario file writes them) with a drawn fault schedule and
 * a drawn workload. fast-check's own machinery then applies: a failing property reports
 * the seed and path that replay it, and shrinks the scenario (fewer faults, fewer clients
 * and operations) before reporting it.
 */
import fc from "fast-check";
import { z } from "zod";
import { type ResolvedSystem, resolveScenario, type Scenario } from "../scenario/scenario.js";
import { scenarioFileSchema } from "../scenario/schema.js";
import type { NodeFactory } from "../sim/node-api.js";
import type { SystemDefinition } from "../systems/definition.js";
import { type FaultScheduleOptions, faultSchedule } from "./fault-schedule.js";
import { type WorkloadArbitraryOptions, workload } from "./workload.js";

/** Options of `scenario`. */
export interface ScenarioArbitraryOptions {
  /** The system under test: a definition, or a bare node factory (a kv system). */
  // biome-ignore lint/suspicious/noExplicitAny: definitions differ in their option types
  readonly system: SystemDefinition<any> | NodeFactory;
  /** The system's own options, validated by its definition (default `{}`). */
  readonly systemOptions?: Readonly<Record<string, unknown>>;
  /**
   * Fixed settings, as a scenario file writes them (`nodes`, `duration`, `network`,
   * `recovery`, `checks`, ...). Default: 3 nodes, a 5 s main phase. Its nemesis and
   * workload are replaced by the drawn ones.
   */
  readonly base?: Readonly<Record<string, unknown>>;
  /** How faults are drawn (the nodes and the main phase come from the base). */
  readonly faults?: Omit<FaultScheduleOptions, "nodes" | "mainUs">;
  /** How the workload is drawn (its vocabulary comes from the system). */
  readonly workload?: Omit<WorkloadArbitraryOptions, "kind">;
}

function asDefinition(system: ScenarioArbitraryOptions["system"]): SystemDefinition<unknown> {
  if (typeof system !== "function") return system;
  return {
    name: system.name || "inline-system",
    summary: "node factory given to the scenario arbitrary",
    options: z.record(z.string(), z.unknown()),
    workload: "kv",
    build: () => system,
  };
}

function fail(path: readonly PropertyKey[], message: string): never {
  throw new TypeError(`scenario arbitrary: ${path.map(String).join(".") || "base"}: ${message}`);
}

/** The base scenario, checked once when the arbitrary is built. */
function baseScenario(options: ScenarioArbitraryOptions): Scenario {
  const definition = asDefinition(options.system);
  const systemOptions = definition.options.safeParse(options.systemOptions ?? {});
  if (!systemOptions.success) {
    const issue = systemOptions.error.issues[0]!;
    fail(["systemOptions", ...issue.path], issue.message);
  }
  const parsed = scenarioFileSchema.safeParse({
    name: "arbitrary-scenario",
    nodes: 3,
    duration: "5s",
    ...options.base,
    system: { name: definition.name },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(issue.path, issue.message);
  }
  const system: ResolvedSystem = {
    definition,
    options: systemOptions.data,
    label: definition.name,
  };
  return resolveScenario(parsed.data, system, {
    file: undefined,
    fail: (path, problem) => fail([path], problem),
  });
}

/**
 * Scenarios of one system, with drawn faults and workload; run each with `runScenario`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { arbitrary, runScenario } from "faultline";
 *
 * await fc.assert(
 *   fc.asyncProperty(arbitrary.scenario({ system: myStore }), async (scenario) =>
 *     (await runScenario(scenario, 1)).ok,
 *   ),
 *   { numRuns: 50 },
 * );
 * ```
 */
export function scenario(options: ScenarioArbitraryOptions): fc.Arbitrary<Scenario> {
  const base = baseScenario(options);
  const schedule = faultSchedule({ ...options.faults, nodes: base.nodes, mainUs: base.mainUs });
  const clients = workload({ ...options.workload, kind: base.workload.kind });
  return fc
    .record({ schedule, workload: clients })
    .map((drawn) => ({ ...base, ...drawn, randomNemesis: undefined }));
}
