/**
 * One process trial, start to end: spawn the nodes and initialize them, send the
 * workload's setup requests, run the clients for the time limit while the nemesis plays
 * its drawn plan, heal everything, wait for recovery and perform the final operations (when
 * the workload has them), stop every node, and check the history. A fatal finding about a
 * node ends the trial at once; everything else ends as a verdict. The recording is
 * returned whole; node stderr goes to `<out>/node-logs/<node>.log` as the run goes.
 *
 * @example
 * ```ts
 * const guard = new OrphanGuard();
 * try {
 *   const result = await runProcessTest(options, workload, { guard });
 * } finally {
 *   guard.close();
 * }
 * ```
 */
import { join } from "node:path";
import type { Anomaly } from "../checkers/verdict.js";
import {
  DEFAULT_MAELSTROM_OPTIONS,
  type MaelstromOptions,
  type MaelstromWorkload,
} from "../maelstrom/workload.js";
import type { Recording } from "../recording/recording.js";
import { RandomStreams } from "../sim/random.js";
import { type PlannedFault, planFaults } from "./fault-plan.js";
import { formatNodeFinding, type NodeFinding } from "./node-finding.js";
import type { OrphanGuard } from "./orphan-guard.js";
import { ProcessClients } from "./process-clients.js";
import { ProcessCluster } from "./process-cluster.js";
import { ProcessNemesis } from "./process-nemesis.js";
import { ProcessNetwork } from "./process-network.js";
import { ProcessRecorder } from "./process-recorder.js";
import { hostServices } from "./process-services.js";
import { PROCESS_LIMITS, type ProcessTestOptions } from "./process-test-options.js";
import { type RunStatistics, runStatistics } from "./run-statistics.js";

/** The outcome of one trial. */
export interface ProcessTestResult extends RunStatistics {
  readonly valid: boolean | "unknown";
  readonly workload: string;
  readonly seed: number;
  /** The checker's anomalies, then one per kind of node finding, then availability. */
  readonly anomalies: readonly Anomaly[];
  /** What went wrong (or that nothing did), for a person. */
  readonly explanation: string;
  readonly findings: readonly NodeFinding[];
  readonly faults: readonly PlannedFault[];
  readonly recording: Recording;
  /** Wall-clock length of the whole trial, in milliseconds. */
  readonly elapsedMs: number;
}

/** Findings kept at most (a node that answers every request twice makes one per request). */
const MAX_FINDINGS = 1000;

/** What the caller provides besides the options. */
export interface ProcessTestHooks {
  readonly guard: OrphanGuard;
  /** Called with each stderr line when `logStderr` is set. */
  readonly onStderr?: (node: string, line: string) => void;
}

/** Everything a trial builds, for the phases to share. */
interface Trial {
  readonly options: ProcessTestOptions;
  readonly recorder: ProcessRecorder;
  readonly network: ProcessNetwork;
  readonly cluster: ProcessCluster;
  readonly clients: ProcessClients;
  readonly nemesis: ProcessNemesis;
  readonly plan: readonly PlannedFault[];
  readonly findings: NodeFinding[];
  /** Resolves when a fatal finding ends the trial. */
  readonly fatal: Promise<void>;
}

