/**
 * Sessions and their ephemeral entries, judged against what the service promised. A
 * coordination service (ZooKeeper, etcd, Chubby) keeps a client's session alive while the
 * client renews it, and deletes the session's ephemeral entries (locks, registrations) when
 * it expires. Two promises are checked:
 *
 * - never while alive: a renewal the client sent at `sentAt` and the service acknowledged
 *   keeps the session alive until at least `sentAt + guarantee`; an expiry (which deletes
 *   the session's entries) before then is a violation, whichever of the two is seen first;
 * - gone within a bound: once the session has expired, each of its ephemeral entries is
 *   deleted within `cleanupBound`, and none is created any more.
 *
 * Times are in one unit (virtual microseconds in the simulator). The events are plain data;
 * `SessionMonitor` judges them online, `checkSessions` a whole list.
 */

/** What happened to a session or one of its ephemeral entries. */
export type SessionEvent =
  /** The service acknowledged a renewal (or the opening) of `session` sent at `sentAt`. */
  | {
      readonly kind: "renewed";
      readonly time: number;
      readonly session: string;
      readonly sentAt: number;
    }
  /** The service expired `session` (its ephemeral entries must go with it). */
  | { readonly kind: "expired"; readonly time: number; readonly session: string }
  /** An ephemeral entry of `session` was created at `path`. */
  | {
      readonly kind: "created";
      readonly time: number;
      readonly session: string;
      readonly path: string;
    }
  /** The ephemeral entry of `session` at `path` was deleted (or taken over). */
  | {
      readonly kind: "deleted";
      readonly time: number;
      readonly session: string;
      readonly path: string;
    };

/** The promises' parameters. */
export interface SessionPromises {
  /** How long after a renewal's send time the session is promised to live. */
  readonly guarantee: number;
  /** How long after its session's expiry an ephemeral entry may survive. */
  readonly cleanupBound: number;
}

/** A broken promise, with a sentence saying which. */
export interface SessionViolation {
  readonly rule: "expired-while-alive" | "created-after-expiry" | "survived-expiry";
  readonly session: string;
  readonly explanation: string;
}

/** What the check says about a list of events. */
export type SessionsResult =
  | { readonly ok: true; readonly sessions: number; readonly expired: number }
  | { readonly ok: false; readonly violation: SessionViolation };

interface SessionRecord {
  /** The latest time the session is promised to live until, and the renewal that promised it. */
  aliveUntil: number;
  renewalSentAt: number;
  expiredAt: number | undefined;
  /** Live ephemeral entries by path, with their creation time. */
  readonly entries: Map<string, number>;
}

/** Follows session events in time order and reports the first broken promise. */
export class SessionMonitor {
  readonly #promises: SessionPromises;
  readonly #format: (time: number) => string;
  readonly #sessions = new Map<string, SessionRecord>();
  /** Expired sessions that still had entries when last looked at. */
  readonly #lingering = new Set<string>();
  #expired = 0;

  /** A monitor of `promises`; `format` writes times in explanations. */
  constructor(promises: SessionPromises, format: (time: number) => string = String) {
    this.#promises = promises;
    this.#format = format;
  }

