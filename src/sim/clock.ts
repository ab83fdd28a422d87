/**
 * A node's own clocks, as a real machine has two: a wall clock (CLOCK_REALTIME) and a
 * monotonic clock (CLOCK_MONOTONIC). Both run at the node's rate, which may be fast or slow
 * (drift, in parts per million). Faults move the wall clock only: a bump jumps it, a strobe
 * jumps it back and forth, a reset puts it back to true time. The monotonic clock never
 * jumps and never runs backwards; it starts at 0 when the run starts and keeps counting
 * through crashes (a restarted process on the same machine) and pauses (the node sees the
 * gap when it resumes). Timers run on the monotonic clock, as `setTimeout` does on Linux.
 *
 * Both are piecewise linear: since the last change at true time `baseTrueUs` the wall
 * clock reads `baseLocalUs + (t - baseTrueUs) * rate` and the monotonic one
 * `baseMonotonicUs + (t - baseTrueUs) * rate`.
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
  #baseMonotonicUs = 0;
  #driftPpm = 0;
  #rate = 1;

  /** The wall clock's reading at true time `trueUs` (never before the last change). */
  localAt(trueUs: number): number {
    return this.#baseLocalUs + Math.floor((trueUs - this.#baseTrueUs) * this.#rate);
  }

  /** The monotonic clock's reading at true time `trueUs` (never before the last change). */
  monotonicAt(trueUs: number): number {
    return this.#baseMonotonicUs + Math.floor((trueUs - this.#baseTrueUs) * this.#rate);
  }

  /** The earliest true time, not before `nowUs`, at which the wall clock reads `localUs`. */
  trueTimeWhenLocalReaches(localUs: number, nowUs: number): number {
    let trueUs = this.#baseTrueUs + Math.ceil((localUs - this.#baseLocalUs) / this.#rate);
    if (this.localAt(trueUs) < localUs) trueUs += 1; // floating-point rounding at the boundary
    return Math.max(trueUs, nowUs);
  }

  /**
   * The earliest true time, not before `nowUs`, at which the monotonic clock reads
   * `monotonicUs` or more. Timers use it to turn a deadline into a place in the event queue.
   */
  trueTimeWhenMonotonicReaches(monotonicUs: number, nowUs: number): number {
    let trueUs = this.#baseTrueUs + Math.ceil((monotonicUs - this.#baseMonotonicUs) / this.#rate);
    if (this.monotonicAt(trueUs) < monotonicUs) trueUs += 1; // floating-point rounding
    return Math.max(trueUs, nowUs);
  }

  /** Offset and drift at true time `nowUs`. */
  reading(nowUs: number): ClockReading {
    return { offsetUs: this.localAt(nowUs) - nowUs, driftPpm: this.#driftPpm };
  }

  /** Jumps the wall clock by `deltaUs` (negative: backwards) at true time `nowUs`. */
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

  /** Puts the wall clock back to true time; both clocks run on with no drift. */
  reset(nowUs: number): void {
    this.#rebase(nowUs);
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
    this.#baseMonotonicUs = this.monotonicAt(nowUs);
    this.#baseTrueUs = nowUs;
  }
}