function buildTrial(
  options: ProcessTestOptions,
  workload: MaelstromWorkload,
  hooks: ProcessTestHooks,
): Trial {
  const random = new RandomStreams(options.seed);
  const recorder = new ProcessRecorder({
    maxMessages: PROCESS_LIMITS.maxRecordedMessages,
    maxStderrEvents: PROCESS_LIMITS.maxRecordedStderrLines,
  });
  const findings: NodeFinding[] = [];
  let endTrial: () => void = () => {};
  const fatal = new Promise<void>((resolve) => {
    endTrial = resolve;
  });
  const onFinding = (finding: NodeFinding): void => {
    if (findings.length >= MAX_FINDINGS && !finding.fatal) return;
    findings.push(finding);
    recorder.nodeEvent(finding.node, "log", `finding: ${finding.summary}`);
    if (finding.fatal) endTrial();
  };
  let clientCount = 0;
  const nextClientId = (): string => `c${++clientCount}`;
  const network = new ProcessNetwork({
    latency: options.latency,
    random: random.stream("network"),
    recorder,
    maxInFlight: PROCESS_LIMITS.maxInFlight,
    overflow: (from, line) =>
      onFinding({
        kind: "flood",
        node: from,
        timeUs: recorder.nowUs(),
        summary: `the network holds more than ${PROCESS_LIMITS.maxInFlight} messages in flight; ${from} sent the last`,
        advice: "Look for a loop that sends without waiting for answers.",
        line: line.slice(0, 300),
        stderrTail: [],
        fatal: true,
      }),
  });
  const cluster = new ProcessCluster({
    nodeIds: options.nodeIds,
    command: options.command,
    cwd: options.cwd,
    logDirectory: join(options.outDirectory, "node-logs"),
    maxLineBytes: PROCESS_LIMITS.maxLineBytes,
    maxLinesPerSecond: PROCESS_LIMITS.maxLinesPerSecond,
    initTimeoutMs: options.initTimeoutMs,
    network,
    recorder,
    guard: hooks.guard,
    nextClientId,
    ...(options.logStderr && hooks.onStderr !== undefined ? { onStderr: hooks.onStderr } : {}),
    onFinding,
  });
  hostServices(network, recorder, random.stream("services"));
  const clients = new ProcessClients({
    workload,
    workloadOptions: workloadOptions(options),
    requestTimeoutMs: options.requestTimeoutMs,
    random: random.stream("workload"),
    network,
    recorder,
    nextClientId,
    stderrTail: (node) => cluster.stderrTail(node),
    onFinding,
  });
  const plan = planFaults({
    kinds: options.nemesis,
    nodes: options.nodeIds,
    intervalMs: options.nemesisIntervalMs,
    timeLimitMs: options.timeLimitMs,
    random,
  });
  const nemesis = new ProcessNemesis(plan, cluster, network, recorder);
  return { options, recorder, network, cluster, clients, nemesis, plan, findings, fatal };
}

/** The options a Maelstrom workload reads, from the trial's. */
export function workloadOptions(options: ProcessTestOptions): MaelstromOptions {
  return {
    nodeIds: options.nodeIds,
    rate: options.ratePerSecond,
    concurrency: options.concurrency,
    keyCount: options.keyCount ?? DEFAULT_MAELSTROM_OPTIONS.keyCount,
    maxTxnLength: options.maxTxnLength,
    maxWritesPerKey: options.maxWritesPerKey,
    topology: options.topology,
    consistencyModels: options.consistencyModels,
  };
}

/** Resolves after `ms`, or as soon as `fatal` does. */
function pause(ms: number, fatal: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
    fatal,
  ]).finally(() => clearTimeout(timer));
}

/** The phases, in order; each returns false when the trial cannot go on. */
async function runPhases(trial: Trial): Promise<void> {
  const { options, cluster, clients, nemesis, recorder, fatal } = trial;
  const ended = { value: false };
  void fatal.then(() => {
    ended.value = true;
    clients.stop();
  });
  if (!(await Promise.race([cluster.start(), fatal.then(() => false)])) || ended.value) return;
  const unanswered = await Promise.race([clients.setup(), fatal.then(() => [])]);
  if (ended.value) return;
  if (unanswered.length > 0) {
    recorder.nodeEvent(unanswered[0]!, "log", `no answer to setup from ${unanswered.join(", ")}`);
  }
  nemesis.start();
  await Promise.race([clients.runMain(recorder.nowMs() + options.timeLimitMs), fatal]);
  if (ended.value) return;
  const hasFinal = clients.hasFinal();
  await Promise.race([nemesis.healAll(), fatal]);
  if (ended.value || !hasFinal) return;
  recorder.nodeEvent("harness", "log", `healed; waiting ${options.recoveryMs} ms for recovery`);
  await pause(options.recoveryMs, fatal);
  if (ended.value) return;
  await Promise.race([clients.runFinal(), fatal]);
}

