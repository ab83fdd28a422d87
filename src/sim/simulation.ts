/**
 * The deterministic simulator: one seed, one virtual clock, one event queue, a cluster of
 * nodes built by the system's factory, the network between them, and the fault verbs that
 * harness code (workloads, nemeses, tests) uses. Everything that happens goes through the
 * queue in (time, sequence) order and is recorded in the trace.
 *
 * `Simulation` is the face users see; the work is done by parts that each own one
 * concern and share one `SimCore`: `NodeLifecycle` (start, crash, restart, pause),
 * `NodeTimers` and `ClockFaults` (time), `Deliveries` (messages), `ClientGateway`
 * (clients and reports), `makeNodeContext` (what a node sees) and `RunLoop` (stepping,
 * async continuations and the determinism guard).
 */
import { assert } from "./assert.js";
import { ClientGateway, type ReportListener } from "./client-gateway.js";
import type { ClockReading } from "./clock.js";
import { ClockFaults, type StrobeOptions } from "./clock-faults.js";
import { Deliveries } from "./deliveries.js";
import type { SimDisk } from "./disk.js";
import type { Network } from "./network.js";
import type { NodeId, NodeSummary } from "./node-api.js";
import { makeNodeContext } from "./node-context.js";
import { NodeLifecycle } from "./node-lifecycle.js";
import type { NodeStatus } from "./node-slot.js";
import { NodeTimers } from "./node-timers.js";
import {
  resolveSimulationOptions,
  type SimulationConfig,
  type SimulationOptions,
} from "./options.js";
import type { RandomStream } from "./random.js";
import { RunLoop } from "./run-loop.js";
import type { RunFailure, RunStop } from "./run-stop.js";
import { SimCore } from "./sim-core.js";
import { SimEvent, SimEventType } from "./sim-event.js";
import { type Trace, TraceKind } from "./trace.js";

export type { ReportListener } from "./client-gateway.js";
export type { StrobeOptions } from "./clock-faults.js";

/** A summary of a finished (or paused) run. */
export interface SimulationResult {
  readonly seed: SimulationConfig["seed"];
  /** Virtual time reached, in microseconds. */
  readonly nowUs: number;
  /** Events processed. */
  readonly events: number;
  /** The 64-bit trace hash (16 hex digits). */
  readonly traceHash: string;
  /** The failure, when the run failed. */
  readonly failure: RunFailure | undefined;
  /** The effective settings, defaults filled in. */
  readonly config: SimulationConfig;
}

/**
 * A deterministic simulation of a cluster.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 7, nodes: 3, system: myFactory });
 * sim.after(ms(500), () => sim.network.partition([["n1"], ["n2", "n3"]]));
 * sim.after(ms(2000), () => sim.network.heal());
 * const stop = await sim.run({ untilUs: seconds(5) });
 * console.log(stop.kind, sim.traceHash);
 * ```
 */
export class Simulation {
  /** The effective settings. */
  readonly config: SimulationConfig;
  /** Node names in order. */
  readonly nodeIds: readonly NodeId[];
  /** The network between nodes. */
  readonly network: Network;
  /** The trace of this run. */
  readonly trace: Trace;
  readonly #core: SimCore;
  readonly #lifecycle: NodeLifecycle;
  readonly #clocks: ClockFaults;
  readonly #clients: ClientGateway;
  readonly #loop: RunLoop;

  constructor(options: SimulationOptions) {
    this.config = resolveSimulationOptions(options);
    const core = new SimCore(this.config);
    this.#core = core;
    this.nodeIds = core.nodeIds;
    this.trace = core.trace;
    this.network = core.network;
    const timers = new NodeTimers(core);
    const deliveries = new Deliveries(core, timers);
    const clients = new ClientGateway(core, deliveries);
    const parts = { core, timers, clients };
    const lifecycle = new NodeLifecycle(core, options.system, (slot) =>
      makeNodeContext(parts, slot),
    );
    this.#lifecycle = lifecycle;
    this.#clocks = new ClockFaults(core, timers);
    this.#clients = clients;
    this.#loop = new RunLoop({ core, lifecycle, timers, deliveries, clients });
    for (const slot of core.slots) core.schedule(new SimEvent(0, SimEventType.start, slot.index));
  }

  /** Current virtual time, in microseconds. */
  get nowUs(): number {
    return this.#core.state.nowUs;
  }

  /** Events processed so far. */
  get eventCount(): number {
    return this.#core.events;
  }

  /** The trace hash so far (16 hex digits). */
  get traceHash(): string {
    return this.trace.hash;
  }

  /** The failure that ended the run, if any. */
  get failure(): RunFailure | undefined {
    return this.#core.failure;
  }

  /** The harness's own random stream called `name` (e.g. "workload", "nemesis"). */
  random(name: string): RandomStream {
    return this.#core.streams.stream(`harness:${name}`);
  }

