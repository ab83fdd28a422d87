/**
 * One run of a scenario for one seed. The run has two phases, as TigerBeetle's simulator
 * and Maelstrom's workloads do: a main phase in which the nemesis injects faults while
 * clients issue operations, and a recovery phase in which every fault is healed and the
 * clients must complete a final round of operations within a budget. Invariants are
 * checked while it runs (on every fact a node reports, and periodically); at the end, the
 * liveness of the recovery, the end-of-run invariants and the linearizability of the
 * client history decide the verdict.
 */
import { checkLinearizability } from "../checkers/check-linearizability.js";
import { renderViolation } from "../checkers/explain/render-violation.js";
import type { Invariant } from "../checkers/invariant.js";
import type { LinearizabilityResult } from "../checkers/linearizability-result.js";
import { BUILTIN_MODELS } from "../checkers/models/builtin-models.js";
import { MaelstromClients } from "../maelstrom/sim/maelstrom-clients.js";
import type { FaultEpisode } from "../nemesis/fault.js";
import { Nemesis } from "../nemesis/nemesis.js";
import { randomSchedule, type SwarmDraw } from "../nemesis/random-nemesis.js";
import { harnessWallClockMs } from "../sim/determinism-guard.js";
import { describeRunStop, isRunFailure, type RunStop } from "../sim/run-stop.js";
import { Simulation } from "../sim/simulation.js";
import type { TraceMode } from "../sim/trace.js";
import {
  kvGenerator,
  lockGenerator,
  type OperationGenerator,
  setGenerator,
} from "../workload/generator.js";
import { type RecoveryOutcome, Workload, type WorkloadEvent } from "../workload/workload.js";
import { checkMaelstromHistory } from "./maelstrom-check.js";
import type { CheckSummary, RunFailure, RunResult } from "./run-result.js";
import type { Scenario } from "./scenario.js";

/** Options of one run. */
export interface RunOptions {
  /** Keep every trace record ("full", for replays and viewers) or only the hash (the default). */
  readonly trace?: TraceMode;
  /** Keep message bodies in the trace (for viewers). */
  readonly keepPayloads?: boolean;
  /**
   * Make wall-clock, unseeded-random, real-timer and real-I/O calls in simulated code fail
   * the run as `nondeterminism`. Default: the scenario's `determinismGuard` (itself true
   * unless the file says false); false here overrides the file (`--no-determinism-guard`).
   */
  readonly determinismGuard?: boolean;
  /** Called with the simulation before it starts (viewers attach here). */
  readonly onSimulation?: (sim: Simulation) => void;
}

/** The clients of a run: faultline's own, or a Maelstrom workload's. */
type Clients = Workload | MaelstromClients;

/** Slack after the recovery budget before the run is cut off, in microseconds. */
const END_SLACK_US = 1_000_000;

/** The latest virtual time a run of `scenario` can reach. */
function endOfRunUs(scenario: Scenario): number {
  const { budgetUs, settleUs } = scenario.recovery;
  return scenario.mainUs + Math.max(budgetUs + END_SLACK_US, settleUs);
}

function generatorFor(scenario: Scenario): OperationGenerator {
  const { workload } = scenario;
  if (workload.kind === "set") return setGenerator(workload.mix);
  if (workload.kind === "lock") return lockGenerator({ keys: workload.keys });
  return kvGenerator({
    keys: workload.keys,
    distribution: workload.keyDistribution,
    mix: workload.mix,
  });
}

function planFaults(
  scenario: Scenario,
  sim: Simulation,
): { episodes: FaultEpisode[]; swarm: SwarmDraw | undefined } {
  const episodes = [...scenario.schedule];
  let swarm: SwarmDraw | undefined;
  if (scenario.randomNemesis !== undefined) {
    const drawn = randomSchedule(
      sim.random("nemesis-plan"),
      sim.nodeIds,
      scenario.randomNemesis,
      0,
      scenario.mainUs,
    );
    // One by one: a long run draws more episodes than a call may take arguments.
    for (const episode of drawn.episodes) episodes.push(episode);
    if (scenario.randomNemesis.swarm) swarm = drawn.swarm;
  }
  episodes.sort((a, b) => a.atUs - b.atUs);
  return { episodes, swarm };
}

