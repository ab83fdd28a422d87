/**
 * The determinism self-check: run the same simulation twice and compare. Equal seeds must
 * give equal traces; when they do not, the first event at which the two runs went apart
 * says where the nondeterminism entered (a node that read the wall clock, iterated a hash
 * order, kept state across runs in a module variable, ...).
 */
import { assert } from "./assert.js";
import type { SimulationOptions } from "./options.js";
import type { RunStop } from "./run-stop.js";
import { Simulation } from "./simulation.js";
import { firstDivergence, type TraceDivergence } from "./trace.js";

/**
 * Drives one run: schedules harness actions (faults, client requests) and runs the
 * simulation to its end. It must do the same thing both times it is called.
 */
export type SimulationDriver = (sim: Simulation) => Promise<RunStop>;

/** What `checkDeterminism` found. */
export type DeterminismCheck =
  /** Both runs produced the same trace, and neither made a call the guard reports. */
  | {
      readonly deterministic: true;
      /** The trace hash both runs reached (16 hex digits). */
      readonly traceHash: string;
      /** Events processed by each run. */
      readonly events: number;
      /** How the runs ended. */
      readonly stop: RunStop;
    }
  /**
   * The runs went apart, or a run made a call that breaks determinism (a stop of kind
   * `nondeterminism`: the guard stopped it, so the traces may still be equal).
   */
  | {
      readonly deterministic: false;
      /** The two trace hashes, first run first. */
      readonly hashes: readonly [string, string];
      /** The first differing trace event of each run, decoded; undefined when the traces are equal. */
      readonly divergence: TraceDivergence | undefined;
      /** How each run ended. */
      readonly stops: readonly [RunStop, RunStop];
    };

const runToEnd: SimulationDriver = (sim) => sim.run();

async function runOnce(options: SimulationOptions, drive: SimulationDriver) {
  const sim = new Simulation({
    ...options,
    trace: "full",
    determinismGuard: options.determinismGuard ?? true,
  });
  const stop = await drive(sim);
  return { sim, stop };
}

/**
 * Runs the simulation described by `options` twice, each time driven by `drive` (default:
 * run until no events are left or a bound is hit), with full traces, and compares them.
 * The determinism guard is on unless `options.determinismGuard` is false; a run that the
 * guard stops is never called deterministic, even when both traces agree.
 *
 * @example
 * ```ts
 * const check = await checkDeterminism({ seed: 7, nodes: 3, system: echo, maxTimeUs: seconds(2) });
 * if (!check.deterministic) console.log(check.divergence.first, check.divergence.second);
 * ```
 */
export async function checkDeterminism(
  options: SimulationOptions,
  drive: SimulationDriver = runToEnd,
): Promise<DeterminismCheck> {
  const first = await runOnce(options, drive);
  const second = await runOnce(options, drive);
  const divergence = firstDivergence(first.sim.trace, second.sim.trace);
  const guardStopped =
    first.stop.kind === "nondeterminism" || second.stop.kind === "nondeterminism";
  if (divergence === undefined && !guardStopped) {
    // The hash is a function of the records and their texts, so equal traces hash equally.
    assert(first.sim.traceHash === second.sim.traceHash, "equal traces with different hashes");
    return {
      deterministic: true,
      traceHash: first.sim.traceHash,
      events: first.sim.eventCount,
      stop: first.stop,
    };
  }
  return {
    deterministic: false,
    hashes: [first.sim.traceHash, second.sim.traceHash],
    divergence,
    stops: [first.stop, second.stop],
  };
}
