/**
 * The checks that go with a lock service, on plain data: mutual exclusion and fencing
 * judged from the guarded resource's accesses, and the session promises (never expired
 * while a renewal's promise holds; ephemeral entries gone within a bound of the expiry).
 * Also their `Invariant` adapters, fed facts as a running cluster would report them.
 */
import { describe, expect, it } from "vitest";
import {
  type ClusterView,
  checkFencing,
  checkMutualExclusion,
  checkSessions,
  fencingInvariant,
  mutualExclusionInvariant,
  type ResourceAccess,
  type SessionEvent,
  sessionsInvariant,
} from "../../src/index.js";

const access = (
  time: number,
  holder: string,
  token: number | null = null,
  accepted = true,
  resource = "r",
): ResourceAccess => ({ time, resource, holder, token, accepted });

/** A cluster view whose time the test moves. */
function clock(): ClusterView & { nowUs: number } {
  return {
    nowUs: 0,
    nodeIds: [],
    status: () => "up",
    inspect: () => undefined,
  };
}

describe("mutual exclusion", () => {
  it("accepts critical sections one after another, per resource", () => {
    const result = checkMutualExclusion([
      access(1, "a"),
      access(2, "a"),
      access(3, "b"),
      access(4, "b"),
      access(5, "a2"),
      access(6, "c", null, true, "other"),
    ]);
    expect(result).toEqual({ ok: true, sections: 4 });
  });

  it("finds a holder that comes back after another entered", () => {
    const result = checkMutualExclusion([access(1, "a"), access(2, "b"), access(3, "a")]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violation).toMatchObject({
      holder: "a",
      enteredAt: 1,
      intruder: "b",
      intrudedAt: 2,
    });
    expect(result.explanation).toContain("both were inside at once");
  });

  it("ignores refused accesses: a fenced late write leaves the sections apart", () => {
    const result = checkMutualExclusion([
      access(1, "a", 5),
      access(2, "b", 6),
      access(3, "a", 5, false),
    ]);
    expect(result.ok).toBe(true);
  });
});