  /** A summary of the run so far. */
  result(): SimulationResult {
    const core = this.#core;
    return {
      seed: this.config.seed,
      nowUs: core.state.nowUs,
      events: core.events,
      traceHash: this.trace.hash,
      failure: core.failure,
      config: this.config,
    };
  }

  // ---------------------------------------------------------------- running

  /**
   * Processes events in order until none are left, `untilUs` is reached, the run's time or
   * event bound is hit, harness code calls `stop`, or a node fails.
   */
  run(options: { readonly untilUs?: number } = {}): Promise<RunStop> {
    return this.#loop.run(options.untilUs ?? Number.POSITIVE_INFINITY);
  }

  /** Asks a run in progress to stop after the current event. */
  stop(reason: string): void {
    this.#core.stopReason = reason;
  }

  // ---------------------------------------------------------------- harness scheduling

  /** Runs `action` (harness code) at virtual time `timeUs`. */
  at(timeUs: number, action: () => void): void {
    assert(Number.isInteger(timeUs), `at() needs an integer time, got ${timeUs}`);
    this.#core.at(timeUs, action);
  }

  /** Runs `action` (harness code) after `delayUs` microseconds of virtual time. */
  after(delayUs: number, action: () => void): void {
    this.at(this.#core.state.nowUs + Math.max(0, Math.round(delayUs)), action);
  }

  /** Resolves after `delayUs` microseconds of virtual time (for async harness code). */
  sleep(delayUs: number): Promise<void> {
    return new Promise((resolve) =>
      this.after(delayUs, () => {
        this.#core.asyncTouched = true;
        resolve();
      }),
    );
  }

  /** Writes a harness note (a fault, a phase change) into the trace. */
  note(text: string): void {
    this.trace.recordText(TraceKind.note, this.#core.state.nowUs, -1, -1, text);
  }

  // ---------------------------------------------------------------- nodes

  /** A node's status. */
  status(node: NodeId): NodeStatus {
    return this.#lifecycle.status(node);
  }

  /** A node's `inspect()` summary, or undefined when it is crashed or has no `inspect`. */
  inspect(node: NodeId): NodeSummary | undefined {
    return this.#lifecycle.inspect(node);
  }

  /** A node's disk (what it holds survives crashes, as far as it was synced). */
  disk(node: NodeId): SimDisk {
    return this.#core.slot(node).disk;
  }

  /** A node's wall-clock offset (local minus true time, microseconds) and drift (ppm). */
  clock(node: NodeId): ClockReading {
    return this.#core.slot(node).clock.reading(this.#core.state.nowUs);
  }

  /** Crashes a node: volatile state, timers, pending calls and unsynced writes are lost. */
  crash(node: NodeId): boolean {
    return this.#lifecycle.crash(node);
  }

  /** Restarts a crashed node: the factory builds it again from its disk. */
  restart(node: NodeId): boolean {
    return this.#lifecycle.restart(node);
  }

  /** Pauses a node: its timers and deliveries are held until `resume`. Its clocks run on. */
  pause(node: NodeId): boolean {
    return this.#lifecycle.pause(node);
  }

  /** Resumes a paused node: what it missed is delivered now, in arrival order. */
  resume(node: NodeId): boolean {
    return this.#lifecycle.resume(node);
  }

  // ---------------------------------------------------------------- clocks

  /** Jumps a node's wall clock by `deltaUs` (negative: backwards); its timers are unmoved. */
  bumpClock(node: NodeId, deltaUs: number): void {
    this.#clocks.bump(node, deltaUs);
  }

  /** Sets a node's clock drift (both clocks) in parts per million (positive: runs fast). */
  setClockDrift(node: NodeId, driftPpm: number): void {
    this.#clocks.setDrift(node, driftPpm);
  }

  /** Makes a node's wall clock jump forward and back by `deltaUs` every `periodUs`, for `durationUs`. */
  strobeClock(node: NodeId, options: StrobeOptions): void {
    this.#clocks.strobe(node, options);
  }

  /** Puts a node's wall clock back to true time, with no drift, and ends any strobe. */
  resetClock(node: NodeId): void {
    this.#clocks.reset(node);
  }

  // ---------------------------------------------------------------- clients

  /**
   * Sends a client operation to a node. The request travels with client latency (client
   * links are not cut by partitions); the node answers with `ctx.respond`, and the answer
   * travels back to `onResponse`. A crashed node never answers: clients need timeouts.
   * Returns the request id.
   */
  request(
    client: string,
    node: NodeId,
    op: unknown,
    onResponse: (result: unknown) => void,
  ): number {
    return this.#clients.request(client, node, op, onResponse);
  }

  /** Forgets a request the client gave up on; a later answer is dropped. */
  abandon(requestId: number): void {
    this.#clients.abandon(requestId);
  }

  /**
   * Calls `listener` with every fact a node reports through `ctx.report`, as it happens.
   * A listener may call `stop()` or record a violation; it must not throw.
   */
  onReport(listener: ReportListener): void {
    this.#clients.onReport(listener);
  }
}
