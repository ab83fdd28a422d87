/**
 * The reference Raft's invariants: each one fires on a hand-built violation (facts fed
 * directly) with a message that names what went wrong, stays quiet on consistent facts,
 * and stays quiet on many seeded runs of the correct system under crashes and partitions.
 */
import { describe, expect, it } from "vitest";
import type { ClusterView, Invariant, LogFact, NodeSummary, RaftFact } from "../../../src/index.js";
import { raftInvariants } from "../../../src/index.js";
import { chainHash } from "../../../src/systems/raft/raft-log.js";
import { startCluster } from "./helpers/raft-cluster.js";
import { startFaults } from "./helpers/random-faults.js";
import { startWorkload } from "./helpers/random-workload.js";
import { findStaleReads } from "./helpers/stale-reads.js";

function fakeView(summaries: Record<string, NodeSummary | undefined>): ClusterView {
  return {
    nowUs: 0,
    nodeIds: Object.keys(summaries),
    status: (node) => (summaries[node] === undefined ? "crashed" : "up"),
    inspect: (node) => summaries[node],
  };
}

function invariant(name: string): Invariant {
  const found = raftInvariants().find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no invariant ${name}`);
  return found;
}

/** Feeds facts in order; returns the first violation. */
function feed(
  target: Invariant,
  facts: readonly (readonly [string, RaftFact])[],
): string | undefined {
  const view = fakeView({});
  for (const [node, fact] of facts) {
    const message = target.onReport?.(node, fact, view);
    if (message !== undefined) return message;
  }
  return undefined;
}

/** A log fact for entries of the given terms from `index`, chained from `previous`. */
function logFact(index: number, terms: number[], previous = 0, salt = 0): LogFact {
  const hashes: number[] = [];
  let hash = previous;
  for (const term of terms) {
    hash = chainHash(hash, term, salt);
    hashes.push(hash);
  }
  return { type: "log", index, terms, hashes };
}

describe("raft invariants on hand-built facts", () => {
  it("election safety: a second leader in a term", () => {
    const target = invariant("raft-election-safety");
    const leader = (term: number): RaftFact => ({ type: "leader", term, lastIndex: 0 });
    expect(
      feed(target, [
        ["n1", leader(1)],
        ["n2", leader(2)],
        ["n1", leader(1)],
      ]),
    ).toBeUndefined();
    expect(
      feed(invariant("raft-election-safety"), [
        ["n1", leader(3)],
        ["n2", leader(3)],
      ]),
    ).toBe("two leaders in term 3: n1 and n2");
  });

  it("log matching: the same index and term over different prefixes", () => {
    const same = logFact(1, [1, 1, 2]);
    expect(
      feed(invariant("raft-log-matching"), [
        ["n1", same],
        ["n2", same],
      ]),
    ).toBeUndefined();
    const other = logFact(1, [1, 1, 2], 0, 99);
    expect(
      feed(invariant("raft-log-matching"), [
        ["n1", same],
        ["n2", other],
      ]),
    ).toMatch(/n1 and n2 both hold entry 1 of term 1, but their logs differ/);
  });

  it("state machine safety: different commands applied at one index", () => {
    const apply = (index: number, digest: number): RaftFact => ({
      type: "apply",
      index,
      term: 1,
      digest,
    });
    const target = invariant("raft-state-machine-safety");
    expect(
      feed(target, [
        ["n1", apply(1, 10)],
        ["n2", apply(1, 10)],
        ["n2", apply(2, 11)],
      ]),
    ).toBeUndefined();
    expect(feed(target, [["n3", apply(2, 12)]])).toMatch(
      /n2 applied .* at index 2, but n3 applied a different command/,
    );
  });

  it("leader completeness: a leader without a committed entry", () => {
    const committed = logFact(1, [1, 1]);
    const hashes = committed.hashes;
    const commit: RaftFact = { type: "commit", term: 1, index: 2, entryTerm: 1, hash: hashes[1]! };
    const leader = (term: number): RaftFact => ({ type: "leader", term, lastIndex: 2 });
    expect(
      feed(invariant("raft-leader-completeness"), [
        ["n1", committed],
        ["n2", committed],
        ["n1", commit],
        ["n2", leader(2)],
      ]),
    ).toBeUndefined();
    expect(
      feed(invariant("raft-leader-completeness"), [
        ["n1", committed],
        ["n2", logFact(1, [1])],
        ["n1", commit],
        ["n2", leader(2)],
      ]),
    ).toBe(
      "n2 became leader of term 2 without entry 2 (term 1), which n1 committed as leader of term 1: its log is shorter",
    );
  });

  it("leader completeness follows recoveries: a restarted node's log is a prefix of its last", () => {
    const committed = logFact(1, [1, 1]);
    const hashes = committed.hashes;
    const recover: RaftFact = {
      type: "recover",
      term: 1,
      votedFor: null,
      lastIndex: 1,
      lastHash: hashes[0]!,
      droppedRecords: 1,
    };
    expect(
      feed(invariant("raft-leader-completeness"), [
        ["n2", committed],
        ["n1", committed],
        ["n1", { type: "commit", term: 1, index: 2, entryTerm: 1, hash: hashes[1]! }],
        ["n2", recover],
        ["n2", { type: "leader", term: 2, lastIndex: 1 }],
      ]),
    ).toMatch(/n2 became leader of term 2 without entry 2/);
  });

  it("liveness at the end: a leader of the latest term", () => {
    const target = invariant("raft-leader-after-recovery");
    const node = (role: string, term: number): NodeSummary => ({ role, term });
    expect(
      target.atEnd?.(fakeView({ n1: node("leader", 4), n2: node("follower", 4), n3: undefined })),
    ).toBeUndefined();
    expect(
      target.atEnd?.(fakeView({ n1: node("leader", 3), n2: node("candidate", 4), n3: undefined })),
    ).toBe(
      "no leader of the latest term after recovery: n1=leader(term 3), n2=candidate(term 4), n3=crashed",
    );
  });

  it("ignores facts that are not Raft's", () => {
    for (const target of raftInvariants()) {
      expect(target.onReport?.("n1", { type: "gossip" }, fakeView({}))).toBeUndefined();
      expect(target.onReport?.("n1", 42, fakeView({}))).toBeUndefined();
    }
  });
});

describe("raft invariants on the correct system", () => {
  it("stay quiet on 50 seeds of crashes, partitions and pauses", async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 50; seed++) {
      const cluster = startCluster({ seed, network: { dropRate: 0.02 } });
      const history = startWorkload(cluster.sim, {
        clients: 4,
        keys: ["x", "y"],
        stopUs: 4_500_000,
      });
      startFaults(cluster.sim, { stopUs: 3_000_000, tracks: 2, durationUsMax: 600_000 });
      const stop = await cluster.sim.run({ untilUs: 5_000_000 });
      cluster.checkAtEnd();
      const problems = [...cluster.violations, ...findStaleReads(history)];
      if (stop.kind !== "until") problems.push(`run stopped: ${JSON.stringify(stop)}`);
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems[0]}`);
    }
    expect(failures).toEqual([]);
  });
});
