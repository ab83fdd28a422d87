/**
 * What a leader knows about one follower's log (Figure 2's nextIndex and matchIndex), plus
 * the highest heartbeat round the follower acknowledged and whether the leader is still
 * probing for the point where their logs match. While probing, the leader sends one
 * AppendEntries per reply or heartbeat; once a probe succeeds it pipelines new entries
 * optimistically, and falls back to probing on the first rejection.
 */

/** A leader's view of one follower. */
export class FollowerProgress {
  /** Index of the next entry to send. */
  nextIndex: number;
  /** Highest index known to be stored (durably) on the follower. */
  matchIndex = 0;
  /** Highest heartbeat round the follower acknowledged in this term. */
  ackedRound = 0;
  /** Whether the leader is still looking for the point where the logs match. */
  probing = true;

  constructor(nextIndex: number) {
    this.nextIndex = nextIndex;
  }
}

/**
 * The largest value that at least `majority` of `values` reach: the index replicated on a
 * majority, or the round acknowledged by a majority. `values` is reordered in place (an
 * insertion sort, descending: clusters are small and this runs on every acknowledgement).
 */
export function majorityValue(values: number[], majority: number): number {
  for (let i = 1; i < values.length; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! < value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
  return values[majority - 1] ?? 0;
}