/** Watches invariants during a run; the first safety violation stops the simulation. */
class InvariantWatch {
  readonly #sim: Simulation;
  readonly #invariants: readonly Invariant[];
  violation: RunFailure | undefined;

  constructor(sim: Simulation, invariants: readonly Invariant[], intervalUs: number) {
    this.#sim = sim;
    this.#invariants = invariants;
    if (invariants.some((invariant) => invariant.onReport !== undefined)) {
      sim.onReport((node, fact) => {
        for (const invariant of invariants)
          this.#judge(invariant, invariant.onReport?.(node, fact, sim));
      });
    }
    if (invariants.some((invariant) => invariant.check !== undefined)) {
      const tick = () => {
        for (const invariant of invariants) this.#judge(invariant, invariant.check?.(sim));
        if (this.violation === undefined) sim.after(intervalUs, tick);
      };
      sim.after(intervalUs, tick);
    }
  }

  /** Runs the end-of-run hooks of the safety invariants; returns the first violation. */
  safetyAtEnd(): RunFailure | undefined {
    for (const invariant of this.#invariants) {
      if (invariant.kind === "liveness") continue;
      this.#judge(invariant, invariant.atEnd?.(this.#sim));
      if (this.violation !== undefined) break;
    }
    return this.violation;
  }

  /** The first liveness invariant that does not hold now, with its message (nothing is recorded). */
  pendingLiveness(): { readonly invariant: Invariant; readonly message: string } | undefined {
    for (const invariant of this.#invariants) {
      if (invariant.kind !== "liveness") continue;
      const message = invariant.atEnd?.(this.#sim);
      if (message !== undefined) return { invariant, message };
    }
    return undefined;
  }

  /** Records a liveness invariant that never came to hold. */
  failLiveness(invariant: Invariant, message: string): RunFailure {
    this.#judge(invariant, message);
    return this.violation!;
  }

  #judge(invariant: Invariant, message: string | undefined): void {
    if (message === undefined || this.violation !== undefined) return;
    const reason =
      invariant.kind === "liveness" ? `liveness:${invariant.name}` : `invariant:${invariant.name}`;
    this.violation = { reason, message: `${invariant.name}: ${message}` };
    this.#sim.stop(`invariant ${invariant.name} violated`);
  }
}

function kernelFailure(stop: RunStop): RunFailure | undefined {
  if (!isRunFailure(stop)) return undefined;
  const reason = stop.kind;
  const details =
    stop.kind === "node-failure"
      ? stop.stack
      : stop.kind === "nondeterminism" && stop.stack !== ""
        ? `${describeRunStop(stop)}\n${stop.stack}`
        : undefined;
  return details === undefined
    ? { reason, message: describeRunStop(stop) }
    : { reason, message: describeRunStop(stop), details };
}

interface CheckedHistory {
  readonly summary: CheckSummary;
  readonly failure?: RunFailure;
  readonly result?: LinearizabilityResult;
}

function checkHistory(scenario: Scenario, history: readonly WorkloadEvent[]): CheckedHistory {
  const model = scenario.checks.linearizability;
  if (model === false) return { summary: { name: "linearizability", verdict: "skipped" } };
  const result = checkLinearizability(history, BUILTIN_MODELS[model]!, {
    maxSteps: scenario.checks.checkerSteps,
  });
  switch (result.verdict) {
    case "linearizable":
      return {
        summary: {
          name: "linearizability",
          verdict: "pass",
          detail: `${result.operations} operations`,
        },
        result,
      };
    case "unknown":
      return {
        summary: {
          name: "linearizability",
          verdict: "unknown",
          detail: `search stopped: ${result.reason}`,
        },
        result,
      };
    case "violation": {
      const details = renderViolation(result.explanation, undefined);
      const message = `history not linearizable: ${details.split("\n")[0]!}`;
      return {
        summary: { name: "linearizability", verdict: "fail", detail: message },
        failure: { reason: "linearizability", message, details },
        result,
      };
    }
  }
}

