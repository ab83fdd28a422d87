/**
 * The reference Raft's parts, one at a time: options, vote rules, the log and its recovery,
 * the hard-state slots, the KV state machine with sessions, leases, read queue, majorities.
 */
import { describe, expect, it } from "vitest";
import { CAS_MISMATCH, RandomStream, SimDisk, TornRecord } from "../../../src/index.js";
import { majorityValue } from "../../../src/systems/raft/follower-progress.js";
import { HardStateStore } from "../../../src/systems/raft/hard-state.js";
import { KvStateMachine } from "../../../src/systems/raft/kv-state-machine.js";
import { LeaderLease } from "../../../src/systems/raft/leader-lease.js";
import { makeEntry } from "../../../src/systems/raft/log-entry.js";
import { resolveRaftOptions } from "../../../src/systems/raft/options.js";
import { LOG_NAME, RaftLog } from "../../../src/systems/raft/raft-log.js";
import { ReadQueue } from "../../../src/systems/raft/read-queue.js";
import { recoverFromDisk } from "../../../src/systems/raft/recovery.js";
import {
  grantsPreVote,
  grantsVote,
  isLogUpToDate,
  type VoterState,
} from "../../../src/systems/raft/vote-rules.js";

const noop = { type: "noop" } as const;
const write = (client: string, seq: number, key: string, value: number) =>
  ({ type: "kv", client, op: { f: "write", key, value, seq } }) as const;

function freshDisk(): SimDisk {
  return new SimDisk(new RandomStream("disk"));
}

describe("raft options", () => {
  it("fills in defaults and echoes them", () => {
    expect(resolveRaftOptions({})).toEqual({
      electionTimeoutMsMin: 150,
      electionTimeoutMsMax: 300,
      heartbeatMs: 50,
      diskSyncMs: 1,
      readMode: "read-index",
      leaseDriftMarginMs: 50,
      preVote: false,
      bug: "none",
    });
  });

  it("names the field and the fix when a value is wrong", () => {
    expect(() => resolveRaftOptions({ heartbeatMs: 200 })).toThrow(
      /heartbeatMs.*below electionTimeoutMsMin/s,
    );
    expect(() => resolveRaftOptions({ electionTimeoutMsMax: 100 })).toThrow(/electionTimeoutMsMax/);
    expect(() => resolveRaftOptions({ bug: "lease-read-ignores-skew" })).toThrow(
      /needs readMode: lease/,
    );
    expect(() => resolveRaftOptions({ bug: "no-such-bug" })).toThrow(/bug/);
    expect(() => resolveRaftOptions({ electionTimeout: 10 })).toThrow(/electionTimeout/);
  });
});

describe("vote rules", () => {
  const voter: VoterState = {
    term: 5,
    votedFor: null,
    lastIndex: 10,
    lastTerm: 4,
    inLeaderContact: false,
    checksLog: true,
  };
  const request = (lastIndex: number, lastTerm: number, term = 5, preVote = false) =>
    ({ type: "vote", term, preVote, lastIndex, lastTerm }) as const;

  it("compares logs by last term, then by length", () => {
    expect(isLogUpToDate({ lastIndex: 3, lastTerm: 5 }, { lastIndex: 10, lastTerm: 4 })).toBe(true);
    expect(isLogUpToDate({ lastIndex: 10, lastTerm: 4 }, { lastIndex: 10, lastTerm: 4 })).toBe(
      true,
    );
    expect(isLogUpToDate({ lastIndex: 9, lastTerm: 4 }, { lastIndex: 10, lastTerm: 4 })).toBe(
      false,
    );
    expect(isLogUpToDate({ lastIndex: 20, lastTerm: 3 }, { lastIndex: 10, lastTerm: 4 })).toBe(
      false,
    );
  });

  it("grants one vote per term, only to an up-to-date candidate", () => {
    expect(grantsVote(request(10, 4), "n2", voter)).toBe(true);
    expect(grantsVote(request(9, 4), "n2", voter)).toBe(false);
    expect(grantsVote(request(10, 4), "n2", { ...voter, votedFor: "n3" })).toBe(false);
    expect(grantsVote(request(10, 4), "n3", { ...voter, votedFor: "n3" })).toBe(true);
    expect(grantsVote(request(10, 4, 4), "n2", voter)).toBe(false);
  });

  it("grants nothing while in contact with a leader", () => {
    expect(grantsVote(request(10, 4), "n2", { ...voter, inLeaderContact: true })).toBe(false);
    expect(grantsPreVote(request(10, 4, 6, true), { ...voter, inLeaderContact: true })).toBe(false);
  });

  it("grants pre-votes for a later term to up-to-date candidates, whatever its own vote", () => {
    expect(grantsPreVote(request(10, 4, 6, true), { ...voter, votedFor: "n3" })).toBe(true);
    expect(grantsPreVote(request(10, 4, 5, true), voter)).toBe(false);
    expect(grantsPreVote(request(2, 1, 6, true), voter)).toBe(false);
  });

  it("with the planted vote-without-log-check bug, votes for a shorter log", () => {
    const buggy = { ...voter, checksLog: false };
    expect(grantsVote(request(2, 1), "n2", voter)).toBe(false);
    expect(grantsVote(request(2, 1), "n2", buggy)).toBe(true);
    expect(grantsPreVote(request(2, 1, 6, true), buggy)).toBe(true);
  });
});

