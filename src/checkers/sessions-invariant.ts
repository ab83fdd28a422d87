/**
 * The session promises (see `sessions.ts`) as an `Invariant` of a running cluster. Two
 * kinds of fact feed it:
 *
 * - clients report each renewal of their session twice, as `session-renewal` facts: when
 *   they send it (`phase: "sent"`) and when the service acknowledges it
 *   (`phase: "acknowledged"`); the invariant stamps both with the virtual time, so the
 *   promise runs from the true send time whatever the client's clock says;
 * - the service's replicas report, per applied log index, what happened to sessions and
 *   ephemeral entries, as `session-events` facts; every replica applies the same log, so
 *   only the first report of each index counts (the first time anyone could see it).
 *
 * Entries of expired sessions are looked at on every fact, every check interval, and at
 * the end of the run.
 */
import { formatTime } from "../sim/time.js";
import type { Invariant } from "./invariant.js";
import { type SessionEvent, SessionMonitor, type SessionViolation } from "./sessions.js";

/** The fact type of a client's renewal. */
export const SESSION_RENEWAL = "session-renewal";
/** The fact type of a replica's applied session events. */
export const SESSION_EVENTS = "session-events";

/**
 * A client sent renewal `renewal` (a name unique in the run), or the service acknowledged
 * it for `session`. Opening a session counts as its first renewal (its id is known only
 * from the acknowledgement, hence `session` there).
 */
export type SessionRenewalFact =
  | { readonly type: typeof SESSION_RENEWAL; readonly renewal: string; readonly phase: "sent" }
  | {
      readonly type: typeof SESSION_RENEWAL;
      readonly renewal: string;
      readonly phase: "acknowledged";
      readonly session: string;
    };

/** What applying one log entry did to sessions and ephemeral entries. */
export interface SessionEventsFact {
  readonly type: typeof SESSION_EVENTS;
  /** The log index applied. */
  readonly index: number;
  readonly events: readonly AppliedSessionEvent[];
}

/** A session event as a replica reports it (the invariant adds the time). */
export type AppliedSessionEvent =
  | { readonly kind: "expired"; readonly session: string }
  | { readonly kind: "created" | "deleted"; readonly session: string; readonly path: string };

/** The invariant's parameters, in microseconds of virtual time. */
export interface SessionsInvariantOptions {
  /** How long after a renewal's send time the session is promised to live. */
  readonly guaranteeUs: number;
  /** How long after its session's expiry an ephemeral entry may survive. */
  readonly cleanupBoundUs: number;
}

function asFact(fact: unknown): { readonly type?: unknown } | undefined {
  return typeof fact === "object" && fact !== null ? (fact as { type?: unknown }) : undefined;
}

/** Pairs renewals' sends with their acknowledgements, per client node. */
class RenewalClock {
  readonly #sentAt = new Map<string, number>();

  /** The `renewed` event an acknowledgement makes, or undefined. */
  take(node: string, fact: SessionRenewalFact, now: number): SessionEvent | undefined {
    const key = `${node}\u0000${fact.renewal}`;
    if (fact.phase === "sent") {
      this.#sentAt.set(key, now);
      return undefined;
    }
    const sentAt = this.#sentAt.get(key);
    if (sentAt === undefined) return undefined;
    this.#sentAt.delete(key);
    return { kind: "renewed", time: now, session: fact.session, sentAt };
  }
}

/**
 * A fresh sessions invariant for one run.
 *
 * @example
 * ```ts
 * const invariant = sessionsInvariant({ guaranteeUs: 1_000_000, cleanupBoundUs: 1_000_000 });
 * ```
 */
export function sessionsInvariant(options: SessionsInvariantOptions): Invariant {
  const monitor = new SessionMonitor(
    { guarantee: options.guaranteeUs, cleanupBound: options.cleanupBoundUs },
    formatTime,
  );
  const renewals = new RenewalClock();
  let appliedThrough = 0;
  const message = (violation: SessionViolation | undefined) =>
    violation === undefined ? undefined : `${violation.rule}: ${violation.explanation}`;
  const observeAll = (events: readonly SessionEvent[]) => {
    for (const event of events) {
      const violation = monitor.observe(event);
      if (violation !== undefined) return violation;
    }
    return undefined;
  };
  return {
    name: "sessions",
    onReport(node, fact, view) {
      const candidate = asFact(fact);
      if (candidate?.type === SESSION_RENEWAL) {
        const event = renewals.take(node, candidate as SessionRenewalFact, view.nowUs);
        return message(event === undefined ? undefined : monitor.observe(event));
      }
      if (candidate?.type !== SESSION_EVENTS) return undefined;
      const applied = candidate as SessionEventsFact;
      if (applied.index <= appliedThrough) return undefined;
      appliedThrough = applied.index;
      const events = applied.events.map((event): SessionEvent => ({ ...event, time: view.nowUs }));
      return message(monitor.check(view.nowUs) ?? observeAll(events));
    },
    check: (view) => message(monitor.check(view.nowUs)),
    atEnd: (view) => message(monitor.check(view.nowUs)),
  };
}
