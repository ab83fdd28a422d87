/**
 * The deterministic simulator: one seed, one virtual clock, one event queue, a cluster of
 * nodes built by the system's factory, the network between them, and the fault verbs that
 * harness code (workloads, nemeses, tests) uses. Everything that happens goes through the
 * queue in (time, sequence) order and is recorded in the trace.
 *
 * Handlers may be async. After every event that involved a promise the loop lets pending
 * promise continuations run (microtasks only, never the real event loop) before it takes
 * the next event, so async systems are as deterministic as callback ones.
 */
import { AssertionError, assert } from "./assert.js";
import { NodeClock } from "./clock.js";
import { enableDeterminismGuard, type ViolationReport } from "./determinism-guard.js";
import { digestInt32 as importedDigestInt32 } from "./digest.js";
import { SimDisk } from "./disk.js";
import { KernelState } from "./kernel-state.js";
import { Network } from "./network.js";
import type {
  CallResult,
  ClientRequest,
  IncomingMessage,
  NodeContext,
  NodeId,
  NodeInit,
  NodeSummary,
} from "./node-api.js";
import { NodeState as importedNodeState, NodeSlot, type NodeStatus } from "./node-slot.js";
import {
  resolveSimulationOptions,
  type SimulationConfig,
  type SimulationOptions,
} from "./options.js";
import { promiseReactions, watchPromiseReactions } from "./promise-activity.js";
import { type RandomStream, RandomStreams } from "./random.js";
import type { RunFailure, RunStop } from "./run-stop.js";
import { SimEventType as importedSimEventType, SimEvent, type TimerRecord } from "./sim-event.js";
import {
  DropReason as importedDropReason,
  TraceKind as importedTraceKind,
  Trace,
} from "./trace.js";

// Imported bindings are read from memory, with a check, at every use, while a module's own
// `const` bindings are folded into the compiled code: the hot paths use these local copies.
const digestInt32 = importedDigestInt32;
const NodeState = importedNodeState;
const SimEventType = importedSimEventType;
const DropReason = importedDropReason;
const TraceKind = importedTraceKind;

/**
 * Rounds in which no promise continuation but the loop's own ran, and nothing touched the
 * simulator, before the loop moves on (a second round lets `queueMicrotask` callbacks, which
 * are not counted, start promise work).
 */
const QUIET_ROUNDS = 2;
/** Bound on continuation rounds after one event: more is a promise loop that never waits. */
const MAX_DRAIN_ROUNDS = 1_000_000;
/** Clusters up to this size find a destination by scanning node names rather than hashing. */
const SCAN_LIMIT = 8;

/** How a clock strobe oscillates. */
export interface StrobeOptions {
  /** Size of each jump, in microseconds. */
  readonly deltaUs: number;
  /** Time between jumps, in microseconds. */
  readonly periodUs: number;
  /** How long the strobe lasts, in microseconds. */
  readonly durationUs: number;
}

/** Receives the facts nodes report with `ctx.report`. */
export type ReportListener = (node: NodeId, fact: unknown) => void;

