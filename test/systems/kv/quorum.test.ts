import { describe, expect, it } from "vitest";
import { kvQuorumSystem, ms, seconds, type TimestampSource } from "../../../src/index.js";
import { kvCluster, randomRun } from "./kv-cluster.js";
import { checkRegisters } from "./register-linearizability.js";

function build(timestamps: TimestampSource = "versioned") {
  return kvQuorumSystem.build(kvQuorumSystem.options.parse({ timestamps }));
}

/**
 * n2's clock runs one second behind. A client writes x = 1 through n1, then, after that
 * write is acknowledged, x = 2 through n2, then reads x through n3.
 */
async function writeThroughSkewedClock(timestamps: TimestampSource) {
  const { sim, driver } = kvCluster(3, build(timestamps));
  const script = (async () => {
    await sim.sleep(seconds(2));
    sim.bumpClock("n2", -seconds(1));
    const first = await driver.invoke("c1", "n1", { f: "write", key: "x", value: 1 });
    const second = await driver.invoke("c1", "n2", { f: "write", key: "x", value: 2 });
    const read = await driver.invoke("c1", "n3", { f: "read", key: "x" });
    return { first, second, read };
  })();
  await sim.run({ untilUs: seconds(3) });
  return { outcomes: await script, verdict: checkRegisters(driver.history) };
}

describe("kv-quorum", () => {
  it("with versioned timestamps, a later write wins whatever the clocks say", async () => {
    const { outcomes, verdict } = await writeThroughSkewedClock("versioned");
    expect(outcomes).toEqual({
      first: { type: "ok" },
      second: { type: "ok" },
      read: { type: "ok", value: 2 },
    });
    expect(verdict.type).toBe("linearizable");
  });

  it("with wall-clock timestamps, loses an acknowledged write under clock skew", async () => {
    const { outcomes, verdict } = await writeThroughSkewedClock("wall-clock");
    expect(outcomes).toEqual({
      first: { type: "ok" },
      second: { type: "ok" },
      read: { type: "ok", value: 1 },
    });
    expect(verdict.type).toBe("not-linearizable");
  });

  it("refuses compare-and-set, which quorums cannot make atomic", async () => {
    const { sim, driver } = kvCluster(4, build());
    const outcome = driver.invoke("c1", "n1", { f: "cas", key: "x", from: 1, to: 2 });
    await sim.run({ untilUs: ms(100) });
    expect(await outcome).toMatchObject({ type: "fail" });
  });

  it("with versioned timestamps, stays linearizable under crashes, partitions, pauses and clock jumps", async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const run = await randomRun(
        seed,
        build(),
        ["crash", "pause", "partition", "clock"],
        ["read", "write"],
      );
      expect(run.verdict.type, `seed ${seed}`).toBe("linearizable");
      expect(run.acknowledged).toBeGreaterThan(50);
    }
  });

  it("with wall-clock timestamps, random clock jumps make it non-linearizable", async () => {
    const verdicts: string[] = [];
    for (let seed = 1; seed <= 4; seed++) {
      verdicts.push(
        (await randomRun(seed, build("wall-clock"), ["clock"], ["read", "write"])).verdict.type,
      );
    }
    expect(verdicts).toContain("not-linearizable");
  });

  it("replays a seed to the same trace hash", async () => {
    const first = await randomRun(6, build(), ["crash", "partition", "clock"], ["read", "write"]);
    const second = await randomRun(6, build(), ["crash", "partition", "clock"], ["read", "write"]);
    expect(second.traceHash).toBe(first.traceHash);
  });

  it("rejects quorums that do not intersect, saying why", () => {
    const parsed = kvQuorumSystem.options.safeParse({ replicas: 3, readQuorum: 1, writeQuorum: 2 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(
      "readQuorum + writeQuorum must exceed replicas",
    );
  });
});
