import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { fixtureScenario } from "./helpers.js";

describe("runScenario", () => {
  it("passes a linearizable system and records a checkable history", async () => {
    const scenario = await loadScenario(fixtureScenario("register-calm"));
    const result = await runScenario(scenario, 1);
    expect(result.ok).toBe(true);
    expect(result.ops.invoked).toBeGreaterThan(50);
    expect(result.history.filter((event) => event.type === "invoke")).toHaveLength(
      result.ops.invoked,
    );
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: "linearizability", verdict: "pass" }),
    );
  });

  it("finds stale reads as a linearizability failure with an explanation", async () => {
    const scenario = await loadScenario(fixtureScenario("stale-replicas"));
    const result = await runScenario(scenario, 2);
    expect(result.ok).toBe(false);
    expect(result.failure?.reason).toBe("linearizability");
    expect(result.failure?.details).toContain("cannot be placed");
  });

  it("gives the same trace hash, history and faults for the same seed, with faults on", async () => {
    const scenario = await loadScenario(fixtureScenario("faulty-register"));
    const first = await runScenario(scenario, 5);
    const second = await runScenario(scenario, 5);
    expect(first.faults.length).toBeGreaterThan(3);
    expect(second.traceHash).toBe(first.traceHash);
    expect(second.history).toEqual(first.history);
    expect(second.faults).toEqual(first.faults);
    const other = await runScenario(scenario, 6);
    expect(other.traceHash).not.toBe(first.traceHash);
  });

  it("keeps a durable register linearizable through crashes, partitions and clock faults", async () => {
    const scenario = await loadScenario(fixtureScenario("faulty-register"));
    for (const seed of [1, 2, 3, 4]) {
      const result = await runScenario(scenario, seed);
      expect(result.failure).toBeUndefined();
    }
  });

  it("applies an explicit schedule with its targets and ends each fault", async () => {
    const scenario = await loadScenario(fixtureScenario("faulty-register"));
    const result = await runScenario(scenario, 1);
    const explicit = result.faults.filter((fault) => fault.episode < 3);
    expect(explicit.map((fault) => [fault.atUs, fault.endUs, fault.description])).toEqual([
      [200_000, 500_000, "partition isolate n1"],
      [600_000, 800_000, "crash n1"],
      [900_000, 1_000_000, "clock-bump n2 -150000us"],
    ]);
  });

  it("reports a node that throws as node-failure", async () => {
    const scenario = await loadScenario(fixtureScenario("throws"));
    const result = await runScenario(scenario, 1);
    expect(result.failure?.reason).toBe("node-failure");
    expect(result.failure?.message).toContain("unexpected op");
  });

  it("reports a system that never answers again after healing as a liveness failure", async () => {
    const scenario = await loadScenario(fixtureScenario("deaf-after-restart"));
    const result = await runScenario(scenario, 1);
    expect(result.failure?.reason).toBe("liveness");
    expect(result.failure?.message).toContain("did not complete");
  });

  it("draws different fault mixes per seed in swarm mode, the same for the same seed", async () => {
    const scenario = await loadScenario(fixtureScenario("faulty-register"));
    const swarms = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (seed) => (await runScenario(scenario, seed)).swarm),
    );
    const again = (await runScenario(scenario, 1)).swarm;
    expect(again).toEqual(swarms[0]);
    const mixes = new Set(swarms.map((swarm) => JSON.stringify(swarm?.kinds)));
    expect(mixes.size).toBeGreaterThan(1);
  });
});
