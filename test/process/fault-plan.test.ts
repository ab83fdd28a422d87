/**
 * The process nemesis's plan is drawn whole from the seed: the same seed and options give
 * the same plan, every fault heals by the time limit, and each kind keeps its own stream
 * (adding a kind does not move the others).
 */
import { describe, expect, it } from "vitest";
import { planFaults } from "../../src/process/fault-plan.js";
import { drawLatencyMs } from "../../src/process/latency.js";
import { RandomStreams } from "../../src/sim/random.js";

const NODES = ["n0", "n1", "n2", "n3", "n4"];
const base = { nodes: NODES, intervalMs: 1000, timeLimitMs: 20_000 };

describe("planFaults", () => {
  it("is a function of the seed", () => {
    const kinds = ["partition", "kill", "pause", "loss", "duplicate"] as const;
    const once = planFaults({ ...base, kinds, random: new RandomStreams(7) });
    const twice = planFaults({ ...base, kinds, random: new RandomStreams(7) });
    const other = planFaults({ ...base, kinds, random: new RandomStreams(8) });
    expect(twice).toEqual(once);
    expect(other).not.toEqual(once);
    expect(new Set(once.map((fault) => fault.kind))).toEqual(new Set(kinds));
  });

  it("starts every fault before the time limit and heals it by then, in start order", () => {
    const plan = planFaults({
      ...base,
      kinds: ["partition", "kill"],
      random: new RandomStreams(3),
    });
    expect(plan.length).toBeGreaterThan(4);
    for (const fault of plan) {
      expect(fault.startMs).toBeLessThan(base.timeLimitMs);
      expect(fault.endMs).toBeLessThanOrEqual(base.timeLimitMs);
      expect(fault.endMs).toBeGreaterThanOrEqual(fault.startMs);
    }
    const starts = plan.map((fault) => fault.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const kill of plan.filter((fault) => fault.kind === "kill")) {
      expect(kill.nodes.length).toBeGreaterThanOrEqual(1);
      expect(kill.nodes.length).toBeLessThanOrEqual(2);
    }
  });

  it("draws each kind from its own stream", () => {
    const alone = planFaults({ ...base, kinds: ["partition"], random: new RandomStreams(5) });
    const mixed = planFaults({
      ...base,
      kinds: ["partition", "loss"],
      random: new RandomStreams(5),
    });
    expect(mixed.filter((fault) => fault.kind === "partition")).toEqual(alone);
  });

  it("cuts links only between nodes, both ways for an isolation", () => {
    const plan = planFaults({ ...base, kinds: ["partition"], random: new RandomStreams(11) });
    const isolation = plan.find((fault) => fault.description.startsWith("partition isolate"));
    expect(isolation).toBeDefined();
    const target = isolation!.description.split(" ").pop()!;
    expect(isolation!.cuts).toHaveLength(2 * (NODES.length - 1));
    expect(isolation!.cuts?.every(([from, to]) => from === target || to === target)).toBe(true);
  });
});

describe("drawLatencyMs", () => {
  it("draws Maelstrom's shapes around the mean, the same sequence for the same seed", () => {
    const draw = (distribution: "constant" | "uniform" | "exponential", seed: number) => {
      const random = new RandomStreams(seed).stream("network");
      return Array.from({ length: 4000 }, () =>
        drawLatencyMs({ meanMs: 50, distribution }, random),
      );
    };
    const mean = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(draw("constant", 1).every((value) => value === 50)).toBe(true);
    const uniform = draw("uniform", 1);
    expect(Math.min(...uniform)).toBe(0);
    expect(Math.max(...uniform)).toBe(100);
    expect(mean(uniform)).toBeGreaterThan(45);
    expect(mean(uniform)).toBeLessThan(55);
    const exponential = draw("exponential", 1);
    expect(mean(exponential)).toBeGreaterThan(45);
    expect(mean(exponential)).toBeLessThan(55);
    expect(Math.max(...exponential)).toBeGreaterThan(200);
    expect(draw("exponential", 1)).toEqual(exponential);
  });
});
