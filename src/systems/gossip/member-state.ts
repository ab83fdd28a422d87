/**
 * What one SWIM member believes about another: alive, suspect or dead, at an incarnation
 * number. Beliefs travel as `MemberUpdate`s, and `overrides` is SWIM's precedence rule that
 * decides whether a newer piece of news replaces an older one. Only the member itself
 * raises its incarnation (to refute a suspicion, or when it restarts), so a higher
 * incarnation always means fresher news from the member itself.
 */
import type { NodeId } from "../../sim/node-api.js";

/** How a member is seen. */
export type MemberStatus = "alive" | "suspect" | "dead";

/** A member's status at an incarnation. */
export interface MemberRecord {
  readonly status: MemberStatus;
  readonly incarnation: number;
}

/** News about one member, as gossiped. */
export interface MemberUpdate extends MemberRecord {
  readonly member: NodeId;
}

/**
 * SWIM's precedence: whether `incoming` replaces `current`.
 * - alive(i) replaces anything with an incarnation below i;
 * - suspect(i) replaces alive(j) for i >= j and suspect(j) for i > j;
 * - dead(i) replaces alive or suspect for i >= j (dead is final for that incarnation).
 *
 * @example
 * ```ts
 * overrides({ status: "alive", incarnation: 2 }, { status: "suspect", incarnation: 1 }); // true
 * ```
 */
export function overrides(incoming: MemberRecord, current: MemberRecord): boolean {
  switch (incoming.status) {
    case "alive":
      return incoming.incarnation > current.incarnation;
    case "suspect":
      if (current.status === "alive") return incoming.incarnation >= current.incarnation;
      return incoming.incarnation > current.incarnation;
    case "dead":
      if (current.status === "dead") return incoming.incarnation > current.incarnation;
      return incoming.incarnation >= current.incarnation;
  }
}

/** Whether `value` is a well-formed `MemberUpdate` (messages are checked on arrival). */
export function isMemberUpdate(value: unknown): value is MemberUpdate {
  if (typeof value !== "object" || value === null) return false;
  const update = value as Partial<MemberUpdate>;
  return (
    typeof update.member === "string" &&
    (update.status === "alive" || update.status === "suspect" || update.status === "dead") &&
    Number.isSafeInteger(update.incarnation)
  );
}
