/**
 * The coordination service's parts, one at a time: options, the cluster layout, the
 * session clock, the lock table's fencing tokens, the registry and its watches, the
 * replicated state machine (with the session events it reports), and the leader's session
 * keeper driven by a hand-made driver.
 */
import { describe, expect, it } from "vitest";
import { digestValue } from "../../../src/index.js";
import { allNodes, clusterLayout } from "../../../src/systems/coord/cluster-layout.js";
import { resolveCoordOptions } from "../../../src/systems/coord/coord-options.js";
import { CoordStateMachine } from "../../../src/systems/coord/coord-state-machine.js";
import { LockTable } from "../../../src/systems/coord/lock-table.js";
import type { DraftServiceOp } from "../../../src/systems/coord/service-ops.js";
import {
  MAX_RETAINED_CHANGES,
  ServiceRegistry,
} from "../../../src/systems/coord/service-registry.js";
import { SessionClock } from "../../../src/systems/coord/session-clock.js";
import type { LeaderDriver } from "../../../src/systems/raft/state-machine.js";

describe("coord options", () => {
  it("fills in defaults, with the Raft options nested", () => {
    const options = resolveCoordOptions({});
    expect(options).toMatchObject({
      servers: 3,
      sessionTtlMs: 1_500,
      keepaliveMs: 250,
      bug: "none",
    });
    expect(options.raft.electionTimeoutMsMin).toBe(150);
  });

  it("refuses settings that cannot keep a promise, naming the field", () => {
    expect(() => resolveCoordOptions({ sessionDriftMarginMs: 1_500 })).toThrow(
      /sessionDriftMarginMs/,
    );
    expect(() => resolveCoordOptions({ keepaliveMs: 600 })).toThrow(
      /one lost renewal would expire the session/,
    );
    expect(() => resolveCoordOptions({ raft: { heartbeatMs: 500 } })).toThrow(/heartbeatMs/);
  });
});

describe("cluster layout", () => {
  it("puts workers first, then the servers, and the storage node last", () => {
    expect(clusterLayout(allNodes("n4", ["n1", "n2", "n3", "n5", "n6", "n7"]), 3)).toEqual({
      workers: ["n1", "n2", "n3"],
      servers: ["n4", "n5", "n6"],
      storage: "n7",
    });
  });

  it("orders node names naturally, and needs a worker and the storage node", () => {
    const nodes = allNodes("n10", ["n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"]);
    expect(clusterLayout(nodes, 5).storage).toBe("n10");
    expect(() => clusterLayout(["n1", "n2", "n3", "n4"], 3)).toThrow(
      /nodes must be at least 5, found 4/,
    );
  });
});

describe("session clock", () => {
  it("counts honest steps, at most maxStep for a jump forward, and nothing for a jump back", () => {
    const clock = new SessionClock(60_000, false);
    clock.start(1_000_000);
    expect(clock.read(1_050_000)).toBe(50_000);
    expect(clock.read(3_050_000)).toBe(110_000); // a 2 s jump counts 60 ms
    expect(clock.read(2_000_000)).toBe(110_000); // a jump back counts nothing
    expect(clock.read(2_050_000)).toBe(160_000);
  });

  it("with the planted bug, trusts the raw readings", () => {
    const clock = new SessionClock(60_000, true);
    clock.start(1_000_000);
    expect(clock.read(3_050_000)).toBe(2_050_000);
  });
});

describe("lock table", () => {
  it("grants a free lock, refuses a held one, and gives a renewing holder a fresh token", () => {
    const locks = new LockTable();
    expect(locks.acquire("L", 1, 10)).toEqual({ granted: true, token: 10, renewed: false });
    expect(locks.acquire("L", 2, 11)).toEqual({
      granted: false,
      holder: { session: 1, token: 10 },
    });
    expect(locks.acquire("L", 1, 12)).toEqual({ granted: true, token: 12, renewed: true });
    expect(locks.release("L", 2)).toBe(false);
    expect(locks.acquire("M", 1, 13).granted).toBe(true);
    expect(locks.releaseAll(1)).toEqual(["L", "M"]);
    expect(locks.holder("L")).toBeUndefined();
  });

  it("asserts that tokens strictly increase per lock", () => {
    const locks = new LockTable();
    locks.acquire("L", 1, 10);
    locks.release("L", 1);
    expect(() => locks.acquire("L", 2, 10)).toThrow(/fencing token of L must increase/);
  });
});