interface PhaseOutcome {
  readonly failure: RunFailure | undefined;
  readonly recovery: RecoveryOutcome | undefined;
}

async function simulate(
  scenario: Scenario,
  sim: Simulation,
  workload: Clients,
  nemesis: Nemesis,
  watch: InvariantWatch,
): Promise<PhaseOutcome> {
  const recoveryAtUs = scenario.mainUs;
  workload.start(recoveryAtUs);
  let stop = await sim.run({ untilUs: recoveryAtUs });
  let failure = watch.violation ?? kernelFailure(stop);
  if (failure !== undefined) return { failure, recovery: undefined };
  sim.note("recovery phase: healing every fault");
  nemesis.healAll();
  let recovery: RecoveryOutcome | undefined;
  workload.recover(scenario.recovery.opsPerClient, scenario.recovery.budgetUs, (outcome) => {
    recovery = outcome;
    sim.stop(outcome.ok ? "recovery complete" : "recovery budget spent");
  });
  stop = await sim.run({ untilUs: recoveryAtUs + scenario.recovery.budgetUs + END_SLACK_US });
  failure = watch.violation ?? kernelFailure(stop);
  const settledAtUs = recoveryAtUs + scenario.recovery.settleUs;
  if (failure === undefined && sim.nowUs < settledAtUs) {
    sim.note("recovery phase: letting the cluster settle before the final checks");
    stop = await sim.run({ untilUs: settledAtUs });
    failure = watch.violation ?? kernelFailure(stop);
  }
  if (failure === undefined && scenario.checks.liveness) {
    const deadlineUs = Math.max(recoveryAtUs + scenario.recovery.budgetUs, settledAtUs);
    failure = await awaitLiveness(sim, watch, deadlineUs, LIVENESS_POLL_US);
  }
  return { failure, recovery };
}

/** How often liveness invariants are asked again while the cluster settles, in microseconds. */
const LIVENESS_POLL_US = 50_000;

/**
 * Liveness is "eventually": each liveness invariant must come to hold by `deadlineUs`. They
 * are asked again every `pollUs` of virtual time while the cluster runs on; the first one
 * still not holding at the deadline fails the run.
 */
async function awaitLiveness(
  sim: Simulation,
  watch: InvariantWatch,
  deadlineUs: number,
  pollUs: number,
): Promise<RunFailure | undefined> {
  for (;;) {
    const pending = watch.pendingLiveness();
    if (pending === undefined) return undefined;
    if (sim.nowUs + pollUs > deadlineUs)
      return watch.failLiveness(pending.invariant, pending.message);
    const stop = await sim.run({ untilUs: sim.nowUs + pollUs });
    const failure = watch.violation ?? kernelFailure(stop);
    if (failure !== undefined) return failure;
  }
}

function protocolFailure(workload: Clients): RunFailure | undefined {
  const violation = workload.protocolViolation;
  if (violation === undefined) return undefined;
  const problem =
    "problem" in violation
      ? violation.problem
      : "which is not a client result (ok, fail, unknown or redirect)";
  return {
    reason: "client-protocol",
    message: `node ${violation.node} answered ${JSON.stringify(violation.op)} with ${JSON.stringify(violation.result)}: ${problem}`,
  };
}