  /** Number of sessions seen, and how many expired. */
  get counts(): { readonly sessions: number; readonly expired: number } {
    return { sessions: this.#sessions.size, expired: this.#expired };
  }

  /** Takes the next event (times must not decrease); returns the promise it breaks, if any. */
  observe(event: SessionEvent): SessionViolation | undefined {
    const record = this.#record(event.session);
    switch (event.kind) {
      case "renewed":
        return this.#renewed(event.session, record, event.sentAt);
      case "expired":
        return this.#expiredEvent(event.session, record, event.time);
      case "created":
        if (record.expiredAt !== undefined) {
          return violation(
            "created-after-expiry",
            event.session,
            `ephemeral entry ${event.path} was created at ${this.#format(event.time)} for session ${event.session}, which had expired at ${this.#format(record.expiredAt)}`,
          );
        }
        record.entries.set(event.path, event.time);
        return undefined;
      case "deleted":
        record.entries.delete(event.path);
        if (record.entries.size === 0) this.#lingering.delete(event.session);
        return undefined;
    }
  }

  /** Whether, at `now`, an expired session's entry has outlived the cleanup bound. */
  check(now: number): SessionViolation | undefined {
    for (const session of this.#lingering) {
      const record = this.#sessions.get(session)!;
      const expiredAt = record.expiredAt!;
      if (now <= expiredAt + this.#promises.cleanupBound) continue;
      const [path, createdAt] = record.entries.entries().next().value!;
      return violation(
        "survived-expiry",
        session,
        `ephemeral entry ${path} (created at ${this.#format(createdAt)}) of session ${session} still existed at ${this.#format(now)}, ` +
          `more than ${this.#format(this.#promises.cleanupBound)} after the session expired at ${this.#format(expiredAt)}`,
      );
    }
    return undefined;
  }

  #record(session: string): SessionRecord {
    let record = this.#sessions.get(session);
    if (record === undefined) {
      record = {
        aliveUntil: Number.NEGATIVE_INFINITY,
        renewalSentAt: Number.NEGATIVE_INFINITY,
        expiredAt: undefined,
        entries: new Map(),
      };
      this.#sessions.set(session, record);
    }
    return record;
  }

  #renewed(session: string, record: SessionRecord, sentAt: number): SessionViolation | undefined {
    const until = sentAt + this.#promises.guarantee;
    if (record.expiredAt !== undefined && record.expiredAt < until) {
      return this.#early(session, record.expiredAt, sentAt, until);
    }
    if (until > record.aliveUntil) {
      record.aliveUntil = until;
      record.renewalSentAt = sentAt;
    }
    return undefined;
  }

  #expiredEvent(
    session: string,
    record: SessionRecord,
    time: number,
  ): SessionViolation | undefined {
    if (record.expiredAt !== undefined) return undefined;
    record.expiredAt = time;
    this.#expired++;
    if (time < record.aliveUntil) {
      return this.#early(session, time, record.renewalSentAt, record.aliveUntil);
    }
    if (record.entries.size > 0) this.#lingering.add(session);
    return undefined;
  }

  #early(session: string, expiredAt: number, sentAt: number, until: number): SessionViolation {
    return violation(
      "expired-while-alive",
      session,
      `session ${session} expired at ${this.#format(expiredAt)}, but the service had acknowledged a renewal ` +
        `sent at ${this.#format(sentAt)}, which promised it would live until ${this.#format(until)}`,
    );
  }
}

function violation(
  rule: SessionViolation["rule"],
  session: string,
  explanation: string,
): SessionViolation {
  return { rule, session, explanation };
}

/**
 * Checks session events in time order against the service's promises; `end` is the time
 * the record ends (entries of expired sessions must be gone by then, give or take the bound).
 *
 * @example
 * ```ts
 * const result = checkSessions(
 *   [
 *     { kind: "renewed", time: 5, session: "s1", sentAt: 0 },
 *     { kind: "expired", time: 50, session: "s1" },
 *   ],
 *   { guarantee: 100, cleanupBound: 10 },
 *   200,
 * );
 * result.ok; // false: s1 expired at 50 but was promised to live until 100
 * ```
 */
export function checkSessions(
  events: readonly SessionEvent[],
  promises: SessionPromises,
  end: number,
  format: (time: number) => string = String,
): SessionsResult {
  const monitor = new SessionMonitor(promises, format);
  for (const event of events) {
    const found = monitor.check(event.time) ?? monitor.observe(event);
    if (found !== undefined) return { ok: false, violation: found };
  }
  const found = monitor.check(end);
  if (found !== undefined) return { ok: false, violation: found };
  return { ok: true, ...monitor.counts };
}
