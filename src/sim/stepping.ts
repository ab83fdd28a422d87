/**
 * Stepping a simulation from a test, as turmoil's `step`/`run` do: run for a stretch of
 * virtual time, or in small steps until a condition holds (a leader is elected, a value
 * has spread), with a bound so a condition that never holds ends the wait instead of
 * hanging the test.
 */
import type { Simulation } from "./simulation.js";

/** Runs `sim` for `durationUs` more microseconds of virtual time. */
export async function runFor(sim: Simulation, durationUs: number): Promise<void> {
  await sim.run({ untilUs: sim.nowUs + durationUs });
}

/** Options of `runUntil`. */
export interface RunUntilOptions {
  /** Most virtual time to wait, in microseconds. Default 5 s. */
  readonly limitUs?: number;
  /** Virtual time between two looks at the condition, in microseconds. Default 5 ms. */
  readonly stepUs?: number;
}

/**
 * Runs `sim` in small steps until `condition` holds. Resolves to false when `limitUs` of
 * virtual time pass first, or the run fails.
 *
 * @example
 * ```ts
 * const elected = await runUntil(sim, () => sim.nodeIds.some((id) => sim.inspect(id)?.role === "leader"));
 * ```
 */
export async function runUntil(
  sim: Simulation,
  condition: () => boolean,
  options: RunUntilOptions = {},
): Promise<boolean> {
  const endUs = sim.nowUs + (options.limitUs ?? 5_000_000);
  const stepUs = options.stepUs ?? 5_000;
  while (!condition()) {
    if (sim.nowUs >= endUs || sim.failure !== undefined) return false;
    await runFor(sim, stepUs);
  }
  return true;
}