describe("raft log", () => {
  it("appends, answers terms and hashes, and truncates", () => {
    const log = RaftLog.empty(freshDisk());
    for (const term of [1, 1, 2, 2, 2, 4]) log.append(makeEntry(term, noop));
    expect(log.lastIndex).toBe(6);
    expect(log.lastTerm).toBe(4);
    expect(log.termAt(0)).toBe(0);
    expect(log.termAt(3)).toBe(2);
    expect(log.firstIndexAtOrAfterTerm(2)).toBe(3);
    expect(log.firstIndexAtOrAfterTerm(3)).toBe(6);
    expect(log.firstIndexAtOrAfterTerm(5)).toBe(7);
    expect(log.lastIndexOfTerm(2)).toBe(5);
    expect(log.lastIndexOfTerm(3)).toBe(0);
    const hash = log.hashAt(4);
    log.truncateAfter(3);
    expect(log.lastIndex).toBe(3);
    log.append(makeEntry(3, noop));
    expect(log.hashAt(4)).not.toBe(hash);
    expect(() => log.append(makeEntry(1, noop))).toThrow(/terms must not decrease/);
  });

  it("gives equal chain hashes to equal prefixes only", () => {
    const a = RaftLog.empty(freshDisk());
    const b = RaftLog.empty(freshDisk());
    for (const log of [a, b]) {
      log.append(makeEntry(1, write("c1", 1, "x", 1)));
      log.append(makeEntry(1, write("c1", 2, "x", 2)));
    }
    expect(a.hashAt(2)).toBe(b.hashAt(2));
    a.append(makeEntry(2, write("c1", 3, "x", 3)));
    b.append(makeEntry(2, write("c1", 3, "x", 4)));
    expect(a.hashAt(3)).not.toBe(b.hashAt(3));
  });

  it("reads itself back from disk and drops a torn tail", () => {
    const random = new RandomStream("torn");
    const disk = new SimDisk(random);
    const log = RaftLog.empty(disk);
    log.append(makeEntry(1, noop));
    log.append(makeEntry(1, noop));
    disk.sync();
    log.append(makeEntry(2, noop));
    disk.setFaults({ tornWriteRate: 1 });
    disk.crash();
    expect(disk.read(LOG_NAME).at(-1)).toBeInstanceOf(TornRecord);
    const loaded = RaftLog.load(disk);
    expect(loaded.droppedRecords).toBe(1);
    expect(loaded.log.lastIndex).toBe(2);
    expect(loaded.log.hashAt(2)).toBe(log.hashAt(2));
    expect(disk.durableSnapshot().logs[LOG_NAME]).toHaveLength(2);
  });
});

describe("hard state", () => {
  it("keeps the previous good copy when the latest write is torn", () => {
    const disk = freshDisk();
    const { store } = HardStateStore.load(disk);
    store.write({ term: 3, votedFor: "n2" });
    disk.sync();
    store.write({ term: 4, votedFor: "n1" });
    disk.setFaults({ tornWriteRate: 1 });
    disk.crash();
    expect(HardStateStore.load(disk).state).toEqual({ term: 3, votedFor: "n2" });
  });

  it("reads the latest synced state", () => {
    const disk = freshDisk();
    const { store } = HardStateStore.load(disk);
    for (let term = 1; term <= 5; term++) store.write({ term, votedFor: null });
    disk.sync();
    disk.crash();
    expect(HardStateStore.load(disk).state).toEqual({ term: 5, votedFor: null });
  });
});

