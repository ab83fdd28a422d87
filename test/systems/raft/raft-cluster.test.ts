/**
 * The reference Raft as a cluster: elections, reads and writes in every read mode,
 * redirects, leader crashes, partitions, client sessions, and run-twice determinism.
 */
import { describe, expect, it } from "vitest";
import { isolatePlan } from "../../../src/index.js";
import { type HistoryEntry, KvClient, type KvRequest } from "./helpers/kv-client.js";
import { startCluster } from "./helpers/raft-cluster.js";
import { startFaults } from "./helpers/random-faults.js";
import { startWorkload } from "./helpers/random-workload.js";
import { findStaleReads } from "./helpers/stale-reads.js";
import { ask, askAndWait, awaitLeader, leaderAmong, runFor, runUntil } from "./helpers/steps.js";

/** Runs one client's operations one after another; resolves with the finished entries. */
async function sequentially(client: KvClient, sim: KvClientSim, requests: readonly KvRequest[]) {
  const done: HistoryEntry[] = [];
  for (const request of requests) {
    const entry = client.submit(request);
    await runUntil(sim, () => entry.outcome !== undefined, 3_000_000);
    done.push(entry);
  }
  return done;
}
type KvClientSim = Parameters<typeof runUntil>[0];

const summary = (entry: HistoryEntry) => [
  entry.outcome,
  entry.outcome === "ok" ? entry.value : entry.error,
];

