/**
 * Crash recovery of the reference Raft: torn and partially flushed log tails, unreadable
 * disks (fail-stop, then rejoin), and a whole cluster crashing at once.
 */
import { describe, expect, it } from "vitest";
import { startCluster } from "./helpers/raft-cluster.js";
import { startFaults } from "./helpers/random-faults.js";
import { startWorkload } from "./helpers/random-workload.js";
import { findStaleReads } from "./helpers/stale-reads.js";
import { askAndWait, awaitLeader, runFor, runUntil } from "./helpers/steps.js";

describe("raft recovery", () => {
  it("recovers from torn and partially flushed disks after crashes, losing nothing committed", async () => {
    let droppedRecords = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const cluster = startCluster({
        seed,
        diskFaults: { partialFlushRate: 0.5, tornWriteRate: 1 },
        raft: { diskSyncMs: 5 },
      });
      const history = startWorkload(cluster.sim, {
        clients: 5,
        keys: ["x", "y"],
        stopUs: 7_000_000,
      });
      startFaults(cluster.sim, { stopUs: 5_000_000, kinds: ["crash", "crash-leader"], tracks: 2 });
      const stop = await cluster.sim.run({ untilUs: 8_000_000 });
      cluster.checkAtEnd();
      expect(stop.kind, `seed ${seed}`).toBe("until");
      expect(cluster.violations, `seed ${seed}`).toEqual([]);
      expect(findStaleReads(history), `seed ${seed}`).toEqual([]);
      for (const { fact } of cluster.facts) {
        if (fact.type === "recover") droppedRecords += fact.droppedRecords as number;
      }
    }
    expect(droppedRecords).toBeGreaterThan(0);
  });

  it("fail-stops while its disk cannot be read, then rejoins", async () => {
    const cluster = startCluster({ seed: 2 });
    const { sim } = cluster;
    const leader = await awaitLeader(sim);
    await askAndWait(sim, "c1", leader, { f: "write", key: "x", value: 1 });
    const victim = sim.nodeIds.find((node) => node !== leader)!;
    sim.crash(victim);
    sim.disk(victim).setFaults({ readErrorRate: 1 });
    sim.restart(victim);
    expect(sim.inspect(victim)).toMatchObject({
      role: "failed",
      reason: expect.stringMatching(/disk read error/),
    });
    expect(await askAndWait(sim, "c1", victim, { f: "read", key: "x" })).toEqual({
      type: "redirect",
    });
    await askAndWait(sim, "c1", leader, { f: "write", key: "x", value: 2 });
    sim.disk(victim).setFaults({ readErrorRate: 0 });
    const caughtUp = () =>
      sim.inspect(victim)!.role === "follower" &&
      sim.inspect(victim)!.lastApplied === sim.inspect(leader)!.commitIndex;
    expect(await runUntil(sim, caughtUp, 3_000_000)).toBe(true);
    expect(
      cluster.facts.some(({ node, fact }) => node === victim && fact.type === "fail-stop"),
    ).toBe(true);
    expect(cluster.violations).toEqual([]);
  });

  it("keeps committed writes when every node crashes at once", async () => {
    const cluster = startCluster({
      seed: 6,
      diskFaults: { partialFlushRate: 1, tornWriteRate: 1 },
    });
    const { sim } = cluster;
    let leader = await awaitLeader(sim);
    for (let value = 1; value <= 5; value++) {
      expect((await askAndWait(sim, "c1", leader, { f: "write", key: "x", value }))?.type).toBe(
        "ok",
      );
    }
    for (const node of sim.nodeIds) sim.crash(node);
    await runFor(sim, 100_000);
    for (const node of sim.nodeIds) sim.restart(node);
    leader = await awaitLeader(sim);
    expect(await askAndWait(sim, "c1", leader, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 5,
    });
    expect(cluster.violations).toEqual([]);
  });
});
