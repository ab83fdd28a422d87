import { describe, expect, it } from "vitest";
import { kvSingleSystem, ms, seconds } from "../../../src/index.js";
import { kvCluster, randomRun } from "./kv-cluster.js";

const system = kvSingleSystem.build({});

describe("kv-single", () => {
  it("serves on the first node and redirects clients elsewhere to it", async () => {
    const { sim, driver } = kvCluster(1, system);
    const script = (async () => {
      expect(await driver.invoke("c1", "n2", { f: "write", key: "x", value: 1 })).toEqual({
        type: "redirect",
        leader: "n1",
      });
      expect(await driver.invoke("c1", "n1", { f: "write", key: "x", value: 1 })).toEqual({
        type: "ok",
      });
      expect(await driver.invoke("c1", "n1", { f: "cas", key: "x", from: 2, to: 3 })).toEqual({
        type: "fail",
        error: "cas-mismatch",
      });
      expect(await driver.invoke("c1", "n1", { f: "read", key: "x" })).toEqual({
        type: "ok",
        value: 1,
      });
    })();
    await sim.run({ untilUs: seconds(1) });
    await script;
    expect(driver.history).toHaveLength(4);
  });

  it("keeps acknowledged writes across a crash and restart of the server", async () => {
    const { sim, driver } = kvCluster(2, system);
    const script = (async () => {
      await driver.invoke("c1", "n1", { f: "write", key: "x", value: 7 });
      sim.crash("n1");
      expect(await driver.invoke("c1", "n1", { f: "read", key: "x" })).toEqual({ type: "timeout" });
      sim.restart("n1");
      return driver.invoke("c1", "n1", { f: "read", key: "x" });
    })();
    await sim.run({ untilUs: seconds(3) });
    expect(await script).toEqual({ type: "ok", value: 7 });
  });

  it("stays linearizable under random crashes, pauses and partitions", async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const run = await randomRun(seed, system, ["crash", "pause", "partition"]);
      expect(run.verdict.type, `seed ${seed}`).toBe("linearizable");
      expect(run.acknowledged).toBeGreaterThan(50);
    }
  });

  it("replays a seed to the same trace hash", async () => {
    const first = await randomRun(9, system, ["crash", "pause"]);
    const second = await randomRun(9, system, ["crash", "pause"]);
    expect(second.traceHash).toBe(first.traceHash);
  });

  it("answers malformed operations with fail", async () => {
    const { sim, driver } = kvCluster(3, system);
    const outcome = driver.invoke("c1", "n1", { f: "write", key: "x", value: 1.5 });
    await sim.run({ untilUs: ms(100) });
    expect(await outcome).toEqual({ type: "fail", error: "write needs an integer value" });
  });
});
