/**
 * The clock the leader measures sessions' idle time with. A node's clock may jump forwards
 * or backwards, strobe, or drift, and a paused process sees a long gap when it resumes; a
 * lease measured naively by that clock can run out in an instant. So the session clock
 * counts elapsed time in bounded steps: each reading adds the time since the previous one,
 * but never less than zero (a jump back) nor more than `maxStepUs` (a jump forward, or a
 * pause). The leader reads it at least every `expiryCheckMs`, so an honest step is below
 * the bound and only jumps are cut. Drift still passes through: the promise a session gets
 * is shorter than its TTL by a margin (`sessionDriftMarginMs`).
 *
 * The planted bug `lease-local-clock` trusts the clock: elapsed time is the raw difference
 * of readings, so a forward jump of the leader's clock expires every session at once.
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
