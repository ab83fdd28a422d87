/**
 * fast-check arbitraries for property-based tests of distributed systems: fault
 * schedules, client workloads, and whole scenarios. The `faultline/arbitrary` entry point,
 * also exported as `arbitrary` from `faultline`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { runScenario } from "faultline";
 * import { scenario } from "faultline/arbitrary";
 *
 * await fc.assert(
 *   fc.asyncProperty(scenario({ system: myStore }), async (s) => (await runScenario(s, 1)).ok),
 * );
 * ```
 */
export { type FaultScheduleOptions, faultSchedule } from "./fault-schedule.js";
export { type ScenarioArbitraryOptions, scenario } from "./scenario.js";
export { type WorkloadArbitraryOptions, workload } from "./workload.js";
