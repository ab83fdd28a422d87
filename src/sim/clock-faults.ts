/**
 * Faults of the nodes' clocks: a bump jumps a wall clock, a drift bends both clocks, a
 * strobe jumps a wall clock forward and back on a period, and a reset puts a wall clock
 * back to true time with no drift. Every change is traced; a change of rate re-queues the
 * node's timers (they run on its monotonic clock, which no jump moves).
 */
import { assert } from "./assert.js";
import type { NodeId } from "./node-api.js";
import type { NodeSlot } from "./node-slot.js";
import type { NodeTimers } from "./node-timers.js";
import type { SimCore } from "./sim-core.js";
import { TraceKind } from "./trace.js";

/** How a clock strobe oscillates. */
export interface StrobeOptions {
  /** Size of each jump, in microseconds. */
  readonly deltaUs: number;
  /** Time between jumps, in microseconds. */
  readonly periodUs: number;
  /** How long the strobe lasts, in microseconds. */
  readonly durationUs: number;
}

function checkStrobe({ deltaUs, periodUs, durationUs }: StrobeOptions): void {
  assert(Number.isSafeInteger(deltaUs), `strobe deltaUs must be an integer, got ${deltaUs}`);
  assert(
    Number.isSafeInteger(periodUs) && periodUs > 0,
    `strobe periodUs must be an integer > 0, got ${periodUs}`,
  );
  assert(
    Number.isSafeInteger(durationUs) && durationUs >= 0,
    `strobe durationUs must be an integer >= 0, got ${durationUs}`,
  );
}

/** The clock fault verbs. */
export class ClockFaults {
  readonly #core: SimCore;
  readonly #timers: NodeTimers;

  constructor(core: SimCore, timers: NodeTimers) {
    this.#core = core;
    this.#timers = timers;
  }

  /** Jumps a node's wall clock by `deltaUs` (negative: backwards); its timers are unmoved. */
  bump(node: NodeId, deltaUs: number): void {
    const slot = this.#core.slot(node);
    slot.clock.bump(this.#core.state.nowUs, deltaUs);
    this.#changed(slot, deltaUs, `bump ${deltaUs}us`, false);
  }

  /** Sets a node's clock drift (both clocks) in parts per million (positive: runs fast). */
  setDrift(node: NodeId, driftPpm: number): void {
    const slot = this.#core.slot(node);
    slot.clock.setDrift(this.#core.state.nowUs, driftPpm);
    this.#changed(slot, 0, `drift ${driftPpm}ppm`, true);
  }

  /** Makes a node's wall clock jump forward and back by `deltaUs` every `periodUs`, for `durationUs`. */
  strobe(node: NodeId, options: StrobeOptions): void {
    const core = this.#core;
    const slot = core.slot(node);
    checkStrobe(options);
    const { deltaUs, periodUs, durationUs } = options;
    slot.stopStrobe?.();
    const endUs = core.state.nowUs + durationUs;
    let forward = true;
    let active = true;
    const jump = () => {
      if (!active) return;
      if (core.state.nowUs >= endUs) {
        active = false;
        if (!forward) this.bump(node, -deltaUs);
        return;
      }
      this.bump(node, forward ? deltaUs : -deltaUs);
      forward = !forward;
      core.at(Math.min(core.state.nowUs + periodUs, endUs), jump);
    };
    slot.stopStrobe = () => {
      if (active && !forward) this.bump(node, -deltaUs);
      active = false;
    };
    const text = `strobe ±${deltaUs}us every ${periodUs}us`;
    core.trace.recordText(TraceKind.clock, core.state.nowUs, slot.index, -1, text);
    jump();
  }

  /** Puts a node's wall clock back to true time, with no drift, and ends any strobe. */
  reset(node: NodeId): void {
    const core = this.#core;
    const slot = core.slot(node);
    slot.stopStrobe?.();
    slot.stopStrobe = undefined;
    const before = slot.clock.reading(core.state.nowUs).offsetUs;
    slot.clock.reset(core.state.nowUs);
    this.#changed(slot, -before, "reset", true);
  }

  /** Traces a clock change; a change of rate moves when each timer comes due. */
  #changed(slot: NodeSlot, deltaUs: number, text: string, rateChanged: boolean): void {
    const core = this.#core;
    core.trace.recordText(TraceKind.clock, core.state.nowUs, slot.index, -1, text, deltaUs);
    if (rateChanged) this.#timers.requeueAll(slot);
  }
}
