/**
 * Verifying a reproduction: a failing seed is only worth reporting if running it again
 * gives the same run. A recorded run (the sweep's first run of a seed, or the one a
 * failure file describes) is compared with a fresh run by trace hash and verdict. When
 * they differ, the seed is run once more and the two fresh runs are compared event by
 * event, so the report can show where the system under test stopped following the seed
 * (`firstDivergence`). Without the recorded run's own events that is the best available
 * witness; when the two fresh runs agree, the difference lies in state carried from
 * earlier runs in the process, the environment, or changed code, and the report says so.
 */
import type { Simulation } from "../sim/simulation.js";
import { formatTime } from "../sim/time.js";
import { firstDivergence, type Trace, type TraceEvent } from "../sim/trace.js";
import type { RunResult } from "./run-result.js";
import { runScenario } from "./run-scenario.js";
import type { Scenario } from "./scenario.js";

/** What a run is compared on: its trace hash and its verdict. */
export interface RunFingerprint {
  /** The 64-bit trace hash (16 hex digits). */
  readonly traceHash: string;
  /** The failure reason, or null when the run passed. */
  readonly reason: string | null;
  /** Kernel events processed, when known. */
  readonly events?: number;
}

/** The first event at which two runs of the same seed went apart, described for people. */
export interface DivergenceReport {
  /** Index of the first differing trace event. */
  readonly index: number;
  /** That event in the earlier run. */
  readonly first: string;
  /** That event in the later run. */
  readonly second: string;
}

/** The outcome of running a recorded failure again. */
export type Reproduction =
  /** The run was the same: same trace hash, same verdict. */
  | { readonly kind: "reproduced"; readonly run: RunFingerprint }
  /** The run was not the same. */
  | {
      readonly kind: "not-reproduced";
      /** What was recorded. */
      readonly recorded: RunFingerprint;
      /** What running it again gave. */
      readonly rerun: RunFingerprint;
      /** Where two fresh runs went apart, when they did. */
      readonly divergence: DivergenceReport | undefined;
      /** One paragraph on what the difference means and how to look into it. */
      readonly explanation: string;
    };

/** A run with its full trace. */
export interface TracedRun {
  readonly result: RunResult;
  readonly trace: Trace;
}

/** The fingerprint of a run's result. */
export function fingerprintOf(result: RunResult): RunFingerprint {
  return {
    traceHash: result.traceHash,
    reason: result.failure?.reason ?? null,
    events: result.events,
  };
}

/** Whether two fingerprints describe the same run. */
export function sameRun(recorded: RunFingerprint, rerun: RunFingerprint): boolean {
  return recorded.traceHash === rerun.traceHash && recorded.reason === rerun.reason;
}

/** Runs `seed` of `scenario` with its full trace. */
export async function runTraced(scenario: Scenario, seed: number): Promise<TracedRun> {
  let sim: Simulation | undefined;
  const result = await runScenario(scenario, seed, {
    trace: "full",
    onSimulation: (created) => (sim = created),
  });
  if (sim === undefined) throw new Error("the run never started");
  return { result, trace: sim.trace };
}

/** One trace event in a line: "#412 at 1.25s: deliver n1 -> n2 (detail 7, digest 3f2a)". */
export function describeTraceEvent(event: TraceEvent | undefined): string {
  if (event === undefined) return "(the run had ended)";
  const between = [event.node, event.peer].filter((part) => part !== undefined).join(" -> ");
  const extra = event.text ?? `detail ${event.detail}, digest ${event.digest.toString(16)}`;
  return `#${event.index} at ${formatTime(event.timeUs)}: ${event.kind} ${between} (${extra})`;
}

/** Where two full traces of one seed first differ, described; undefined when they agree. */
export function divergenceBetween(first: Trace, second: Trace): DivergenceReport | undefined {
  const divergence = firstDivergence(first, second);
  if (divergence === undefined) return undefined;
  return {
    index: divergence.index,
    first: describeTraceEvent(divergence.first),
    second: describeTraceEvent(divergence.second),
  };
}

/** A verdict in words: "passed", "failed with node-failure". */
export function verdictText(run: RunFingerprint): string {
  return run.reason === null ? "passed" : `failed with ${run.reason}`;
}

function explanationFor(divergence: DivergenceReport | undefined, laterHash: string): string {
  const cause =
    "The system under test depends on something outside the seed: state kept across runs " +
    "(a module-level variable), the wall clock, unseeded randomness, real timers or I/O, " +
    "or its code or the scenario changed since the run was recorded.";
  if (divergence !== undefined)
    return `${cause} Two more runs of the seed here went apart too, at event ${divergence.index}.`;
  return (
    `${cause} Two more runs of the seed here agreed with each other (trace hash ${laterHash}) ` +
    "but not with the recorded run, which points at state carried over from earlier runs in " +
    "the same process, or at a change since."
  );
}

/**
 * Compares `rerun` (a fresh run of `seed`, with its full trace) with `recorded`; when they
 * differ, runs the seed once more and looks for the first event at which the two fresh
 * runs differ.
 *
 * @example
 * ```ts
 * const rerun = await runTraced(scenario, 31);
 * const verdict = await verifyReproduction(scenario, 31, { traceHash: "6612322c55f39cf9", reason: "node-failure" }, rerun);
 * if (verdict.kind === "not-reproduced") console.log(verdict.explanation);
 * ```
 */
export async function verifyReproduction(
  scenario: Scenario,
  seed: number,
  recorded: RunFingerprint,
  rerun: TracedRun,
): Promise<Reproduction> {
  const fingerprint = fingerprintOf(rerun.result);
  if (sameRun(recorded, fingerprint)) return { kind: "reproduced", run: fingerprint };
  const third = await runTraced(scenario, seed);
  const divergence = divergenceBetween(rerun.trace, third.trace);
  return {
    kind: "not-reproduced",
    recorded,
    rerun: fingerprint,
    divergence,
    explanation: explanationFor(divergence, third.result.traceHash),
  };
}

/** The lines that report a reproduction that failed, for terminals and failure files. */
export function notReproducedLines(
  reproduction: Extract<Reproduction, { kind: "not-reproduced" }>,
): string[] {
  const { recorded, rerun, divergence } = reproduction;
  const events = (run: RunFingerprint) =>
    run.events === undefined ? "" : `, ${run.events} events`;
  const lines = [
    `  recorded: ${verdictText(recorded)}, trace hash ${recorded.traceHash}${events(recorded)}`,
    `  now:      ${verdictText(rerun)}, trace hash ${rerun.traceHash}${events(rerun)}`,
  ];
  if (divergence !== undefined) {
    lines.push(`  first divergent event, #${divergence.index}:`);
    lines.push(`    one run:     ${divergence.first}`);
    lines.push(`    another run: ${divergence.second}`);
  }
  lines.push(`  ${reproduction.explanation}`);
  return lines;
}