/** A client's pending request. */
interface PendingRequest {
  readonly client: number;
  readonly node: number;
  readonly onResponse: (result: unknown) => void;
  answered: boolean;
}

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
  readonly #factory: SimulationOptions["system"];
  readonly #streams: RandomStreams;
  readonly #state: KernelState;
  readonly #slots: NodeSlot[];
  readonly #indexes = new Map<string, number>();
  readonly #clients = new Map<string, number>();
  readonly #clientRandom: RandomStream;
  readonly #requests = new Map<number, PendingRequest>();
  #events = 0;
  #sequence = 0;
  #activity = 0;
  #asyncTouched = false;
  #running = false;
  #failure: RunFailure | undefined = undefined;
  #stopReason: string | undefined = undefined;
  #currentNode = -1;
  /** The node whose event last woke promise continuations (-1: harness code). */
  #lastEventNode = -1;
  readonly #reportListeners: ReportListener[] = [];

  constructor(options: SimulationOptions) {
    this.config = resolveSimulationOptions(options);
    this.#factory = options.system;
    this.nodeIds = this.config.nodeIds;
    this.#streams = new RandomStreams(this.config.seed);
    this.#clientRandom = this.#streams.stream("clients");
    this.trace = new Trace(this.config.trace, this.config.keepPayloads);
    this.#state = new KernelState(this.trace, this.nodeIds.length);
    this.#slots = this.nodeIds.map((id, index) => this.#createSlot(id, index));
    this.network = new Network(this.#state, this.nodeIds, this.config.network, this.#streams);
    for (const slot of this.#slots) this.#schedule(new SimEvent(0, SimEventType.start, slot.index));
  }

  /** Current virtual time, in microseconds. */
  get nowUs(): number {
    return this.#state.nowUs;
  }

  /** Events processed so far. */
  get eventCount(): number {
    return this.#events;
  }

  /** The trace hash so far (16 hex digits). */
  get traceHash(): string {
    return this.trace.hash;
  }

  /** The failure that ended the run, if any. */
  get failure(): RunFailure | undefined {
    return this.#failure;
  }

  /** The harness's own random stream called `name` (e.g. "workload", "nemesis"). */
  random(name: string): RandomStream {
    return this.#streams.stream(`harness:${name}`);
  }

  /** A summary of the run so far. */
  result(): SimulationResult {
    return {
      seed: this.config.seed,
      nowUs: this.#state.nowUs,
      events: this.#events,
      traceHash: this.trace.hash,
      failure: this.#failure,
      config: this.config,
    };
  }

  // ---------------------------------------------------------------- running

  /**
   * Processes events in order until none are left, `untilUs` is reached, the run's time or
   * event bound is hit, harness code calls `stop`, or a node fails.
   */
  async run(options: { readonly untilUs?: number } = {}): Promise<RunStop> {
    if (this.#failure !== undefined) return this.#failure;
    assert(!this.#running, "run() called while the simulation is already running");
    const untilUs = options.untilUs ?? Number.POSITIVE_INFINITY;
    assert(
      untilUs >= this.#state.nowUs,
      `run({ untilUs: ${untilUs} }) is in the past (now ${this.#state.nowUs})`,
    );
    this.#running = true;
    this.#stopReason = undefined;
    const disableGuard = this.config.determinismGuard
      ? enableDeterminismGuard((report) => this.#nondeterminism(report))
      : undefined;
    const stopWatching = watchPromiseReactions();
    try {
      return await this.#loop(Math.min(untilUs, this.config.maxTimeUs), untilUs);
    } finally {
      stopWatching();
      disableGuard?.();
      this.#running = false;
    }
  }

  /** Asks a run in progress to stop after the current event. */
  stop(reason: string): void {
    this.#stopReason = reason;
  }

  async #loop(limitUs: number, untilUs: number): Promise<RunStop> {
    for (;;) {
      const stop = this.#runEvents(limitUs, untilUs);
      if (stop !== undefined) return stop;
      await this.#settlePromises(this.#lastEventNode);
      const after = this.#interruption();
      if (after !== undefined) return after;
    }
  }

  /**
   * Processes events in order, synchronously, until the run ends (returns why) or an event
   * involved a promise (returns undefined: the caller lets the continuations run).
   */
  #runEvents(limitUs: number, untilUs: number): RunStop | undefined {
    const queue = this.#state.queue;
    const maxEvents = this.config.maxEvents;
    for (;;) {
      const next = queue.peek();
      if (next === undefined || next.time > limitUs) return this.#endAt(limitUs, untilUs, next);
      queue.pop();
      if (next.cancelled) continue;
      if (this.#events >= maxEvents) {
        this.#failure = { kind: "event-limit", maxEvents };
        return this.#failure;
      }
      this.#state.nowUs = next.time;
      this.#events++;
      this.#dispatch(next);
      if (this.#asyncTouched) {
        // Harness events target -1, client responses a client: neither is a node.
        this.#lastEventNode = next.target < this.#slots.length ? next.target : -1;
        return undefined;
      }
      const stop = this.#interruption();
      if (stop !== undefined) return stop;
    }
  }

  /** A failure, or a stop that harness code asked for, if either happened. */
  #interruption(): RunStop | undefined {
    if (this.#failure !== undefined) return this.#failure;
    if (this.#stopReason !== undefined) return { kind: "stopped", reason: this.#stopReason };
    return undefined;
  }

  #endAt(limitUs: number, untilUs: number, next: SimEvent | undefined): RunStop {
    if (next === undefined && untilUs === Number.POSITIVE_INFINITY) return { kind: "idle" };
    this.#state.nowUs = Math.max(this.#state.nowUs, limitUs);
    if (limitUs === untilUs) return { kind: "until", timeUs: untilUs };
    return { kind: "time-limit", maxTimeUs: this.config.maxTimeUs };
  }

  /**
   * Lets promise continuations run (one microtask turn per round) until rounds pass in which
   * none ran but this loop's own and no node touched the simulator. The continuations are
   * those of `node` (index; -1 for harness code), woken by the event just processed: calls
   * the determinism guard catches are attributed to it, and so is a loop that never settles.
   */
  async #settlePromises(node: number): Promise<void> {
    this.#asyncTouched = false;
    this.#currentNode = node;
    try {
      let quiet = 0;
      for (let round = 0; quiet < QUIET_ROUNDS; round++) {
        if (round === MAX_DRAIN_ROUNDS) return this.#neverSettles(node);
        const activity = this.#activity;
        const reactions = promiseReactions();
        await undefined;
        const others = promiseReactions() - reactions - 1;
        quiet = others === 0 && this.#activity === activity && !this.#asyncTouched ? quiet + 1 : 0;
        this.#asyncTouched = false;
      }
    } finally {
      this.#currentNode = -1;
    }
  }

  #neverSettles(node: number): void {
    const message = `promise continuations still running after ${MAX_DRAIN_ROUNDS} microtask rounds: an async loop that never waits on the simulation`;
    if (node < 0) throw new AssertionError(`harness ${message}`);
    this.#nodeFailed(this.#slots[node]!, new Error(message));
  }

  #dispatch(event: SimEvent): void {
    switch (event.type) {
      case SimEventType.start:
        this.#startNode(this.#slots[event.target]!, false);
        return;
      case SimEventType.deliver:
        this.#deliver(event);
        return;
      case SimEventType.timer:
        this.#fireTimer(event);
        return;
      case SimEventType.clientDeliver:
        this.#deliverRequest(event);
        return;
      case SimEventType.clientResponse:
        this.#deliverResponse(event);
        return;
      case SimEventType.harness:
        event.action!();
        return;
    }
  }

  #schedule(event: SimEvent): void {
    if (event.time < this.#state.nowUs) {
      throw new AssertionError(`event scheduled in the past: ${event.time} < ${this.#state.nowUs}`);
    }
    this.#state.queue.push(event);
  }

  // ---------------------------------------------------------------- harness scheduling

  /** Runs `action` (harness code) at virtual time `timeUs`. */
  at(timeUs: number, action: () => void): void {
    assert(Number.isInteger(timeUs), `at() needs an integer time, got ${timeUs}`);
    const event = new SimEvent(Math.max(timeUs, this.#state.nowUs), SimEventType.harness, -1);
    event.action = action;
    this.#schedule(event);
  }

  /** Runs `action` (harness code) after `delayUs` microseconds of virtual time. */
  after(delayUs: number, action: () => void): void {
    this.at(this.#state.nowUs + Math.max(0, Math.round(delayUs)), action);
  }

  /** Resolves after `delayUs` microseconds of virtual time (for async harness code). */
  sleep(delayUs: number): Promise<void> {
    return new Promise((resolve) =>
      this.after(delayUs, () => {
        this.#asyncTouched = true;
        resolve();
      }),
    );
  }

  /** Writes a harness note (a fault, a phase change) into the trace. */
  note(text: string): void {
    this.trace.recordText(TraceKind.note, this.#state.nowUs, -1, -1, text);
  }

  // ---------------------------------------------------------------- nodes

  /** A node's status. */
  status(node: NodeId): NodeStatus {
    return this.#slot(node).status;
  }

  /** A node's `inspect()` summary, or undefined when it is crashed or has no `inspect`. */
  inspect(node: NodeId): NodeSummary | undefined {
    const slot = this.#slot(node);
    if (slot.state === NodeState.crashed || slot.instance?.inspect === undefined) return undefined;
    return slot.instance.inspect();
  }

  /** A node's disk (what it holds survives crashes, as far as it was synced). */
  disk(node: NodeId): SimDisk {
    return this.#slot(node).disk;
  }

  /** A node's clock offset (local minus true time, microseconds) and drift (ppm). */
  clock(node: NodeId): { readonly offsetUs: number; readonly driftPpm: number } {
    return this.#slot(node).clock.reading(this.#state.nowUs);
  }

  /** Crashes a node: volatile state, timers, pending calls and unsynced writes are lost. */
  crash(node: NodeId): boolean {
    const slot = this.#slot(node);
    if (slot.state === NodeState.crashed) return false;
    const lostWrites = slot.disk.crash();
    const held = slot.held;
    slot.dropVolatileState();
    slot.state = NodeState.crashed;
    slot.endIncarnation();
    this.trace.record(TraceKind.crash, this.#state.nowUs, slot.index, -1, lostWrites, 0);
    this.#dropHeld(held);
    return true;
  }

  /** Records that `event`'s message or request was not delivered, and why (a `DropReason`). */
  #traceDrop(event: SimEvent, reason: number): void {
    const { nowUs } = this.#state;
    this.trace.record(TraceKind.drop, nowUs, event.source, event.target, event.id, reason);
  }

  /** Traces the drop of the messages and requests a node held while paused. */
  #dropHeld(held: readonly SimEvent[]): void {
    for (const event of held) {
      if (event.type !== SimEventType.deliver && event.type !== SimEventType.clientDeliver)
        continue;
      this.#traceDrop(event, DropReason.crashed);
      if (event.type === SimEventType.deliver) this.#state.pool.recycle(event);
    }
  }

  /** Restarts a crashed node: the factory builds it again from its disk. */
  restart(node: NodeId): boolean {
    const slot = this.#slot(node);
    if (slot.state !== NodeState.crashed) return false;
    slot.state = NodeState.up;
    this.trace.record(TraceKind.restart, this.#state.nowUs, slot.index, -1, slot.incarnation, 0);
    this.#startNode(slot, true);
    return true;
  }

  /** Pauses a node: its timers and deliveries are held until `resume`. Its clock runs on. */
  pause(node: NodeId): boolean {
    const slot = this.#slot(node);
    if (slot.state !== NodeState.up) return false;
    slot.state = NodeState.paused;
    this.trace.record(TraceKind.pause, this.#state.nowUs, slot.index, -1, 0, 0);
    return true;
  }

  /** Resumes a paused node: what it missed is delivered now, in arrival order. */
  resume(node: NodeId): boolean {
    const slot = this.#slot(node);
    if (slot.state !== NodeState.paused) return false;
    slot.state = NodeState.up;
    this.trace.record(TraceKind.resume, this.#state.nowUs, slot.index, -1, slot.held.length, 0);
    for (const event of slot.held) {
      event.time = this.#state.nowUs;
      this.#schedule(event);
    }
    slot.held = [];
    return true;
  }

  /** Jumps a node's wall clock by `deltaUs` (negative: backwards); its timers are unmoved. */
  bumpClock(node: NodeId, deltaUs: number): void {
    const slot = this.#slot(node);
    slot.clock.bump(this.#state.nowUs, deltaUs);
    this.#clockChanged(slot, deltaUs, `bump ${deltaUs}us`, false);
  }

  /** Sets a node's clock drift (both clocks) in parts per million (positive: runs fast). */
  setClockDrift(node: NodeId, driftPpm: number): void {
    const slot = this.#slot(node);
    slot.clock.setDrift(this.#state.nowUs, driftPpm);
    this.#clockChanged(slot, 0, `drift ${driftPpm}ppm`, true);
  }

  /** Makes a node's wall clock jump forward and back by `deltaUs` every `periodUs`, for `durationUs`. */
  strobeClock(node: NodeId, options: StrobeOptions): void {
    const slot = this.#slot(node);
    const { deltaUs, periodUs, durationUs } = options;
    assert(Number.isSafeInteger(deltaUs), `strobe deltaUs must be an integer, got ${deltaUs}`);
    assert(
      Number.isSafeInteger(periodUs) && periodUs > 0,
      `strobe periodUs must be an integer > 0, got ${periodUs}`,
    );
    assert(
      Number.isSafeInteger(durationUs) && durationUs >= 0,
      `strobe durationUs must be an integer >= 0, got ${durationUs}`,
    );
    slot.stopStrobe?.();
    const endUs = this.#state.nowUs + durationUs;
    let forward = true;
    let active = true;
    const jump = () => {
      if (!active) return;
      if (this.#state.nowUs >= endUs) {
        active = false;
        if (!forward) this.bumpClock(node, -deltaUs);
        return;
      }
      this.bumpClock(node, forward ? deltaUs : -deltaUs);
      forward = !forward;
      this.at(Math.min(this.#state.nowUs + periodUs, endUs), jump);
    };
    slot.stopStrobe = () => {
      if (active && !forward) this.bumpClock(node, -deltaUs);
      active = false;
    };
    this.trace.recordText(
      TraceKind.clock,
      this.#state.nowUs,
      slot.index,
      -1,
      `strobe ±${deltaUs}us every ${periodUs}us`,
    );
    jump();
  }

  /** Puts a node's wall clock back to true time, with no drift, and ends any strobe. */
  resetClock(node: NodeId): void {
    const slot = this.#slot(node);
    slot.stopStrobe?.();
    slot.stopStrobe = undefined;
    const before = slot.clock.reading(this.#state.nowUs).offsetUs;
    slot.clock.reset(this.#state.nowUs);
    this.#clockChanged(slot, -before, "reset", true);
  }

  /**
   * Traces a clock change. A change of rate (drift, reset) moves the true time at which the
   * monotonic clock reaches each timer's deadline, so the timers are queued again; a jump of
   * the wall clock leaves them be.
   */
  #clockChanged(slot: NodeSlot, deltaUs: number, text: string, rateChanged: boolean): void {
    this.trace.recordText(TraceKind.clock, this.#state.nowUs, slot.index, -1, text, deltaUs);
    if (!rateChanged) return;
    for (const timer of slot.timers.values()) {
      timer.event.cancelled = true;
      this.#queueTimer(slot, timer);
    }
  }

  #createSlot(id: NodeId, index: number): NodeSlot {
    this.#indexes.set(id, index);
    this.trace.endpoints.push(id);
    const disk = new SimDisk(this.#streams.stream(`disk:${id}`));
    disk.setFaults(this.config.diskFaults);
    const clock = new NodeClock();
    const { offsetUs, driftPpm } = this.config.clocks[id]!;
    clock.bump(0, offsetUs);
    clock.setDrift(0, driftPpm);
    return new NodeSlot(
      id,
      index,
      this.#state.incarnations,
      disk,
      clock,
      this.#streams.stream(`node:${id}`),
    );
  }

  #slot(node: NodeId): NodeSlot {
    const index = this.#indexes.get(node);
    if (index === undefined)
      throw new RangeError(`unknown node "${node}"; nodes are ${this.nodeIds.join(", ")}`);
    return this.#slots[index]!;
  }

  #startNode(slot: NodeSlot, restarted: boolean): void {
    this.trace.record(TraceKind.start, this.#state.nowUs, slot.index, -1, slot.incarnation, 0);
    const context = this.#makeContext(slot);
    slot.context = context;
    const peers = this.nodeIds.filter((id) => id !== slot.id);
    const init = { id: slot.id, peers, ctx: context, restarted };
    this.#invoke(
      slot,
      (argument: NodeInit) => (slot.instance = this.#factory(argument)),
      undefined,
      init,
    );
  }

  /** Calls a node's handler as `target.handler(argument)`; a throw or rejection is a finding. */
  #invoke<A>(
    slot: NodeSlot,
    handler: (argument: A) => unknown,
    target: unknown,
    argument: A,
  ): void {
    this.#currentNode = slot.index;
    try {
      const result = handler.call(target, argument);
      if (result instanceof Promise) this.#awaitHandler(slot, result);
    } catch (error) {
      this.#nodeFailed(slot, error);
    } finally {
      this.#currentNode = -1;
    }
  }

  /** An async handler: its continuations are settled by the run loop; a rejection is a finding. */
  #awaitHandler(slot: NodeSlot, result: Promise<unknown>): void {
    this.#asyncTouched = true;
    result.then(undefined, (error: unknown) => this.#nodeFailed(slot, error));
  }

  #nodeFailed(slot: NodeSlot, error: unknown): void {
    if (this.#failure !== undefined) return;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    this.trace.recordText(TraceKind.nodeFailure, this.#state.nowUs, slot.index, -1, message);
    this.#failure = { kind: "node-failure", node: slot.id, message, stack };
  }

  #nondeterminism({ call, stack }: ViolationReport): void {
    if (this.#failure !== undefined) return;
    const node = this.#currentNode >= 0 ? this.#slots[this.#currentNode]!.id : undefined;
    this.trace.recordText(
      TraceKind.nodeFailure,
      this.#state.nowUs,
      this.#currentNode,
      -1,
      `nondeterminism: ${call}`,
    );
    this.#failure = { kind: "nondeterminism", node, call, stack };
  }

  // ---------------------------------------------------------------- deliveries

  #deliver(event: SimEvent): void {
    const slot = this.#slots[event.target]!;
    const deliverable =
      slot.state === NodeState.up &&
      slot.incarnation === event.incarnation &&
      !this.network.isCutAt(event.source, event.target);
    if (!deliverable && !this.#admitDelivery(slot, event)) return;
    if (event.isReply) {
      this.#deliverReply(slot, event);
    } else {
      this.#deliverMessage(slot, event);
    }
    this.#state.pool.recycle(event);
  }

  /**
   * The unusual cases of a delivery: the node crashed or restarted since the send, the link
   * is cut, or the node is paused. Returns whether the message is delivered now.
   */
  #admitDelivery(slot: NodeSlot, event: SimEvent): boolean {
    if (!this.#reachable(slot, event)) {
      this.#state.pool.recycle(event);
      return false;
    }
    if (this.network.isCutAt(event.source, event.target)) {
      this.#traceDrop(event, DropReason.partition);
      this.#state.pool.recycle(event);
      return false;
    }
    if (slot.state === NodeState.paused) {
      slot.held.push(event);
      return false;
    }
    return true;
  }

  #deliverMessage(slot: NodeSlot, event: SimEvent): void {
    const { nowUs } = this.#state;
    this.trace.record(TraceKind.deliver, nowUs, event.source, event.target, event.id, event.digest);
    const instance = slot.instance;
    if (instance?.onMessage === undefined) return;
    const message: IncomingMessage = {
      from: this.nodeIds[event.source]!,
      body: event.body,
      callId: event.callId === 0 ? undefined : event.callId,
    };
    // `#invoke` by hand: a direct method call, which the compiler can inline, where
    // `#invoke`'s `handler.call` is shared with every other handler and goes through the
    // generic call path.
    this.#currentNode = slot.index;
    try {
      const result = instance.onMessage(message);
      if (result instanceof Promise) this.#awaitHandler(slot, result);
    } catch (error) {
      this.#nodeFailed(slot, error);
    } finally {
      this.#currentNode = -1;
    }
  }

  #deliverReply(slot: NodeSlot, event: SimEvent): void {
    const pending = slot.calls.get(event.callId);
    if (pending === undefined) {
      this.#traceDrop(event, DropReason.lateReply);
      return;
    }
    this.trace.record(
      TraceKind.deliver,
      this.#state.nowUs,
      event.source,
      event.target,
      event.id,
      event.digest,
    );
    slot.calls.delete(event.callId);
    this.#cancelTimer(slot, pending.timerId);
    this.#asyncTouched = true;
    pending.resolve({ ok: true, body: event.body });
  }

  /** Whether an event still finds its node alive in the same life; traces the drop if not. */
  #reachable(slot: NodeSlot, event: SimEvent): boolean {
    if (slot.state !== NodeState.crashed && slot.incarnation === event.incarnation) return true;
    const reason = slot.state === NodeState.crashed ? DropReason.crashed : DropReason.restarted;
    this.#traceDrop(event, reason);
    return false;
  }

  #fireTimer(event: SimEvent): void {
    const slot = this.#slots[event.target]!;
    const timer = event.timer!;
    if (slot.state === NodeState.paused) {
      slot.held.push(event);
      return;
    }
    slot.timers.delete(timer.id);
    this.trace.record(TraceKind.timer, this.#state.nowUs, slot.index, -1, timer.id, 0);
    this.#invoke(slot, timer.callback, undefined, undefined);
  }

  #queueTimer(slot: NodeSlot, timer: TimerRecord): void {
    const time = slot.clock.trueTimeWhenMonotonicReaches(timer.deadlineUs, this.#state.nowUs);
    const event = new SimEvent(time, SimEventType.timer, slot.index);
    event.incarnation = slot.incarnation;
    event.timer = timer;
    timer.event = event;
    this.#schedule(event);
  }

  #setTimer(slot: NodeSlot, delayMs: number, callback: () => void): number {
    assert(Number.isFinite(delayMs) && delayMs >= 0, `timer delay must be >= 0 ms, got ${delayMs}`);
    const id = ++this.#sequence;
    const deadlineUs = slot.clock.monotonicAt(this.#state.nowUs) + Math.round(delayMs * 1000);
    // `event` is filled in by #queueTimer just below.
    const timer: TimerRecord = {
      id,
      deadlineUs,
      callback,
      event: undefined as unknown as SimEvent,
    };
    slot.timers.set(id, timer);
    this.#queueTimer(slot, timer);
    return id;
  }

  #cancelTimer(slot: NodeSlot, id: number): void {
    const timer = slot.timers.get(id);
    if (timer === undefined) return;
    timer.event.cancelled = true;
    slot.timers.delete(id);
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
    const slot = this.#slot(node);
    const clientIndex = this.#clientIndex(client);
    const id = ++this.#sequence;
    const digest = digestInt32(op);
    const sent = this.trace.record(
      TraceKind.clientRequest,
      this.#state.nowUs,
      clientIndex,
      slot.index,
      id,
      digest,
    );
    this.trace.attachPayload(sent, op);
    this.#requests.set(id, { client: clientIndex, node: slot.index, onResponse, answered: false });
    const event = new SimEvent(
      this.#state.nowUs + this.#clientLatency(),
      SimEventType.clientDeliver,
      slot.index,
    );
    event.source = clientIndex;
    event.incarnation = slot.incarnation;
    event.id = id;
    event.body = op;
    event.digest = digest;
    this.#schedule(event);
    return id;
  }

  /** Forgets a request the client gave up on; a later answer is dropped. */
  abandon(requestId: number): void {
    this.#requests.delete(requestId);
  }

  #clientIndex(client: string): number {
    let index = this.#clients.get(client);
    if (index === undefined) {
      assert(!this.#indexes.has(client), `client name "${client}" is also a node name`);
      index = this.trace.endpoints.length;
      this.trace.endpoints.push(client);
      this.#clients.set(client, index);
    }
    return index;
  }

  #clientLatency(): number {
    const { clientLatencyUsMin: min, clientLatencyUsMax: max } = this.config.network;
    return min + Math.floor(this.#clientRandom.next() * (max - min + 1));
  }

  #deliverRequest(event: SimEvent): void {
    const slot = this.#slots[event.target]!;
    if (!this.#reachable(slot, event)) return;
    if (slot.state === NodeState.paused) {
      slot.held.push(event);
      return;
    }
    this.trace.record(
      TraceKind.clientDeliver,
      this.#state.nowUs,
      event.source,
      slot.index,
      event.id,
      event.digest,
    );
    const instance = slot.instance;
    const request: ClientRequest = {
      id: event.id,
      client: this.trace.endpoints[event.source]!,
      op: event.body,
    };
    if (instance?.onClientRequest === undefined) {
      const error = new Error(`node ${slot.id} got a client request but has no onClientRequest`);
      this.#nodeFailed(slot, error);
      return;
    }
    this.#invoke(slot, instance.onClientRequest, instance, request);
  }

  #respond(slot: NodeSlot, request: ClientRequest, result: unknown): void {
    const pending = this.#requests.get(request.id);
    if (pending === undefined || pending.answered || pending.node !== slot.index) return;
    pending.answered = true;
    const digest = digestInt32(result);
    const sent = this.trace.record(
      TraceKind.clientReply,
      this.#state.nowUs,
      slot.index,
      pending.client,
      request.id,
      digest,
    );
    this.trace.attachPayload(sent, result);
    const event = new SimEvent(
      this.#state.nowUs + this.#clientLatency(),
      SimEventType.clientResponse,
      pending.client,
    );
    event.source = slot.index;
    event.id = request.id;
    event.body = result;
    event.digest = digest;
    this.#schedule(event);
  }

  #deliverResponse(event: SimEvent): void {
    const pending = this.#requests.get(event.id);
    this.trace.record(
      TraceKind.clientResponse,
      this.#state.nowUs,
      event.source,
      event.target,
      event.id,
      event.digest,
    );
    if (pending === undefined) return;
    this.#requests.delete(event.id);
    pending.onResponse(event.body);
  }

  // ---------------------------------------------------------------- reports

  /**
   * Calls `listener` with every fact a node reports through `ctx.report`, as it happens.
   * A listener may call `stop()` or record a violation; it must not throw.
   */
  onReport(listener: ReportListener): void {
    this.#reportListeners.push(listener);
  }

  #report(slot: NodeSlot, fact: unknown): void {
    const digest = digestInt32(fact);
    const index = this.trace.record(TraceKind.report, this.#state.nowUs, slot.index, -1, 0, digest);
    this.trace.attachPayload(index, fact);
    for (const listener of this.#reportListeners) listener(slot.id, fact);
  }

  // ---------------------------------------------------------------- node context

  #makeContext(slot: NodeSlot): NodeContext {
    // A context belongs to one life of its node: once that life ends, every call is ignored.
    const life = slot.life;
    const alive = () => life.alive;
    const touch = () => {
      this.#activity++;
      return alive();
    };
    const nodeIds = this.nodeIds;
    const smallCluster = nodeIds.length <= SCAN_LIMIT;
    const sendMessage = (to: NodeId, body: unknown, callId: number, isReply: boolean) => {
      // A scan of a few node names (usually the very strings of `ctx.peers`) beats hashing.
      let target: number | undefined;
      if (smallCluster) {
        for (let index = 0; index < nodeIds.length; index++) {
          if (nodeIds[index] === to) {
            target = index;
            break;
          }
        }
      } else {
        target = this.#indexes.get(to);
      }
      if (target === undefined)
        throw new RangeError(`node ${slot.id} sent to unknown node "${to}"`);
      if (!touch()) return;
      const event = this.#state.pool.message(target);
      event.source = slot.index;
      event.id = ++this.#sequence;
      event.callId = callId;
      event.isReply = isReply;
      event.body = body;
      event.digest = digestInt32(body);
      this.network.transmit(event);
    };
    const setTimer = (delayMs: number, callback: () => void) =>
      touch() ? this.#setTimer(slot, delayMs, callback) : 0;
    return {
      id: slot.id,
      peers: this.nodeIds.filter((id) => id !== slot.id),
      rng: slot.random,
      disk: slot.disk,
      now: () => slot.clock.localAt(this.#state.nowUs) / 1000,
      nowUs: () => slot.clock.localAt(this.#state.nowUs),
      monotonicNow: () => slot.clock.monotonicAt(this.#state.nowUs) / 1000,
      monotonicNowUs: () => slot.clock.monotonicAt(this.#state.nowUs),
      random: () => slot.random.next(),
      send: (to, body) => sendMessage(to, body, 0, false),
      reply: (message, body) => {
        assert(message.callId !== undefined, "reply() to a message that was not sent with call()");
        sendMessage(message.from, body, message.callId, true);
      },
      call: (to, body, options) =>
        new Promise<CallResult>((resolve) => {
          assert(options.timeoutMs >= 0, `call() needs timeoutMs >= 0, got ${options.timeoutMs}`);
          const callId = ++this.#sequence;
          const timerId = setTimer(options.timeoutMs, () => {
            slot.calls.delete(callId);
            this.#asyncTouched = true;
            resolve({ ok: false, reason: "timeout" });
          });
          if (alive()) slot.calls.set(callId, { resolve, timerId });
          sendMessage(to, body, callId, false);
        }),
      sleep: (delayMs) =>
        new Promise<void>((resolve) => {
          setTimer(delayMs, () => {
            this.#asyncTouched = true;
            resolve();
          });
        }),
      setTimer,
      cancelTimer: (timer) => {
        if (touch()) this.#cancelTimer(slot, timer);
      },
      respond: (request, result) => {
        if (touch()) this.#respond(slot, request, result);
      },
      report: (fact) => {
        if (touch()) this.#report(slot, fact);
      },
      log: (message) => {
        if (touch())
          this.trace.recordText(TraceKind.log, this.#state.nowUs, slot.index, -1, String(message));
      },
    };
  }
}