describe("service registry", () => {
  it("lists a prefix by path and keeps each session's ephemeral entries", () => {
    const registry = new ServiceRegistry();
    registry.put("/s/b", "B", 7, 1);
    registry.put("/s/a", "A", null, 2);
    registry.put("/t/c", "C", 7, 3);
    expect(registry.list("/s/").map((entry) => entry.path)).toEqual(["/s/a", "/s/b"]);
    expect(registry.ephemeralPaths(7)).toEqual(["/s/b", "/t/c"]);
    expect(registry.put("/s/b", "B2", 8, 4)).toMatchObject({ session: 7 });
    expect(registry.ephemeralPaths(7)).toEqual(["/t/c"]);
  });

  it("answers watches with the changes after a revision, until they are compacted", () => {
    const registry = new ServiceRegistry();
    registry.put("/s/a", "A", null, 1);
    registry.put("/t/x", "X", null, 2);
    registry.delete("/s/a", 3);
    expect(registry.changesSince("/s/", 1)).toEqual([
      { revision: 3, kind: "delete", path: "/s/a" },
    ]);
    for (let revision = 4; revision < 4 + MAX_RETAINED_CHANGES; revision++) {
      registry.put("/s/n", String(revision), null, revision);
    }
    expect(registry.changesSince("/s/", 2)).toBe("compacted");
    expect(registry.changesSince("/s/", 4 + MAX_RETAINED_CHANGES - 2)).toHaveLength(1);
  });
});

/** A state machine and a way to apply client operations to it at increasing indexes. */
function machineUnderTest(bug: "none" | "ephemeral-leak" = "none") {
  const facts: { index: number; events: unknown[] }[] = [];
  const machine = new CoordStateMachine({
    expiryCheckMs: 50,
    bug,
    report: (fact) => facts.push(fact as { index: number; events: unknown[] }),
  });
  let index = 0;
  let seq = 0;
  const apply = (client: string, op: DraftServiceOp) =>
    machine.apply({ type: "op", client, op: { ...op, seq: ++seq } }, ++index);
  const expire = (session: number) =>
    machine.apply({ type: "leader", body: { f: "expire-session", session } }, ++index);
  return { machine, facts, apply, expire };
}

describe("coord state machine", () => {
  it("opens sessions, grants locks with tokens, and refuses a held lock", () => {
    const { apply } = machineUnderTest();
    expect(apply("a", { f: "open-session", ttlMs: 1_000 })).toEqual({
      type: "ok",
      value: { session: 1, ttlMs: 1_000 },
    });
    apply("b", { f: "open-session", ttlMs: 5 }); // clamped to the shortest TTL
    expect(apply("a", { f: "acquire-lock", session: 1, lock: "L" })).toEqual({
      type: "ok",
      value: { token: 3 },
    });
    expect(apply("b", { f: "acquire-lock", session: 2, lock: "L" })).toEqual({
      type: "fail",
      error: "busy",
    });
    expect(apply("b", { f: "release-lock", session: 2, lock: "L" })).toEqual({
      type: "fail",
      error: "not-held",
    });
    expect(apply("a", { f: "release-lock", session: 1, lock: "L" })).toEqual({ type: "ok" });
    expect(apply("b", { f: "acquire-lock", session: 2, lock: "L" })).toEqual({
      type: "ok",
      value: { token: 7 },
    });
    expect(apply("c", { f: "acquire-lock", session: 99, lock: "M" })).toEqual({
      type: "fail",
      error: "session-expired",
    });
  });

  it("answers a retried write with the stored answer", () => {
    const { machine } = machineUnderTest();
    const open = {
      type: "op",
      client: "a",
      op: { f: "open-session", ttlMs: 1_000, seq: 1 },
    } as const;
    expect(machine.apply(open, 1)).toEqual(machine.apply(open, 2));
    expect(machine.sessionAnswer("a", 1)).toMatchObject({ value: { session: 1 } });
  });

  it("deletes an expired session's locks and registrations in the same entry, and reports it", () => {
    const { machine, facts, apply, expire } = machineUnderTest();
    apply("a", { f: "open-session", ttlMs: 1_000 });
    apply("a", { f: "register", path: "/w/a", value: "a", session: 1 });
    apply("a", { f: "acquire-lock", session: 1, lock: "L" });
    expect(machine.query({ f: "keepalive", session: 1, seq: 9 })).toEqual({ type: "ok" });
    expire(1);
    expect(facts.at(-1)).toEqual({
      type: "session-events",
      index: 4,
      events: [
        { kind: "expired", session: "1" },
        { kind: "deleted", session: "1", path: "lock:L" },
        { kind: "deleted", session: "1", path: "/w/a" },
      ],
    });
    expect(machine.query({ f: "keepalive", session: 1, seq: 10 })).toEqual({
      type: "fail",
      error: "session-expired",
    });
    expect(machine.query({ f: "list", prefix: "/w/", seq: 11 })).toEqual({
      type: "ok",
      value: { revision: 4, entries: [] },
    });
  });

  it("with the planted bug ephemeral-leak, the expiry leaves the registrations behind", () => {
    const { machine, apply, expire } = machineUnderTest("ephemeral-leak");
    apply("a", { f: "open-session", ttlMs: 1_000 });
    apply("a", { f: "register", path: "/w/a", value: "a", session: 1 });
    expire(1);
    const listing = machine.query({ f: "list", prefix: "/w/", seq: 1 });
    expect(listing).toMatchObject({ value: { entries: [{ path: "/w/a", session: 1 }] } });
  });

  it("answers a watch with the changes and a digest of the listing", () => {
    const { machine, apply } = machineUnderTest();
    apply("a", { f: "register", path: "/w/a", value: "a", session: null });
    apply("a", { f: "register", path: "/w/b", value: "b", session: null });
    const watch = machine.query({ f: "watch", prefix: "/w/", since: 1, seq: 3 });
    const listing = machine.query({ f: "list", prefix: "/w/", seq: 4 });
    expect(watch).toMatchObject({
      type: "ok",
      value: { revision: 2, changes: [{ path: "/w/b" }] },
    });
    const entries = (listing as { value: { entries: unknown[] } }).value.entries;
    expect((watch as { value: { digest: number } }).value.digest).toBe(digestValue(entries));
  });
});

