/**
 * A bound on the work of the cycle searches: a count of edge visits and the caller's
 * `shouldStop`, polled every few thousand visits. When either runs out the checker stops
 * looking for more anomalies and says so; it never hangs on a pathological history.
 */

/** Edge visits allowed in all cycle searches of one check. */
export const CYCLE_SEARCH_VISITS = 50_000_000;

const POLL_EVERY = 4096;

/** The remaining work of one check's cycle searches. */
export class SearchBudget {
  private remaining: number;
  private untilPoll = POLL_EVERY;
  /** Why the search stopped early, once it has. */
  stopped: "budget" | "shouldStop" | undefined;

  constructor(
    private readonly shouldStop: (() => boolean) | undefined,
    visits = CYCLE_SEARCH_VISITS,
  ) {
    this.remaining = visits;
  }

  /** Spends `count` visits; false once the budget is spent or the caller asked to stop. */
  spend(count: number): boolean {
    if (this.stopped !== undefined) return false;
    this.remaining -= count;
    this.untilPoll -= count;
    if (this.remaining < 0) this.stopped = "budget";
    else if (this.untilPoll <= 0) {
      this.untilPoll = POLL_EVERY;
      if (this.shouldStop?.() === true) this.stopped = "shouldStop";
    }
    return this.stopped === undefined;
  }
}
