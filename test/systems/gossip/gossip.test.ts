import { describe, expect, it } from "vitest";
import { gossipSystem, ms, seconds } from "../../../src/index.js";
import {
  addValues,
  convergence,
  type GossipCluster,
  gossipCluster,
  membership,
  statusSeenBy,
} from "./gossip-cluster.js";

/** Runs the system's own invariants at the end of the run, as the scenario runner will. */
function systemInvariantsAtEnd(cluster: GossipCluster, listen: () => void) {
  const invariants = gossipSystem.invariants!(gossipSystem.options.parse({}));
  cluster.sim.onReport((node, fact) => {
    for (const invariant of invariants) invariant.onReport?.(node, fact, cluster.sim);
  });
  listen();
  return () => invariants.map((invariant) => [invariant.name, invariant.atEnd?.(cluster.sim)]);
}

describe("gossip", () => {
  it("converges on every acknowledged value after a partition heals", async () => {
    const cluster = gossipCluster(1);
    const { sim } = cluster;
    sim.at(seconds(1), () =>
      sim.network.partition([
        ["n1", "n2"],
        ["n3", "n4", "n5"],
      ]),
    );
    sim.at(seconds(4), () => sim.network.heal());
    void addValues(cluster, 1, 50, ms(100));
    await sim.run({ untilUs: seconds(12) });
    expect(convergence(cluster)).toMatchObject({ type: "converged", size: 50 });
    expect(membership(cluster)).toMatchObject({ type: "accurate" });
  });

  it("detects a crashed node as dead at every live node", async () => {
    const cluster = gossipCluster(2);
    const { sim } = cluster;
    sim.at(seconds(1), () => sim.crash("n3"));
    await sim.run({ untilUs: seconds(6) });
    for (const observer of ["n1", "n2", "n4", "n5"]) {
      expect(statusSeenBy(cluster, observer, "n3")).toBe("dead");
    }
    expect(membership(cluster)).toMatchObject({ type: "accurate", crashed: ["n3"] });
  });

  it("takes a restarted node back, with a higher incarnation and the values it missed", async () => {
    const cluster = gossipCluster(3);
    const { sim } = cluster;
    sim.at(seconds(1), () => sim.crash("n3"));
    sim.at(seconds(4), () => sim.restart("n3"));
    void addValues(cluster, 1, 40, ms(100));
    await sim.run({ untilUs: seconds(3.9) });
    expect(statusSeenBy(cluster, "n1", "n3")).toBe("dead");
    await sim.run({ untilUs: seconds(10) });
    expect(sim.inspect("n3")?.incarnation).toBe(1);
    expect(statusSeenBy(cluster, "n1", "n3")).toBe("alive");
    expect(convergence(cluster)).toMatchObject({ type: "converged", size: 40 });
  });

  it("lets an isolated node refute its death once the partition heals", async () => {
    const cluster = gossipCluster(4);
    const { sim } = cluster;
    sim.at(seconds(1), () => sim.network.partition([["n1"], ["n2", "n3", "n4", "n5"]]));
    sim.at(seconds(4), () => sim.network.heal());
    await sim.run({ untilUs: seconds(3.9) });
    expect(statusSeenBy(cluster, "n2", "n1")).toBe("dead");
    await sim.run({ untilUs: seconds(10) });
    expect(statusSeenBy(cluster, "n2", "n1")).toBe("alive");
    expect(sim.inspect("n1")?.incarnation).toBeGreaterThan(0);
    expect(membership(cluster)).toMatchObject({ type: "accurate" });
  });

  it("with the no-refute bug, declares a live node dead for good", async () => {
    const cluster = gossipCluster(4, { bug: "no-refute" });
    const { sim } = cluster;
    sim.at(seconds(1), () => sim.network.partition([["n1"], ["n2", "n3", "n4", "n5"]]));
    sim.at(seconds(4), () => sim.network.heal());
    await sim.run({ untilUs: seconds(20) });
    expect(sim.inspect("n1")?.incarnation).toBe(0);
    const result = membership(cluster);
    expect(result.type).toBe("inaccurate");
    if (result.type !== "inaccurate") return;
    expect(result.explanation).toContain("n2 considers n1 dead, but n1 is up and connected");
  });

  it("heals a partition with anti-entropy: values added on one side reach the other", async () => {
    const cluster = gossipCluster(5);
    const { sim } = cluster;
    sim.at(seconds(1), () =>
      sim.network.partition([
        ["n1", "n2"],
        ["n3", "n4", "n5"],
      ]),
    );
    sim.at(seconds(5), () => sim.network.heal());
    sim.at(seconds(1.5), () => void addValues(cluster, 1, 20, ms(100), ["n1", "n2"]));
    await sim.run({ untilUs: seconds(12) });
    expect(convergence(cluster)).toMatchObject({ type: "converged", size: 20 });
  });

  it("with the no-anti-entropy bug, values added during a partition never cross it", async () => {
    const cluster = gossipCluster(5, { bug: "no-anti-entropy" });
    const { sim } = cluster;
    sim.at(seconds(1), () =>
      sim.network.partition([
        ["n1", "n2"],
        ["n3", "n4", "n5"],
      ]),
    );
    sim.at(seconds(5), () => sim.network.heal());
    sim.at(seconds(1.5), () => void addValues(cluster, 1, 20, ms(100), ["n1", "n2"]));
    await sim.run({ untilUs: seconds(30) });
    const result = convergence(cluster);
    expect(result.type).toBe("diverged");
    if (result.type !== "diverged") return;
    expect(result.explanation).toMatch(/^n3 lacks 20 values held by others \(20 acknowledged\)/m);
    expect(membership(cluster)).toMatchObject({ type: "accurate" });
  });

  it("checks its own invariants: the correct system passes, each bug fails its own", async () => {
    const verdicts: Record<string, unknown> = {};
    for (const bug of ["none", "no-refute", "no-anti-entropy"] as const) {
      const cluster = gossipCluster(6, { bug });
      const { sim } = cluster;
      const atEnd = systemInvariantsAtEnd(cluster, () => {
        sim.at(seconds(1), () =>
          sim.network.partition([
            ["n1", "n2"],
            ["n3", "n4", "n5"],
          ]),
        );
        sim.at(seconds(4), () => sim.network.heal());
        void addValues(cluster, 1, 30, ms(100));
      });
      await sim.run({ untilUs: seconds(15) });
      verdicts[bug] = Object.fromEntries(
        atEnd().map(([name, message]) => [name, message === undefined ? "ok" : "violated"]),
      );
    }
    expect(verdicts).toEqual({
      none: { convergence: "ok", "membership-accuracy": "ok" },
      "no-refute": { convergence: "ok", "membership-accuracy": "violated" },
      "no-anti-entropy": { convergence: "violated", "membership-accuracy": "ok" },
    });
  });

  it("replays a seed with faults to the same trace hash", async () => {
    const hashes: string[] = [];
    for (let run = 0; run < 2; run++) {
      const cluster = gossipCluster(7);
      const { sim } = cluster;
      sim.at(seconds(1), () => sim.network.partition([["n1"], ["n2", "n3", "n4", "n5"]]));
      sim.at(seconds(2), () => sim.crash("n4"));
      sim.at(seconds(3), () => sim.network.heal());
      sim.at(seconds(3.5), () => sim.restart("n4"));
      void addValues(cluster, 1, 30, ms(100));
      await sim.run({ untilUs: seconds(8) });
      hashes.push(sim.traceHash);
    }
    expect(hashes[1]).toBe(hashes[0]);
  });

  it("rejects options that cannot work, naming the field", () => {
    const parsed = gossipSystem.options.safeParse({ protocolPeriodMs: 100, pingTimeoutMs: 60 });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("pingTimeoutMs");
    expect(gossipSystem.options.safeParse({ bug: "typo" }).success).toBe(false);
  });
});
