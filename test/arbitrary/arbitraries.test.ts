import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faultSchedule, scenario, workload } from "../../src/arbitrary/index.js";
import { defineScenario, loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { scheduleEntry } from "../../src/shrink/schedule-entry.js";
import { fixtureScenario, ROOT } from "../scenario/helpers.js";
import { PRIMARY_BACKUP } from "../shrink/support.js";

const BASE = { nodes: 3, duration: "1s", recovery: { opsPerClient: 1, budget: "2s" } };

describe("the faultline/arbitrary entry point", () => {
  it("exports the arbitraries, as faultline's arbitrary namespace does", async () => {
    const entry = await import("faultline/arbitrary");
    const main = await import("faultline");
    expect(Object.keys(entry).sort()).toEqual(["faultSchedule", "scenario", "workload"]);
    expect(Object.keys(main.arbitrary).sort()).toEqual(["faultSchedule", "scenario", "workload"]);
  });
});

describe("faultSchedule", () => {
  it("draws sorted episodes within the main phase, aimed at known nodes", () => {
    fc.assert(
      fc.property(faultSchedule({ nodes: 3, mainUs: 2_000_000, maxFaults: 4 }), (schedule) => {
        expect(schedule.length).toBeLessThanOrEqual(4);
        schedule.forEach((episode, index) => {
          expect(episode.atUs).toBeGreaterThanOrEqual(schedule[index - 1]?.atUs ?? 0);
          expect(episode.atUs).toBeLessThan(2_000_000);
          if ("target" in episode.fault && episode.fault.target !== undefined)
            expect(["n1", "n2", "n3", "leader"]).toContain(episode.fault.target);
        });
      }),
    );
  });

  it("aims faults at the lock holder only when asked", () => {
    const targets = (lockHolder: boolean) =>
      fc
        .sample(faultSchedule({ nodes: 3, mainUs: 2_000_000, kinds: ["pause"], lockHolder }), {
          seed: 7,
          numRuns: 200,
        })
        .flat()
        .map((episode) => ("target" in episode.fault ? episode.fault.target : undefined));
    expect(targets(true)).toContain("lock-holder");
    expect(targets(false)).not.toContain("lock-holder");
  });

  it("draws schedules a scenario file can hold", async () => {
    await fc.assert(
      fc.asyncProperty(faultSchedule({ nodes: 4, mainUs: 5_000_000 }), async (schedule) => {
        const loaded = await defineScenario(
          {
            name: "drawn",
            nodes: 4,
            system: { module: "examples/register-server.mjs" },
            nemesis: { schedule: schedule.map(scheduleEntry) },
          },
          { baseDir: ROOT },
        );
        expect(loaded.schedule).toEqual(schedule);
      }),
      { numRuns: 40 },
    );
  });

  it("checks its options once, saying what to fix", () => {
    expect(() => faultSchedule({ nodes: 0, mainUs: 1_000 })).toThrow(
      "faultSchedule: nodes must name at least one node",
    );
    expect(() => faultSchedule({ nodes: 3, mainUs: 1_000, kinds: ["flood" as "loss"] })).toThrow(
      'unknown fault kind "flood"',
    );
  });
});

describe("workload", () => {
  it("draws workloads within the bounds, with some operation to issue", () => {
    fc.assert(
      fc.property(workload({ maxClients: 3, maxOps: 20, maxKeys: 2 }), (drawn) => {
        expect(drawn.clients).toBeGreaterThanOrEqual(1);
        expect(drawn.clients).toBeLessThanOrEqual(3);
        expect(drawn.maxOps).toBeLessThanOrEqual(20);
        expect(drawn.keys).toBeLessThanOrEqual(2);
        expect(drawn.thinkUs.minUs).toBeLessThanOrEqual(drawn.thinkUs.maxUs);
        expect(Object.values(drawn.mix).some((weight) => weight > 0)).toBe(true);
      }),
    );
  });
});

describe("scenario", () => {
  it("lets a property hold over a linearizable system", async () => {
    const register = (await loadScenario(fixtureScenario("register-calm"))).system.definition;
    await fc.assert(
      fc.asyncProperty(
        scenario({ system: register, base: BASE, faults: { kinds: ["partition", "pause"] } }),
        async (drawn) => (await runScenario(drawn, 1)).ok,
      ),
      { numRuns: 10, seed: 7 },
    );
  });

  it("lets fast-check shrink and replay a failing scenario of a buggy system", async () => {
    const buggy = (await loadScenario(PRIMARY_BACKUP)).system.definition;
    const property = fc.asyncProperty(
      scenario({ system: buggy, base: BASE, workload: { maxClients: 4, maxOps: 60 } }),
      async (drawn: Scenario) => (await runScenario(drawn, 1)).ok,
    );
    const details = await fc.check(property, { seed: 11, numRuns: 100 });
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample!;
    expect(shrunk.schedule.length).toBeLessThanOrEqual(1);
    expect(shrunk.workload.clients).toBeLessThanOrEqual(2);
    expect((await runScenario(shrunk, 1)).failure?.reason).toBe("linearizability");
    // fast-check's replay: the reported seed and path give the same counterexample again.
    const replayed = await fc.check(property, {
      seed: details.seed,
      path: details.counterexamplePath!,
    });
    expect(replayed.counterexample![0].schedule).toEqual(shrunk.schedule);
    expect(replayed.counterexample![0].workload).toEqual(shrunk.workload);
  });

  it("rejects a base a scenario file could not hold", () => {
    expect(() => scenario({ system: () => ({}), base: { nodes: 0 } })).toThrow(
      "scenario arbitrary: nodes:",
    );
  });
});