describe("fencing", () => {
  it("accepts tokens that never go down, and ignores accesses without one", () => {
    expect(
      checkFencing([access(1, "a", 5), access(2, "a", 5), access(3, "b", 6), access(4, "x", null)]),
    ).toEqual({ ok: true, fenced: 3 });
  });

  it("finds a token accepted after a higher one", () => {
    const result = checkFencing([access(1, "b", 9), access(2, "a", 7), access(3, "c", 7, false)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violation).toMatchObject({ highest: 9, highestHolder: "b" });
    expect(result.explanation).toBe(
      "r accepted token 7 from a at 2, after it had accepted token 9 from b at 1",
    );
  });
});

describe("sessions", () => {
  const promises = { guarantee: 100, cleanupBound: 10 };
  const renewed = (time: number, session: string, sentAt: number): SessionEvent => ({
    kind: "renewed",
    time,
    session,
    sentAt,
  });
  const expired = (time: number, session: string): SessionEvent => ({
    kind: "expired",
    time,
    session,
  });
  const created = (time: number, session: string, path: string): SessionEvent => ({
    kind: "created",
    time,
    session,
    path,
  });
  const deleted = (time: number, session: string, path: string): SessionEvent => ({
    kind: "deleted",
    time,
    session,
    path,
  });

  it("accepts an expiry after the promise, with the entries deleted at once", () => {
    const result = checkSessions(
      [created(1, "s", "/a"), renewed(5, "s", 2), expired(150, "s"), deleted(150, "s", "/a")],
      promises,
      500,
    );
    expect(result).toEqual({ ok: true, sessions: 1, expired: 1 });
  });

  it("finds an expiry while a renewal's promise holds, whichever is seen first", () => {
    const early = checkSessions([renewed(5, "s", 2), expired(50, "s")], promises, 500);
    expect(early.ok || early.violation.rule).toBe("expired-while-alive");
    // The acknowledgement arrives after the expiry was applied.
    const late = checkSessions([expired(50, "s"), renewed(60, "s", 40)], promises, 500);
    expect(late.ok || late.violation.explanation).toContain("expired at 50");
  });

  it("finds an entry that outlives its session, or is created after it", () => {
    const leak = checkSessions([created(1, "s", "/a"), expired(200, "s")], promises, 500);
    expect(leak.ok || leak.violation.rule).toBe("survived-expiry");
    const late = checkSessions([expired(200, "s"), created(201, "s", "/a")], promises, 500);
    expect(late.ok || late.violation.rule).toBe("created-after-expiry");
    const justInTime = checkSessions(
      [created(1, "s", "/a"), expired(200, "s"), deleted(210, "s", "/a")],
      promises,
      500,
    );
    expect(justInTime.ok).toBe(true);
  });
});

describe("invariant adapters", () => {
  it("judge resource-access facts stamped with virtual time", () => {
    const view = clock();
    const exclusion = mutualExclusionInvariant();
    const fencing = fencingInvariant();
    const report = (time: number, holder: string, token: number) => {
      view.nowUs = time;
      const fact = { type: "resource-access", resource: "k0", holder, token, accepted: true };
      return [exclusion.onReport!("n7", fact, view), fencing.onReport!("n7", fact, view)];
    };
    expect(report(1_000, "a", 5)).toEqual([undefined, undefined]);
    expect(report(2_000, "b", 6)).toEqual([undefined, undefined]);
    const [overlap, stale] = report(3_000, "a", 5);
    expect(overlap).toContain("a entered its critical section at 1ms");
    expect(stale).toContain("accepted token 5 from a at 3ms");
  });

  it("pair renewals' sends with their acknowledgements, and count each log index once", () => {
    const view = clock();
    const sessions = sessionsInvariant({ guaranteeUs: 1_000_000, cleanupBoundUs: 100_000 });
    const at = (time: number, node: string, fact: object) => {
      view.nowUs = time;
      return sessions.onReport!(node, fact, view);
    };
    const expiry = {
      type: "session-events",
      index: 9,
      events: [{ kind: "expired", session: "3" }],
    };
    expect(
      at(0, "n1", { type: "session-renewal", renewal: "n1:1", phase: "sent" }),
    ).toBeUndefined();
    expect(
      at(20_000, "n1", {
        type: "session-renewal",
        renewal: "n1:1",
        phase: "acknowledged",
        session: "3",
      }),
    ).toBeUndefined();
    expect(at(1_100_000, "n4", expiry)).toBeUndefined();
    const early = sessionsInvariant({ guaranteeUs: 1_000_000, cleanupBoundUs: 100_000 });
    view.nowUs = 0;
    early.onReport!("n1", { type: "session-renewal", renewal: "n1:1", phase: "sent" }, view);
    view.nowUs = 20_000;
    early.onReport!(
      "n1",
      { type: "session-renewal", renewal: "n1:1", phase: "acknowledged", session: "3" },
      view,
    );
    view.nowUs = 500_000;
    expect(early.onReport!("n4", expiry, view)).toMatch(
      /^expired-while-alive: session 3 expired at 500ms/,
    );
    view.nowUs = 600_000;
    expect(early.onReport!("n5", expiry, view)).toBeUndefined(); // the same index, from another replica
  });

  it("notice a leaked entry on the periodic check", () => {
    const view = clock();
    const sessions = sessionsInvariant({ guaranteeUs: 1_000, cleanupBoundUs: 100_000 });
    const events = (index: number, list: object[]) => ({
      type: "session-events",
      index,
      events: list,
    });
    sessions.onReport!("n4", events(1, [{ kind: "created", session: "1", path: "/w" }]), view);
    view.nowUs = 10_000;
    sessions.onReport!("n4", events(2, [{ kind: "expired", session: "1" }]), view);
    view.nowUs = 100_000;
    expect(sessions.check!(view)).toBeUndefined();
    view.nowUs = 120_000;
    expect(sessions.check!(view)).toMatch(/^survived-expiry: ephemeral entry \/w/);
  });
});