describe("raft cluster", () => {
  for (const readMode of ["read-index", "log", "lease"] as const) {
    it(`elects one leader and serves read, write and cas (${readMode} reads)`, async () => {
      const cluster = startCluster({ seed: 11, raft: { readMode } });
      const { sim } = cluster;
      await awaitLeader(sim);
      await runFor(sim, 500_000);
      expect(cluster.leaders()).toHaveLength(1);
      const client = new KvClient(sim, "c1", []);
      const results = await sequentially(client, sim, [
        { f: "read", key: "x" },
        { f: "write", key: "x", value: 1 },
        { f: "read", key: "x" },
        { f: "cas", key: "x", from: 1, to: 2 },
        { f: "cas", key: "x", from: 1, to: 3 },
        { f: "read", key: "x" },
      ]);
      expect(results.map(summary)).toEqual([
        ["ok", null],
        ["ok", undefined],
        ["ok", 1],
        ["ok", undefined],
        ["fail", "cas-mismatch"],
        ["ok", 2],
      ]);
      await runFor(sim, 300_000);
      const summaries = sim.nodeIds.map((node) => sim.inspect(node)!);
      for (const node of summaries) {
        expect(node).toMatchObject({
          commitIndex: summaries[0]!.commitIndex,
          lastIndex: summaries[0]!.lastIndex,
        });
        expect(node.lastApplied).toBe(node.commitIndex);
      }
      cluster.checkAtEnd();
      expect(cluster.violations).toEqual([]);
    });
  }

  it("redirects a client from a follower to the leader", async () => {
    const { sim } = startCluster({ seed: 3 });
    const leader = await awaitLeader(sim);
    await runFor(sim, 100_000); // a heartbeat tells the followers who leads
    const follower = sim.nodeIds.find((node) => node !== leader)!;
    expect(await askAndWait(sim, "c1", follower, { f: "read", key: "x" })).toEqual({
      type: "redirect",
      leader,
    });
  });

  it("keeps committed writes when the leader crashes, under a new leader", async () => {
    const cluster = startCluster({ seed: 5 });
    const { sim } = cluster;
    const first = await awaitLeader(sim);
    const firstTerm = sim.inspect(first)!.term as number;
    expect((await askAndWait(sim, "c1", first, { f: "write", key: "x", value: 7 }))?.type).toBe(
      "ok",
    );
    sim.crash(first);
    const second = await awaitLeader(sim);
    expect(second).not.toBe(first);
    expect(sim.inspect(second)!.term).toBeGreaterThan(firstTerm);
    expect(await askAndWait(sim, "c1", second, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 7,
    });
    sim.restart(first);
    await runFor(sim, 1_000_000);
    expect(sim.inspect(first)).toMatchObject({ role: "follower", leader: second });
    expect(cluster.violations).toEqual([]);
  });

  it("isolates the leader: the minority cannot commit, the majority moves on, healing converges", async () => {
    const cluster = startCluster({ seed: 8 });
    const { sim } = cluster;
    const old = await awaitLeader(sim);
    expect((await askAndWait(sim, "c1", old, { f: "write", key: "x", value: 1 }))?.type).toBe("ok");
    sim.network.apply(isolatePlan(sim.nodeIds, old));
    const stuckWrite = ask(sim, "c2", old, { f: "write", key: "x", value: 2 });
    const stuckRead = ask(sim, "c3", old, { f: "read", key: "x" });
    const majority = sim.nodeIds.filter((node) => node !== old);
    const fresh = await awaitLeader(sim, majority);
    expect((await askAndWait(sim, "c1", fresh, { f: "write", key: "x", value: 3 }))?.type).toBe(
      "ok",
    );
    await runFor(sim, 1_000_000);
    expect(stuckWrite.result).toBeUndefined();
    expect(stuckRead.result).toBeUndefined();
    expect(sim.inspect(old)!.role).toBe("leader");
    sim.network.heal();
    await runUntil(sim, () => sim.inspect(old)!.role === "follower");
    // The old leader learns the fate of what it appended: replaced, so unknown to the client.
    await runUntil(sim, () => stuckWrite.result !== undefined, 1_000_000);
    expect(stuckWrite.result).toEqual({ type: "unknown", error: "entry replaced by a new leader" });
    expect(stuckRead.result?.type).toBe("redirect");
    await runFor(sim, 500_000);
    const lastIndexes = new Set(sim.nodeIds.map((node) => sim.inspect(node)!.lastIndex));
    expect(lastIndexes.size).toBe(1);
    expect(await askAndWait(sim, "c1", fresh, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 3,
    });
    expect(cluster.violations).toEqual([]);
  });

  it("applies a retried operation once (client sessions)", async () => {
    const cluster = startCluster({ seed: 4 });
    const { sim } = cluster;
    const leader = await awaitLeader(sim);
    await askAndWait(sim, "setup", leader, { f: "write", key: "x", value: 0 });
    // The same cas (same client, same seq) arrives twice at once: both copies are appended.
    const lastIndex = () => sim.inspect(leader)!.lastIndex as number;
    const before = lastIndex();
    const client = new KvClient(sim, "c1", []);
    const first = client.submitWithSeq({ f: "cas", key: "x", from: 0, to: 1 }, 9);
    const retry = client.submitWithSeq({ f: "cas", key: "x", from: 0, to: 1 }, 9);
    await runUntil(sim, () => first.outcome !== undefined && retry.outcome !== undefined);
    expect(lastIndex()).toBe(before + 2);
    expect([first.outcome, retry.outcome]).toEqual(["ok", "ok"]);
    expect(await askAndWait(sim, "c2", leader, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 1,
    });
    // Another client resets x; a late retry of seq 9 is answered from the session, not applied.
    await askAndWait(sim, "other", leader, { f: "write", key: "x", value: 0 });
    const afterReset = lastIndex();
    const late = client.submitWithSeq({ f: "cas", key: "x", from: 0, to: 1 }, 9);
    await runUntil(sim, () => late.outcome !== undefined);
    expect(late.outcome).toBe("ok");
    expect(lastIndex()).toBe(afterReset);
    expect(await askAndWait(sim, "c2", leader, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 0,
    });
    expect(cluster.violations).toEqual([]);
  });

  it("runs the same seed to the same trace hash, and another seed elsewhere", async () => {
    const run = async (seed: number) => {
      const cluster = startCluster({
        seed,
        diskFaults: { partialFlushRate: 0.5, tornWriteRate: 0.5 },
      });
      startWorkload(cluster.sim, { clients: 4, keys: ["x", "y"], stopUs: 4_000_000 });
      startFaults(cluster.sim, { stopUs: 3_000_000, tracks: 2 });
      const stop = await cluster.sim.run({ untilUs: 5_000_000 });
      expect(stop.kind).toBe("until");
      return { hash: cluster.sim.traceHash, events: cluster.sim.eventCount };
    };
    const first = await run(21);
    expect(await run(21)).toEqual(first);
    expect((await run(22)).hash).not.toBe(first.hash);
    expect(first.events).toBeGreaterThan(5_000);
  });

  it("serves a random workload under faults without stale reads, in every read mode", async () => {
    for (const readMode of ["read-index", "log", "lease"] as const) {
      const cluster = startCluster({ seed: 31, raft: { readMode, preVote: readMode === "log" } });
      const history = startWorkload(cluster.sim, {
        clients: 5,
        keys: ["x", "y", "z"],
        stopUs: 8_000_000,
      });
      startFaults(cluster.sim, { stopUs: 6_000_000, tracks: 2 });
      const stop = await cluster.sim.run({ untilUs: 9_000_000 });
      cluster.checkAtEnd();
      expect(stop.kind).toBe("until");
      expect(cluster.violations).toEqual([]);
      expect(findStaleReads(history)).toEqual([]);
      expect(history.filter((entry) => entry.outcome === "ok").length).toBeGreaterThan(500);
      expect(leaderAmong(cluster.sim)).toBeDefined();
    }
  });
});