function endChecks(
  scenario: Scenario,
  phase: PhaseOutcome,
  workload: Clients,
  watch: InvariantWatch,
) {
  const checks: CheckSummary[] = [];
  let failure = phase.failure ?? protocolFailure(workload);
  if (failure === undefined && scenario.checks.liveness && phase.recovery?.ok === false) {
    failure = { reason: "liveness", message: phase.recovery.message };
  }
  if (failure === undefined) failure = watch.safetyAtEnd();
  checks.push({
    name: "invariants",
    verdict: failure?.reason.startsWith("invariant:") ? "fail" : "pass",
  });
  checks.push({
    name: "liveness",
    verdict: failure?.reason.startsWith("liveness") ? "fail" : "pass",
  });
  let linearizability: LinearizabilityResult | undefined;
  if (failure === undefined || failure.reason === "liveness") {
    const checked: CheckedHistory =
      scenario.maelstrom === undefined
        ? checkHistory(scenario, workload.history as readonly WorkloadEvent[])
        : checkMaelstromHistory(scenario.maelstrom, workload.history);
    checks.push(checked.summary);
    failure ??= checked.failure;
    linearizability = checked.result;
  }
  return { checks, failure, linearizability };
}

function clientsFor(scenario: Scenario, sim: Simulation): Clients {
  if (scenario.maelstrom !== undefined) {
    const { workload, options, finalWaitUs } = scenario.maelstrom;
    return new MaelstromClients(sim, {
      workload,
      // The node list follows the simulation's (shrinking may have removed nodes).
      options: { ...options, nodeIds: sim.nodeIds },
      timeoutUs: scenario.workload.timeoutUs,
      finalWaitUs,
      maxOps: scenario.workload.maxOps,
    });
  }
  return new Workload(sim, {
    generator: generatorFor(scenario),
    clients: scenario.workload.clients,
    thinkUs: scenario.workload.thinkUs,
    timeoutUs: scenario.workload.timeoutUs,
    maxRedirects: scenario.workload.maxRedirects,
    maxOps: scenario.workload.maxOps,
    routing: scenario.workload.routing,
  });
}

/**
 * Runs `scenario` for `seed`: the same scenario and seed always give the same result and
 * trace hash.
 *
 * @example
 * ```ts
 * const scenario = await loadScenario("scenarios/raft-partitions.yaml");
 * const result = await runScenario(scenario, 137);
 * if (!result.ok) console.log(result.failure?.reason, result.failure?.message);
 * ```
 */
export async function runScenario(
  scenario: Scenario,
  seed: number,
  options: RunOptions = {},
): Promise<RunResult> {
  const { definition, options: systemOptions } = scenario.system;
  const sim = new Simulation({
    seed,
    nodes: scenario.nodes,
    system: definition.build(systemOptions),
    network: scenario.network,
    maxTimeUs: endOfRunUs(scenario),
    maxEvents: scenario.maxEvents,
    trace: options.trace ?? "hash",
    keepPayloads: options.keepPayloads ?? false,
    determinismGuard: options.determinismGuard ?? scenario.determinismGuard,
  });
  options.onSimulation?.(sim);
  const plan = planFaults(scenario, sim);
  const nemesis = new Nemesis(sim);
  nemesis.schedule(plan.episodes, scenario.mainUs);
  const invariants = scenario.checks.invariants
    ? (definition.invariants?.(systemOptions) ?? [])
    : [];
  const watch = new InvariantWatch(sim, invariants, scenario.checks.invariantIntervalUs);
  const workload = clientsFor(scenario, sim);
  const started = harnessWallClockMs();
  const phase = await simulate(scenario, sim, workload, nemesis, watch);
  const simulated = harnessWallClockMs();
  const { checks, failure, linearizability } = endChecks(scenario, phase, workload, watch);
  return {
    scenario: scenario.name,
    seed,
    ok: failure === undefined,
    failure,
    traceHash: sim.traceHash,
    events: sim.eventCount,
    virtualUs: sim.nowUs,
    ops: workload.stats,
    faults: nemesis.applied,
    swarm: plan.swarm,
    checks,
    linearizability,
    history: workload.history as readonly WorkloadEvent[],
    timing: { simulationMs: simulated - started, checkingMs: harnessWallClockMs() - simulated },
  };
}
