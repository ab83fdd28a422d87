/**
 * faultline's vitest integration, the `faultline/vitest` entry point: `simTest` runs a
 * scenario over seeds as one test, `runSim` runs one seed, and the matchers `toPass()`,
 * `toBeLinearizable()` and `toFailWith(reason)` judge a result. Importing this module
 * registers the matchers with vitest's `expect`.
 *
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { runSim, simTest } from "faultline/vitest";
 *
 * simTest("my store under partitions", "scenarios/my-store.yaml", { seeds: 20, shrink: true });
 *
 * test("seed 7 stays linearizable", async () => {
 *   expect(await runSim("scenarios/my-store.yaml", 7)).toBeLinearizable();
 * });
 * ```
 */
import { expect } from "vitest";
import { faultlineMatchers } from "./matchers.js";

expect.extend(faultlineMatchers);

export { describeFailure } from "./failure-message.js";
export { type FaultlineMatchers, faultlineMatchers } from "./matchers.js";
export type { ReproducerReport, RunContext } from "./run-context.js";
export {
  type InlineSystem,
  type LoadedSimScenario,
  loadSimScenario,
  type SimScenario,
} from "./sim-scenario.js";
export { runSim, type SimTestOptions, seedsToRun, simCheck, simTest } from "./sim-test.js";
