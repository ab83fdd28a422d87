/**
 * A node's own clock. Each node reads time through a clock that may be offset from the
 * simulator's true time and may run fast or slow (drift, in parts per million). Faults
 * change it: a bump jumps it, a drift change bends it, a reset puts it back to true time.
 * The clock is piecewise linear: since the last change at true time `baseTrueUs` it reads
 * `baseLocalUs + (t - baseTrueUs) * rate`.
 */
import { assert } from "./assert.js";

/** Largest drift accepted, in parts per million (±50%). */
export const MAX_DRIFT_PPM = 500_000;

/** A node clock's settings at a moment, for reports and the terminal UI. */
export interface ClockReading {
  /** Local time minus true time, in microseconds. */
  readonly offsetUs: number;
  /** Drift in parts per million (positive: runs fast). */
  readonly driftPpm: number;
}

/** One node's clock. All times are integer microseconds. */
export class NodeClock {
  #baseTrueUs = 0;
  #baseLocalUs = 0;
  #driftPpm = 0;
  #rate = 1;

  /** The local reading at true time `trueUs` (never before the last change). */
  localAt(trueUs: number): number {
    return this.#baseLocalUs + Math.floor((trueUs - this.#baseTrueUs) * this.#rate);
  }

  /**
   * The earliest true time, not before `nowUs`, at which the local clock reads `localUs`
   * or more. Timers use it to turn a local deadline into a place in the event queue.
   */
  trueTimeWhenLocalReaches(localUs: number, nowUs: number): number {
    let trueUs = this.#baseTrueUs + Math.ceil((localUs - this.#baseLocalUs) / this.#rate);
    if (this.localAt(trueUs) < localUs) trueUs += 1; // floating-point rounding at the boundary
    return Math.max(trueUs, nowUs);
  }

  /** Offset and drift at true time `nowUs`. */
  reading(nowUs: number): ClockReading {
    return { offsetUs: this.localAt(nowUs) - nowUs, driftPpm: this.#driftPpm };
  }

  /** Jumps the clock by `deltaUs` (negative: backwards) at true time `nowUs`. */
  bump(nowUs: number, deltaUs: number): void {
    assert(Number.isInteger(deltaUs), `clock bump must be whole microseconds, got ${deltaUs}`);
    this.#rebase(nowUs);
    this.#baseLocalUs += deltaUs;
  }

  /** Sets the drift to `driftPpm` parts per million from true time `nowUs` on. */
  setDrift(nowUs: number, driftPpm: number): void {
    assert(
      Number.isFinite(driftPpm) && Math.abs(driftPpm) <= MAX_DRIFT_PPM,
      `clock drift must be within ±${MAX_DRIFT_PPM} ppm, got ${driftPpm}`,
    );
    this.#rebase(nowUs);
    this.#driftPpm = driftPpm;
    this.#rate = 1 + driftPpm / 1_000_000;
  }

  /** Puts the clock back to true time with no drift. */
  reset(nowUs: number): void {
    this.#baseTrueUs = nowUs;
    this.#baseLocalUs = nowUs;
    this.#driftPpm = 0;
    this.#rate = 1;
  }

  #rebase(nowUs: number): void {
    assert(
      nowUs >= this.#baseTrueUs,
      `clock rebased into the past: ${nowUs} < ${this.#baseTrueUs}`,
    );
    this.#baseLocalUs = this.localAt(nowUs);
    this.#baseTrueUs = nowUs;
  }
}