describe("recovery", () => {
  it("fail-stops when reads keep failing, and recovers when they stop", () => {
    const disk = freshDisk();
    disk.setFaults({ readErrorRate: 1 });
    const failed = recoverFromDisk(disk);
    expect(failed).toMatchObject({ ok: false, reason: expect.stringMatching(/disk read error/) });
    disk.setFaults({ readErrorRate: 0 });
    expect(recoverFromDisk(disk).ok).toBe(true);
  });
});

describe("kv state machine", () => {
  it("reads, writes and compares-and-sets", () => {
    const kv = new KvStateMachine();
    expect(kv.apply({ type: "kv", client: "c", op: { f: "read", key: "x", seq: 1 } })).toEqual({
      type: "ok",
      value: null,
    });
    expect(kv.apply(write("c", 2, "x", 5))).toEqual({ type: "ok" });
    const cas = (seq: number, from: number, to: number) =>
      kv.apply({ type: "kv", client: "c", op: { f: "cas", key: "x", from, to, seq } });
    expect(cas(3, 4, 6)).toEqual({ type: "fail", error: CAS_MISMATCH });
    expect(cas(4, 5, 6)).toEqual({ type: "ok" });
    expect(kv.read("x")).toBe(6);
  });

  it("applies a retried operation once and answers the retry the same", () => {
    const kv = new KvStateMachine();
    const cas = {
      type: "kv",
      client: "c",
      op: { f: "cas", key: "x", from: 0, to: 1, seq: 7 },
    } as const;
    kv.apply(write("d", 1, "x", 0));
    expect(kv.apply(cas)).toEqual({ type: "ok" });
    expect(kv.apply(cas)).toEqual({ type: "ok" });
    kv.apply(write("d", 2, "x", 0));
    expect(kv.apply(cas)).toEqual({ type: "ok" });
    expect(kv.read("x")).toBe(0);
    expect(kv.sessionAnswer("c", 6)).toMatchObject({ type: "unknown" });
    expect(kv.sessionAnswer("c", 8)).toBeUndefined();
  });
});

describe("leader lease", () => {
  it("lasts its duration from the send time of the confirmed round", () => {
    const lease = new LeaderLease(100, true);
    expect(lease.isValid(0)).toBe(false);
    lease.roundSent(1, 1_000);
    lease.roundConfirmed(1, 1_010);
    expect(lease.isValid(1_099)).toBe(true);
    expect(lease.isValid(1_100)).toBe(false);
  });

  it("is void after the leader's clock jumps back, unless it trusts the clock (the bug)", () => {
    for (const watchesClock of [true, false]) {
      const lease = new LeaderLease(100, watchesClock);
      lease.roundSent(1, 1_000);
      lease.roundConfirmed(1, 1_010);
      expect(lease.isValid(950)).toBe(!watchesClock);
    }
  });

  it("ignores a confirmation of a round sent before a backward jump", () => {
    const lease = new LeaderLease(100, true);
    lease.roundSent(1, 1_000);
    lease.roundConfirmed(1, 900);
    expect(lease.isValid(901)).toBe(false);
  });
});

describe("read queue and majorities", () => {
  it("answers reads in order once confirmed and applied", () => {
    const queue = new ReadQueue();
    const request = (id: number) => ({ id, client: "c", op: null });
    queue.add({ request: request(1), key: "x", round: 1, readIndex: 5 });
    queue.add({ request: request(2), key: "x", round: 2, readIndex: undefined });
    expect(queue.takeReady(2, 4)).toEqual([]);
    expect(queue.takeReady(2, 5).map((read) => read.request.id)).toEqual([1]);
    expect(queue.takeReady(2, 9)).toEqual([]);
    queue.assignReadIndex(8);
    expect(queue.takeReady(1, 9)).toEqual([]);
    expect(queue.takeReady(2, 9).map((read) => read.request.id)).toEqual([2]);
  });

  it("finds the value a majority reaches", () => {
    expect(majorityValue([5, 9, 7, 1, 3], 3)).toBe(5);
    expect(majorityValue([4, 4, 2], 2)).toBe(4);
    expect(majorityValue([8], 1)).toBe(8);
  });
});