/** A leader driver whose clocks and timers the test moves by hand. */
class FakeDriver implements LeaderDriver {
  readonly term = 1;
  readonly proposed: unknown[] = [];
  /** The wall clock: it jumps. */
  clockUs = 0;
  /** The monotonic clock: timers run on it; it never jumps. */
  monotonicUs = 0;
  #timers: { dueUs: number; callback: () => void }[] = [];

  propose(body: unknown): number {
    return this.proposed.push(body);
  }
  nowUs(): number {
    return this.clockUs;
  }
  monotonicNowUs(): number {
    return this.monotonicUs;
  }
  setTimer(delayMs: number, callback: () => void): number {
    return this.#timers.push({ dueUs: this.monotonicUs + delayMs * 1000, callback });
  }
  cancelTimer(): void {}
  log(): void {}

  /** Lets `us` of true time pass in 1 ms steps, after the wall clock jumps by `jumpUs`. */
  advance(us: number, jumpUs = 0): void {
    this.clockUs += jumpUs;
    for (let passed = 0; passed < us; passed += 1_000) {
      this.clockUs += 1_000;
      this.monotonicUs += 1_000;
      const due = this.#timers.filter((timer) => timer.dueUs <= this.monotonicUs);
      this.#timers = this.#timers.filter((timer) => timer.dueUs > this.monotonicUs);
      for (const timer of due) timer.callback();
    }
  }

  /** The process was frozen for `us`: both clocks ran on, no timer fired meanwhile. */
  freeze(us: number): void {
    this.clockUs += us;
    this.monotonicUs += us;
  }
}

describe("session keeper", () => {
  function keeperWithSession(bug: "none" | "lease-local-clock" = "none") {
    const machine = new CoordStateMachine({ expiryCheckMs: 50, bug, report: () => {} });
    machine.apply({ type: "op", client: "a", op: { f: "open-session", ttlMs: 1_000, seq: 1 } }, 1);
    const driver = new FakeDriver();
    machine.leaderDuties.start(driver);
    return { machine, driver };
  }

  it("gives a new leader's sessions a full TTL, and expires a silent one after it", () => {
    const { driver, machine } = keeperWithSession();
    driver.advance(900_000);
    machine.leaderDuties.arrived("a", { f: "keepalive", session: 1, seq: 5 });
    driver.advance(900_000);
    expect(driver.proposed).toEqual([]);
    driver.advance(200_000);
    expect(driver.proposed).toEqual([{ f: "expire-session", session: 1 }]);
    expect(machine.query({ f: "keepalive", session: 1, seq: 6 })).toEqual({
      type: "unknown",
      error: "session expiring",
    });
  });

  it("does not let a jump of the leader's clock expire a live session; the planted bug does", () => {
    for (const bug of ["none", "lease-local-clock"] as const) {
      const { driver } = keeperWithSession(bug);
      driver.advance(100_000);
      driver.advance(100_000, 2_000_000);
      expect(driver.proposed.length > 0).toBe(bug === "lease-local-clock");
    }
  });

  it("does not let a pause of the leader (a gap on its monotonic clock) expire a live session", () => {
    const { driver } = keeperWithSession();
    driver.advance(100_000);
    driver.freeze(2_000_000);
    driver.advance(100_000);
    expect(driver.proposed).toEqual([]);
  });
});