/** Runs one trial. */
export async function runProcessTest(
  options: ProcessTestOptions,
  workload: MaelstromWorkload,
  hooks: ProcessTestHooks,
): Promise<ProcessTestResult> {
  const startedMs = performance.now();
  const trial = buildTrial(options, workload, hooks);
  try {
    await runPhases(trial);
  } finally {
    trial.nemesis.cancel();
    trial.clients.stop();
    await trial.cluster.stop();
    trial.network.stop();
  }
  return conclude(trial, workload, performance.now() - startedMs);
}

function availabilityProblem(
  options: ProcessTestOptions,
  stats: RunStatistics,
): string | undefined {
  const wanted = options.availability;
  if (wanted === undefined || stats.ops === 0) return undefined;
  const fraction = stats.okOps / stats.ops;
  const needed = wanted === "total" ? 1 : wanted;
  if (fraction >= needed) return undefined;
  return `availability: ${(fraction * 100).toFixed(1)}% of ${stats.ops} operations succeeded; --availability asks for ${wanted === "total" ? "all" : `${(needed * 100).toFixed(1)}%`}`;
}

/** One anomaly per kind of finding, naming the nodes. */
function findingAnomalies(findings: readonly NodeFinding[]): Anomaly[] {
  const byKind = new Map<string, NodeFinding[]>();
  for (const finding of findings)
    byKind.set(finding.kind, [...(byKind.get(finding.kind) ?? []), finding]);
  return [...byKind].map(([kind, found]) => ({
    type: `node-${kind}`,
    explanation: found[0]!.summary + (found.length > 1 ? ` (and ${found.length - 1} more)` : ""),
    nodes: [...new Set(found.map((finding) => finding.node))],
  }));
}

/** How many findings of one kind the explanation spells out. */
const FINDINGS_SHOWN_PER_KIND = 2;

/** The findings in words: the first few of each kind in full, then a count of the rest. */
function findingsText(findings: readonly NodeFinding[]): string[] {
  const shown = new Map<string, number>();
  const texts: string[] = [];
  for (const finding of findings) {
    const count = (shown.get(finding.kind) ?? 0) + 1;
    shown.set(finding.kind, count);
    if (count <= FINDINGS_SHOWN_PER_KIND) texts.push(formatNodeFinding(finding));
  }
  for (const [kind, count] of shown) {
    if (count > FINDINGS_SHOWN_PER_KIND) {
      texts.push(
        `... and ${count - FINDINGS_SHOWN_PER_KIND} more ${kind} findings like these (all in the recording)`,
      );
    }
  }
  return texts;
}

function conclude(trial: Trial, workload: MaelstromWorkload, elapsedMs: number): ProcessTestResult {
  const { options, recorder, findings } = trial;
  const fatal = findings.find((finding) => finding.fatal);
  const check =
    fatal === undefined ? workload.check(recorder.history(), workloadOptions(options)) : undefined;
  const draft = recorder.finish({
    name: options.workload,
    seed: options.seed,
    nodes: options.nodeIds,
    clients: trial.clients.clientIds,
    verdict: { valid: "unknown" },
  });
  const stats = runStatistics(draft.history, draft.messages, options.nodeIds);
  const availability = fatal === undefined ? availabilityProblem(options, stats) : undefined;
  const anomalies: Anomaly[] = [
    ...(check?.anomalies ?? []),
    ...findingAnomalies(findings),
    ...(availability === undefined ? [] : [{ type: "availability", explanation: availability }]),
  ];
  const valid: boolean | "unknown" =
    findings.length > 0 || availability !== undefined || check?.valid === false
      ? false
      : (check?.valid ?? false);
  const explanation = [
    ...findingsText(findings),
    ...(availability === undefined ? [] : [availability]),
    ...(check === undefined ? [] : [check.explanation]),
  ].join("\n\n");
  const reason = fatal !== undefined ? `node-${fatal.kind}` : anomalies[0]?.type;
  const recording: Recording = {
    ...draft,
    verdict: {
      valid,
      ...(valid === true || reason === undefined ? {} : { reason }),
      explanation,
    },
  };
  return {
    valid,
    workload: options.workload,
    seed: options.seed,
    ...stats,
    anomalies,
    explanation,
    findings,
    faults: trial.plan,
    recording,
    elapsedMs,
  };
}
