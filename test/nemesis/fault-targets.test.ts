/**
 * Faults aimed by role: `lock-holder` resolves, when the fault begins, to a node whose
 * `inspect()` reports a non-empty `holding` list; a random nemesis aims there with
 * `holderBias`, and a bias of 0 leaves the schedule exactly as it was.
 */
import { describe, expect, it } from "vitest";
import { defineScenario, type NodeFactory, runScenario } from "../../src/index.js";
import { isNodeTarget, isRoleTarget } from "../../src/nemesis/fault.js";
import { pinSchedule } from "../../src/shrink/pin.js";

/** Every node answers clients; the node named `holder` (if any) reports holding lock `k`. */
function holderSystem(holder: string | undefined): NodeFactory {
  return ({ id, ctx }) => ({
    onClientRequest(request) {
      ctx.respond(request, { type: "ok", value: null });
    },
    inspect: () => ({ role: "worker", holding: id === holder ? ["k"] : [] }),
  });
}

async function scenarioWith(holder: string | undefined, nemesis: Record<string, unknown>) {
  return defineScenario(
    {
      name: "holder",
      nodes: 5,
      duration: "10s",
      workload: { clients: 1, think: "100ms..200ms" },
      nemesis,
      checks: { linearizability: false },
    },
    { system: holderSystem(holder) },
  );
}

const explicitPauses = {
  schedule: [1, 3, 5, 7].map((second) => ({
    at: `${second}s`,
    duration: "500ms",
    fault: "pause",
    target: "lock-holder",
  })),
};

describe("lock-holder targets", () => {
  it("pause the node that reports holding a lock", async () => {
    const result = await runScenario(await scenarioWith("n4", explicitPauses), 1);
    expect(result.faults.map((fault) => fault.description)).toEqual([
      "pause n4",
      "pause n4",
      "pause n4",
      "pause n4",
    ]);
  });

  it("fall back to a node drawn at random when no node holds a lock", async () => {
    const result = await runScenario(await scenarioWith(undefined, explicitPauses), 1);
    const hit = new Set(result.faults.map((fault) => fault.description));
    expect(result.faults).toHaveLength(4);
    expect(hit.size).toBeGreaterThan(1);
  });

  it("are drawn by a random nemesis with holderBias, and a bias of 0 changes nothing", async () => {
    const random = { faults: ["pause"], interval: "300ms..1s", duration: "100ms..200ms" };
    const biased = await runScenario(
      await scenarioWith("n2", { random: { ...random, leaderBias: 0, holderBias: 1 } }),
      3,
    );
    expect(biased.faults.length).toBeGreaterThan(5);
    for (const fault of biased.faults) expect(fault.description).toBe("pause n2");

    const unbiased = await runScenario(
      await scenarioWith("n2", { random: { ...random, leaderBias: 0 } }),
      3,
    );
    const zero = await runScenario(
      await scenarioWith("n2", { random: { ...random, leaderBias: 0, holderBias: 0 } }),
      3,
    );
    expect(zero.traceHash).toBe(unbiased.traceHash);
    expect(new Set(unbiased.faults.map((fault) => fault.description)).size).toBeGreaterThan(1);
  });

  it("stay aimed at the lock holder when a shrinker pins the run that keeps roles", async () => {
    const scenario = await scenarioWith("n4", explicitPauses);
    const result = await runScenario(scenario, 1);
    const kept = pinSchedule(scenario, result, "keep-leader").schedule;
    expect(kept.map((episode) => episode.fault)).toEqual(
      explicitPauses.schedule.map(() => ({ kind: "pause", target: "lock-holder" })),
    );
    const resolved = pinSchedule(scenario, result).schedule;
    expect(resolved.map((episode) => episode.fault)).toEqual(
      explicitPauses.schedule.map(() => ({ kind: "pause", target: "n4" })),
    );
  });

  it("are role targets, not node names", () => {
    expect(isRoleTarget("lock-holder")).toBe(true);
    expect(isRoleTarget("leader")).toBe(true);
    expect(isNodeTarget("lock-holder")).toBe(false);
    expect(isNodeTarget("random")).toBe(false);
    expect(isNodeTarget("n1")).toBe(true);
  });
});
