import { describe, expect, it } from "vitest";
import type { Fault } from "../../src/nemesis/fault.js";
import { randomSchedule } from "../../src/nemesis/random-nemesis.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { aimedByRole, pinnedEpisode, pinSchedule } from "../../src/shrink/pin.js";
import { RandomStreams } from "../../src/sim/random.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { firstDivergence, type Trace } from "../../src/sim/trace.js";
import { FAILING_SEED, PASSING_SEED, PRIMARY_BACKUP } from "./support.js";

/** The node (or `leader`, `random`) a fault is aimed at, if it is aimed at one. */
function aimed(fault: Fault): string | undefined {
  return "target" in fault ? fault.target : undefined;
}

async function traced(scenario: Parameters<typeof runScenario>[0], seed: number) {
  let sim: Simulation | undefined;
  const result = await runScenario(scenario, seed, {
    trace: "full",
    onSimulation: (created) => (sim = created),
  });
  return { result, trace: sim!.trace as Trace };
}

describe("pinning a run's faults", () => {
  it.each([
    [FAILING_SEED, "linearizability"],
    [PASSING_SEED, undefined],
  ])(
    "replays primary-backup seed %i event for event, without the random nemesis",
    async (seed, reason) => {
      const scenario = await loadScenario(PRIMARY_BACKUP);
      const original = await runScenario(scenario, seed);
      const pinned = pinSchedule(scenario, original);
      expect(pinned.randomNemesis).toBeUndefined();
      expect(pinned.schedule).toHaveLength(original.faults.length);
      expect(original.faults.length).toBeGreaterThan(20);
      const replayed = await runScenario(pinned, seed);
      expect(replayed.failure?.reason).toBe(reason);
      expect(replayed.traceHash).toBe(original.traceHash);
      expect(replayed.history).toEqual(original.history);
    },
  );

  it("resolves leader targets and drawn partition shapes to what was hit", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const drawn = randomSchedule(
      new RandomStreams(FAILING_SEED).stream("harness:nemesis-plan"),
      ["n1", "n2", "n3", "n4", "n5"],
      scenario.randomNemesis!,
      0,
      scenario.mainUs,
    ).episodes;
    expect(drawn.some((episode) => aimed(episode.fault) === "leader")).toBe(true);
    const pinned = pinSchedule(scenario, await runScenario(scenario, FAILING_SEED));
    for (const { fault } of pinned.schedule) {
      const target = aimed(fault);
      if (target !== undefined) expect(target).toMatch(/^n\d$/);
      // A drawn shape is pinned as its cut links; only `isolate <node>` keeps its name.
      if (fault.kind === "partition" && "shape" in fault) expect(fault.shape).toBe("isolate");
    }
  });

  it("can keep faults aimed at the leader so, and still replay the same run", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const original = await runScenario(scenario, FAILING_SEED);
    const pinned = pinSchedule(scenario, original, "keep-leader");
    const atLeader = pinned.schedule.filter((episode) => aimedByRole(episode.fault));
    expect(atLeader.length).toBeGreaterThan(3);
    expect(atLeader.length).toBe(original.faults.filter((f) => aimedByRole(f.planned)).length);
    expect((await runScenario(pinned, FAILING_SEED)).traceHash).toBe(original.traceHash);
  });

  it("keeps a fault still active at recovery open-ended, and an ended one timed", () => {
    const fault = { kind: "crash", target: "n2" } as const;
    const applied = { episode: 0, atUs: 100, fault, description: "crash n2", skipped: undefined };
    expect(pinnedEpisode({ ...applied, endUs: 400 }, 1_000)).toEqual({
      atUs: 100,
      durationUs: 300,
      fault,
    });
    expect(pinnedEpisode({ ...applied, endUs: 1_000 }, 1_000)).toEqual({ atUs: 100, fault });
    expect(pinnedEpisode({ ...applied, endUs: undefined }, 1_000)).toEqual({ atUs: 100, fault });
  });
});

describe("stability of named random streams", () => {
  it("removing a late fault leaves the run before it unchanged, event for event", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const pinned = pinSchedule(scenario, await runScenario(scenario, FAILING_SEED));
    const removed = pinned.schedule.length - 3;
    const removedAtUs = pinned.schedule[removed]!.atUs;
    const without = {
      ...pinned,
      schedule: pinned.schedule.filter((_, index) => index !== removed),
    };
    const before = await traced(pinned, FAILING_SEED);
    const after = await traced(without, FAILING_SEED);
    const divergence = firstDivergence(before.trace, after.trace);
    expect(divergence).toBeDefined();
    expect(divergence!.first?.timeUs).toBe(removedAtUs);
    const early = (history: typeof before.result.history) =>
      history.filter((event) => event.time < removedAtUs);
    expect(early(after.result.history)).toEqual(early(before.result.history));
    expect(early(before.result.history).length).toBeGreaterThan(1000);
  });

  it("removing an early fault does not redraw the later faults", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const pinned = pinSchedule(scenario, await runScenario(scenario, FAILING_SEED));
    const without = { ...pinned, schedule: pinned.schedule.slice(1) };
    const result = await runScenario(without, FAILING_SEED);
    const kept = result.faults.filter((applied) => applied.skipped === undefined);
    for (const applied of kept) {
      const planned = pinned.schedule.find((episode) => episode.atUs === applied.atUs);
      expect(applied.fault).toEqual(planned?.fault);
    }
    expect(kept.length).toBeGreaterThan(25);
  });
});
