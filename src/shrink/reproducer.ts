/**
 * A reproducer as a scenario file: a scenario with nothing left to chance but the seed.
 * Every setting is written out (no defaults), the fault schedule is explicit (no random
 * nemesis), and the seed list is the one failing seed, so `faultline run FILE` fails again
 * and the file can be committed as a regression test.
 */
import { dirname } from "node:path";
import { Document, isMap, isSeq } from "yaml";
import { formatDuration } from "../scenario/duration.js";
import type { Scenario } from "../scenario/scenario.js";
import { scheduleEntry } from "./schedule-entry.js";
import { type SystemSource, sectionFor } from "./system-source.js";

/** What a reproducer file says about where it came from. */
export interface ReproducerOrigin {
  /** The scenario that failed, as the user named it (a path, or a name). */
  readonly from: string;
  readonly seed: number;
  /** The failure reason the reproducer keeps. */
  readonly reason: string;
  /** One line of sizes, e.g. "faults 12 -> 1, operations 940 -> 14". */
  readonly sizes: string;
  /** The command that runs the reproducer, e.g. `npx faultline run .faultline/shrunk/x.yaml`. */
  readonly command: string;
}

/**
 * The shrunk scenario as its reproducer file presents it: named after the original and the
 * seed (so its failure records do not overwrite the original's), described by where it came
 * from, and tied to no file yet.
 */
export function reproducerScenario(
  original: Scenario,
  shrunk: Scenario,
  origin: Pick<ReproducerOrigin, "from" | "seed" | "reason">,
): Scenario {
  const suffix = `-seed-${origin.seed}-shrunk`;
  return {
    ...shrunk,
    name: original.name.endsWith(suffix) ? original.name : `${original.name}${suffix}`,
    description: `${original.name} seed ${origin.seed}, shrunk: fails with ${origin.reason}.`,
    file: undefined,
  };
}

function range(minUs: number, maxUs: number): string {
  return minUs === maxUs
    ? formatDuration(minUs)
    : `${formatDuration(minUs)}..${formatDuration(maxUs)}`;
}

/** The Maelstrom fields of the workload section (none when the scenario has no Maelstrom workload). */
function maelstromFields(scenario: Scenario): Record<string, unknown> {
  const { maelstrom } = scenario;
  if (maelstrom === undefined) return {};
  const { workload, options } = maelstrom;
  const takes = (flag: string) => workload.flags.includes(flag);
  return {
    kind: workload.name,
    rate: options.rate,
    concurrency: options.concurrency,
    ...(takes("key-count") ? { keyCount: options.keyCount } : {}),
    ...(takes("topology") ? { topology: options.topology } : {}),
    ...(takes("max-txn-length") ? { maxTxnLength: options.maxTxnLength } : {}),
    ...(takes("max-writes-per-key") ? { maxWritesPerKey: options.maxWritesPerKey } : {}),
    ...(takes("consistency-models") ? { consistencyModels: [...options.consistencyModels] } : {}),
    finalWait: formatDuration(maelstrom.finalWaitUs),
  };
}

function workloadSection(scenario: Scenario): Record<string, unknown> {
  const { workload } = scenario;
  return {
    ...maelstromFields(scenario),
    clients: workload.clients,
    think: range(workload.thinkUs.minUs, workload.thinkUs.maxUs),
    timeout: formatDuration(workload.timeoutUs),
    keys: workload.keys,
    keyDistribution: workload.keyDistribution,
    ...(Object.keys(workload.mix).length === 0 ? {} : { mix: { ...workload.mix } }),
    ...(workload.maxOps === undefined ? {} : { maxOps: workload.maxOps }),
    maxRedirects: workload.maxRedirects,
    routing: workload.routing,
  };
}

function checksSection(scenario: Scenario): Record<string, unknown> {
  const { checks } = scenario;
  return {
    linearizability: checks.linearizability === false ? false : { model: checks.linearizability },
    invariants: checks.invariants,
    liveness: checks.liveness,
    invariantInterval: formatDuration(checks.invariantIntervalUs),
    checkerSteps: checks.checkerSteps,
  };
}

/**
 * The reproducer of `scenario` failing at `seed`, as a scenario-file object to be written
 * at `file`, an absolute path (module paths are made relative to its directory).
 */
export function reproducerObject(
  scenario: Scenario,
  seed: number,
  system: SystemSource,
  file: string,
): Record<string, unknown> {
  const { network } = scenario;
  return {
    name: scenario.name,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    system: sectionFor(system, dirname(file)),
    nodes: scenario.nodes,
    network: {
      latency: range(network.latencyUsMin, network.latencyUsMax),
      clientLatency: range(network.clientLatencyUsMin, network.clientLatencyUsMax),
      dropRate: network.dropRate,
      duplicateRate: network.duplicateRate,
      fifo: network.fifo,
    },
    duration: formatDuration(scenario.mainUs),
    workload: workloadSection(scenario),
    recovery: {
      opsPerClient: scenario.recovery.opsPerClient,
      settle: formatDuration(scenario.recovery.settleUs),
      budget: formatDuration(scenario.recovery.budgetUs),
    },
    nemesis: { schedule: scenario.schedule.map(scheduleEntry) },
    checks: checksSection(scenario),
    maxEvents: scenario.maxEvents,
    seeds: String(seed),
    // The guard is on by default; a run shrunk with it off must replay with it off.
    ...(scenario.determinismGuard ? {} : { determinismGuard: false }),
  };
}

/** Writes each schedule entry (and small lists) on one line, so the file reads as a timeline. */
function compactSchedule(document: Document): void {
  const schedule = document.getIn(["nemesis", "schedule"], true);
  if (isSeq(schedule)) {
    for (const item of schedule.items) if (isMap(item)) item.flow = true;
  }
  const mix = document.getIn(["workload", "mix"], true);
  if (isMap(mix)) mix.flow = true;
}

/**
 * The reproducer file's text: a comment saying where it came from and how to run it, then
 * the scenario.
 *
 * @example
 * ```ts
 * const text = reproducerYaml(shrunk, 2, await systemSource(original), ".faultline/shrunk/x.yaml", {
 *   from: "scenarios/x.yaml", seed: 2, reason: "linearizability", sizes: "faults 9 -> 1",
 *   command: "npx faultline run .faultline/shrunk/x.yaml",
 * });
 * ```
 */
export function reproducerYaml(
  scenario: Scenario,
  seed: number,
  system: SystemSource,
  file: string,
  origin: ReproducerOrigin,
): string {
  const document = new Document(reproducerObject(scenario, seed, system, file));
  compactSchedule(document);
  const runHint = system.standalone
    ? ` Run it with: ${origin.command}`
    : " Its system is defined in code: load it with defineScenario(..., { system }).";
  const moved = seed === origin.seed ? "" : ` (this reproducer fails at seed ${seed})`;
  document.commentBefore = [
    ` Shrunk by faultline from ${origin.from}, seed ${origin.seed}: fails with ${origin.reason}${moved}.`,
    ` ${origin.sizes}.`,
    runHint,
  ].join("\n");
  return document.toString({ lineWidth: 100 });
}
