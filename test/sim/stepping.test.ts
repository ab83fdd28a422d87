import { describe, expect, it } from "vitest";
import { runFor, runUntil, Simulation } from "../../src/index.js";

const ticker = () =>
  new Simulation({
    seed: 1,
    nodes: 1,
    system: ({ ctx }) => {
      let ticks = 0;
      const tick = () => {
        ticks++;
        ctx.setTimer(10, tick);
      };
      ctx.setTimer(10, tick);
      return { inspect: () => ({ ticks }) };
    },
  });

describe("stepping a simulation", () => {
  it("runs for a stretch of virtual time", async () => {
    const sim = ticker();
    await runFor(sim, 105_000);
    expect(sim.nowUs).toBe(105_000);
    expect(sim.inspect("n1")).toEqual({ ticks: 10 });
  });

  it("runs until a condition holds, stopping at the first step where it does", async () => {
    const sim = ticker();
    const ticks = () => (sim.inspect("n1")?.ticks as number) ?? 0;
    expect(await runUntil(sim, () => ticks() >= 30, { stepUs: 20_000 })).toBe(true);
    expect(ticks()).toBeGreaterThanOrEqual(30);
    expect(sim.nowUs).toBe(300_000);
  });

  it("gives up after its limit when the condition never holds", async () => {
    const sim = ticker();
    expect(await runUntil(sim, () => false, { limitUs: 50_000 })).toBe(false);
    expect(sim.nowUs).toBe(50_000);
  });
});
