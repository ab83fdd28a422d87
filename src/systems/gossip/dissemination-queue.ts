/**
 * SWIM's dissemination component: membership news waiting to be piggybacked on outgoing
 * protocol messages. Each update is sent a bounded number of times (about `multiplier *
 * log2(n + 1)`, enough to reach everyone with high probability); the least-sent go first,
 * and newer news about a member replaces older news about it.
 */
import { assert } from "../../sim/assert.js";
import type { NodeId } from "../../sim/node-api.js";
import type { MemberUpdate } from "./member-state.js";

interface QueuedUpdate {
  readonly update: MemberUpdate;
  sent: number;
  /** Insertion order, to break ties deterministically. */
  readonly order: number;
}

/** Updates waiting to be piggybacked. */
export class DisseminationQueue {
  readonly #byMember = new Map<NodeId, QueuedUpdate>();
  readonly #maxSends: number;
  #order = 0;

  /** A queue for a cluster of `clusterSize` nodes. */
  constructor(clusterSize: number, retransmitMultiplier: number) {
    assert(clusterSize >= 1 && retransmitMultiplier >= 1, "bad dissemination queue settings");
    this.#maxSends = retransmitMultiplier * Math.ceil(Math.log2(clusterSize + 1));
  }

  /** Number of updates waiting. */
  get size(): number {
    return this.#byMember.size;
  }

  /** Queues news about a member, replacing older news about the same member. */
  push(update: MemberUpdate): void {
    this.#byMember.set(update.member, { update, sent: 0, order: this.#order++ });
  }

  /** Up to `limit` updates to piggyback now, least-sent first; each counts as sent once. */
  take(limit: number): MemberUpdate[] {
    const chosen = [...this.#byMember.values()]
      .sort((a, b) => a.sent - b.sent || a.order - b.order)
      .slice(0, limit);
    for (const queued of chosen) {
      queued.sent++;
      if (queued.sent >= this.#maxSends) this.#byMember.delete(queued.update.member);
    }
    return chosen.map((queued) => queued.update);
  }
}
