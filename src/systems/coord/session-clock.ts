/**
 * The clock the leader measures sessions' idle time with. It reads the node's monotonic
 * clock, which never jumps; but a paused process sees a long gap when it resumes, and a
 * lease measured naively across that gap runs out in an instant. So the session clock
 * counts elapsed time in bounded steps: each reading adds the time since the previous one,
 * but never less than zero nor more than `maxStepUs` (a pause). The leader reads it at
 * least every `expiryCheckMs`, so an honest step is below the bound and only gaps are cut.
 * Drift still passes through: the promise a session gets is shorter than its TTL by a
 * margin (`sessionDriftMarginMs`).
 *
 * The planted bug `lease-local-clock` trusts the wall clock: elapsed time is the raw
 * difference of wall-clock readings, so a forward jump of the leader's wall clock expires
 * every session at once.
 */

/** Elapsed time, in microseconds, since the clock was started. */
export class SessionClock {
  readonly #maxStepUs: number;
  readonly #trustsClock: boolean;
  #startUs = 0;
  #lastUs = 0;
  #elapsedUs = 0;

  /** A clock whose readings advance at most `maxStepUs` at a time (unless it `trustsClock`). */
  constructor(maxStepUs: number, trustsClock: boolean) {
    this.#maxStepUs = maxStepUs;
    this.#trustsClock = trustsClock;
  }

  /** Starts counting at the node's clock reading `nowUs`. */
  start(nowUs: number): void {
    this.#startUs = nowUs;
    this.#lastUs = nowUs;
    this.#elapsedUs = 0;
  }

  /** Elapsed time at the node's clock reading `nowUs` (readings are taken in order). */
  read(nowUs: number): number {
    if (this.#trustsClock) return nowUs - this.#startUs;
    const step = nowUs - this.#lastUs;
    this.#lastUs = nowUs;
    this.#elapsedUs += Math.min(this.#maxStepUs, Math.max(0, step));
    return this.#elapsedUs;
  }
}
