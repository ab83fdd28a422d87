import { describe, expect, it } from "vitest";
import { type GossipBug, ms, seconds } from "../../../src/index.js";
import { scheduleRandomFaults } from "../kv/random-faults.js";
import { addValues, convergence, gossipCluster, membership } from "./gossip-cluster.js";

/** Seeds of a run with random partitions, crashes, pauses and clock jumps that failed. */
async function failingSeeds(bug: GossipBug, seeds: number): Promise<number[]> {
  const failing: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const cluster = gossipCluster(seed, { bug });
    scheduleRandomFaults(cluster.sim, {
      faultsUntilUs: seconds(10),
      gapUsMin: ms(300),
      gapUsMax: ms(1500),
      kinds: ["partition", "crash", "pause", "clock"],
      restartAtRecovery: seed % 2 === 0,
    });
    void addValues(cluster, 1, 100, ms(100));
    const stop = await cluster.sim.run({ untilUs: seconds(20) });
    const healthy =
      stop.kind === "until" &&
      convergence(cluster).type === "converged" &&
      membership(cluster).type === "accurate";
    if (!healthy) failing.push(seed);
  }
  return failing;
}

describe("gossip under random faults", () => {
  it("converges with accurate membership after recovery, seed after seed", async () => {
    expect(await failingSeeds("none", 30)).toEqual([]);
  });

  it("finds each planted bug within a few seeds", async () => {
    expect((await failingSeeds("no-refute", 5)).length).toBeGreaterThan(0);
    expect((await failingSeeds("no-anti-entropy", 5)).length).toBeGreaterThan(0);
  });
});
