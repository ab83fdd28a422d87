/**
 * A leader's lease (thesis §6.4.1): once a majority acknowledged a heartbeat round that the
 * leader sent at local time t, no other leader can be elected before t plus the shortest
 * election timeout, by the followers' clocks. The leader serves reads without a round of
 * messages until t + duration by its own clock, where the duration is the election timeout
 * minus a margin for clock drift and jumps on the followers.
 *
 * The leader times the lease by its monotonic clock, which only drift bends (hence the
 * margin). The clock is watched too: when a reading is earlier than one seen before, the
 * clock jumped back and every lease built on the old readings is void; the lease is rebuilt
 * from rounds sent after the jump. (The planted bug `lease-read-ignores-skew` has neither
 * the margin nor this check, and times the lease by the wall clock, which faults jump.)
 *
 * Send times of recent rounds live in a ring, so memory stays bounded however long the
 * leader goes unacknowledged.
 */

/** How many recent rounds' send times are remembered. */
const ROUND_MEMORY = 256;

/** The lease of one leader in one term. */
export class LeaderLease {
  readonly #durationUs: number;
  readonly #watchesClock: boolean;
  readonly #rounds = new Float64Array(ROUND_MEMORY).fill(-1);
  readonly #sentUs = new Float64Array(ROUND_MEMORY);
  #expiryUs = Number.NEGATIVE_INFINITY;
  #latestReadingUs = Number.NEGATIVE_INFINITY;

  /**
   * A lease that lasts `durationUs` (leader clock) from the send time of a confirmed round.
   * With `watchesClock`, a backward jump of the leader's clock voids it.
   */
  constructor(durationUs: number, watchesClock: boolean) {
    this.#durationUs = durationUs;
    this.#watchesClock = watchesClock;
  }

  /** Round `round` was sent at local time `nowUs`. */
  roundSent(round: number, nowUs: number): void {
    this.#observe(nowUs);
    const slot = round % ROUND_MEMORY;
    this.#rounds[slot] = round;
    this.#sentUs[slot] = nowUs;
  }

  /** A majority acknowledged `round` (at local time `nowUs`): extend the lease from its send time. */
  roundConfirmed(round: number, nowUs: number): void {
    this.#observe(nowUs);
    const slot = round % ROUND_MEMORY;
    if (this.#rounds[slot] !== round) return;
    this.#expiryUs = Math.max(this.#expiryUs, this.#sentUs[slot]! + this.#durationUs);
  }

  /** Whether the lease holds at local time `nowUs`. */
  isValid(nowUs: number): boolean {
    this.#observe(nowUs);
    return nowUs < this.#expiryUs;
  }

  /** Local time at which the lease ends (-Infinity when there is none). */
  get expiryUs(): number {
    return this.#expiryUs;
  }

  /** Notes a clock reading; a reading earlier than the latest voids the lease. */
  #observe(nowUs: number): void {
    if (this.#watchesClock && nowUs < this.#latestReadingUs) {
      this.#expiryUs = Number.NEGATIVE_INFINITY;
      this.#rounds.fill(-1);
    }
    this.#latestReadingUs = nowUs;
  }
}
