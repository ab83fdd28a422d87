/**
 * One node's view of the cluster's membership: a record (status, incarnation) per peer,
 * in the cluster's fixed order. Applying news goes through SWIM's precedence rule
 * (`overrides`); the view never holds the node itself (its own incarnation is kept by the
 * failure detector, which refutes news about itself).
 */
import { assert } from "../../sim/assert.js";
import type { NodeId } from "../../sim/node-api.js";
import {
  type MemberRecord,
  type MemberStatus,
  type MemberUpdate,
  overrides,
} from "./member-state.js";

/** The outcome of applying one update to a view. */
export type ViewChange =
  | { readonly type: "changed"; readonly before: MemberRecord; readonly after: MemberRecord }
  | { readonly type: "unchanged" };

/** A node's membership view. */
export class MembershipView {
  readonly #records = new Map<NodeId, MemberRecord>();

  /** A view in which every peer is alive at incarnation 0. */
  constructor(peers: readonly NodeId[]) {
    for (const peer of peers) this.#records.set(peer, { status: "alive", incarnation: 0 });
  }

  /** The peers, in the cluster's order. */
  get members(): readonly NodeId[] {
    return [...this.#records.keys()];
  }

  /** What the view says about `member`. */
  record(member: NodeId): MemberRecord | undefined {
    return this.#records.get(member);
  }

  /** Peers whose status is one of `statuses`, in the cluster's order. */
  withStatus(...statuses: readonly MemberStatus[]): NodeId[] {
    const found: NodeId[] = [];
    for (const [member, record] of this.#records) {
      if (statuses.includes(record.status)) found.push(member);
    }
    return found;
  }

  /** Applies news about a peer if it overrides what the view holds. Unknown members are ignored. */
  apply(update: MemberUpdate): ViewChange {
    const before = this.#records.get(update.member);
    if (before === undefined || !overrides(update, before)) return { type: "unchanged" };
    const after: MemberRecord = { status: update.status, incarnation: update.incarnation };
    assert(
      after.incarnation >= before.incarnation,
      `incarnation of ${update.member} went backwards: ${before.incarnation} -> ${after.incarnation}`,
    );
    this.#records.set(update.member, after);
    return { type: "changed", before, after };
  }

  /** Every record as an update, for a full exchange of views. */
  entries(): MemberUpdate[] {
    return [...this.#records].map(([member, record]) => ({ member, ...record }));
  }

  /** A plain summary: member -> { status, incarnation }. */
  summary(): Record<NodeId, MemberRecord> {
    const summary: Record<NodeId, MemberRecord> = {};
    for (const [member, record] of this.#records) summary[member] = { ...record };
    return summary;
  }
}
