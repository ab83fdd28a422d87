/**
 * The run loop: takes events from the queue in (time, sequence) order and hands each to
 * the part that handles it, until no events are left, the requested time or the run's
 * bound is reached, harness code asks to stop, or a node fails.
 *
 * Handlers may be async. After every event that involved a promise the loop lets pending
 * promise continuations run (microtasks only, never the real event loop) before it takes
 * the next event, so async systems are as deterministic as callback ones. While it runs,
 * the determinism guard (when on) turns wall-clock, random, timer and I/O calls into
 * findings.
 */
import { AssertionError, assert } from "./assert.js";
import type { ClientGateway } from "./client-gateway.js";
import type { Deliveries } from "./deliveries.js";
import { enableDeterminismGuard } from "./determinism-guard.js";
import type { NodeLifecycle } from "./node-lifecycle.js";
import type { NodeTimers } from "./node-timers.js";
import { promiseReactions, watchPromiseReactions } from "./promise-activity.js";
import type { RunStop } from "./run-stop.js";
import type { SimCore } from "./sim-core.js";
import { SimEventType as importedSimEventType, type SimEvent } from "./sim-event.js";

// A local copy of an imported constant, for the hot path (see sim-core.ts).
const SimEventType = importedSimEventType;

/**
 * Rounds in which no promise continuation but the loop's own ran, and nothing touched the
 * simulator, before the loop moves on (a second round lets `queueMicrotask` callbacks, which
 * are not counted, start promise work).
 */
const QUIET_ROUNDS = 2;
/** Bound on continuation rounds after one event: more is a promise loop that never waits. */
const MAX_DRAIN_ROUNDS = 1_000_000;

/** The parts an event may be handed to. */
export interface LoopParts {
  readonly core: SimCore;
  readonly lifecycle: NodeLifecycle;
  readonly timers: NodeTimers;
  readonly deliveries: Deliveries;
  readonly clients: ClientGateway;
}

/** Runs a simulation's events. */
export class RunLoop {
  readonly #core: SimCore;
  readonly #parts: LoopParts;
  #running = false;

  constructor(parts: LoopParts) {
    this.#core = parts.core;
    this.#parts = parts;
  }

  /** See `Simulation.run`. */
  async run(untilUs: number): Promise<RunStop> {
    const core = this.#core;
    if (core.failure !== undefined) return core.failure;
    assert(!this.#running, "run() called while the simulation is already running");
    assert(
      untilUs >= core.state.nowUs,
      `run({ untilUs: ${untilUs} }) is in the past (now ${core.state.nowUs})`,
    );
    this.#running = true;
    core.stopReason = undefined;
    const disableGuard = core.config.determinismGuard
      ? enableDeterminismGuard((report) => core.nondeterminism(report))
      : undefined;
    const stopWatching = watchPromiseReactions();
    try {
      return await this.#loop(Math.min(untilUs, core.config.maxTimeUs), untilUs);
    } finally {
      stopWatching();
      disableGuard?.();
      this.#running = false;
    }
  }

  async #loop(limitUs: number, untilUs: number): Promise<RunStop> {
    for (;;) {
      const stop = this.#runEvents(limitUs, untilUs);
      if (stop !== undefined) return stop;
      await this.#settlePromises(this.#core.lastEventNode);
      const after = this.#interruption();
      if (after !== undefined) return after;
    }
  }

  /**
   * Processes events in order, synchronously, until the run ends (returns why) or an event
   * involved a promise (returns undefined: the caller lets the continuations run).
   */
  #runEvents(limitUs: number, untilUs: number): RunStop | undefined {
    const core = this.#core;
    const queue = core.state.queue;
    const maxEvents = core.config.maxEvents;
    for (;;) {
      const next = queue.peek();
      if (next === undefined || next.time > limitUs) return this.#endAt(limitUs, untilUs, next);
      queue.pop();
      if (next.cancelled) continue;
      if (core.events >= maxEvents) {
        core.failure = { kind: "event-limit", maxEvents };
        return core.failure;
      }
      core.state.nowUs = next.time;
      core.events++;
      this.#dispatch(next);
      if (core.asyncTouched) {
        // Harness events target -1, client responses a client: neither is a node.
        core.lastEventNode = next.target < core.slots.length ? next.target : -1;
        return undefined;
      }
      const stop = this.#interruption();
      if (stop !== undefined) return stop;
    }
  }

  #dispatch(event: SimEvent): void {
    const parts = this.#parts;
    switch (event.type) {
      case SimEventType.start:
        parts.lifecycle.start(this.#core.slots[event.target]!, false);
        return;
      case SimEventType.deliver:
        parts.deliveries.deliver(event);
        return;
      case SimEventType.timer:
        parts.timers.fire(event);
        return;
      case SimEventType.clientDeliver:
        parts.clients.deliverRequest(event);
        return;
      case SimEventType.clientResponse:
        parts.clients.deliverResponse(event);
        return;
      case SimEventType.harness:
        event.action!();
        return;
    }
  }

  /** A failure, or a stop that harness code asked for, if either happened. */
  #interruption(): RunStop | undefined {
    const core = this.#core;
    if (core.failure !== undefined) return core.failure;
    if (core.stopReason !== undefined) return { kind: "stopped", reason: core.stopReason };
    return undefined;
  }

  #endAt(limitUs: number, untilUs: number, next: SimEvent | undefined): RunStop {
    const core = this.#core;
    if (next === undefined && untilUs === Number.POSITIVE_INFINITY) return { kind: "idle" };
    core.state.nowUs = Math.max(core.state.nowUs, limitUs);
    if (limitUs === untilUs) return { kind: "until", timeUs: untilUs };
    return { kind: "time-limit", maxTimeUs: core.config.maxTimeUs };
  }

  /**
   * Lets promise continuations run (one microtask turn per round) until rounds pass in which
   * none ran but this loop's own and no node touched the simulator. The continuations are
   * those of `node` (index; -1 for harness code), woken by the event just processed: calls
   * the determinism guard catches are attributed to it, and so is a loop that never settles.
   */
  async #settlePromises(node: number): Promise<void> {
    const core = this.#core;
    core.asyncTouched = false;
    core.currentNode = node;
    try {
      let quiet = 0;
      for (let round = 0; quiet < QUIET_ROUNDS; round++) {
        if (round === MAX_DRAIN_ROUNDS) return this.#neverSettles(node);
        const activity = core.activity;
        const reactions = promiseReactions();
        await undefined;
        const others = promiseReactions() - reactions - 1;
        quiet = others === 0 && core.activity === activity && !core.asyncTouched ? quiet + 1 : 0;
        core.asyncTouched = false;
      }
    } finally {
      core.currentNode = -1;
    }
  }

  #neverSettles(node: number): void {
    const message = `promise continuations still running after ${MAX_DRAIN_ROUNDS} microtask rounds: an async loop that never waits on the simulation`;
    if (node < 0) throw new AssertionError(`harness ${message}`);
    this.#core.nodeFailed(this.#core.slots[node]!, new Error(message));
  }
}
