import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { type ShrinkOutcome, shrinkFailure } from "../../src/shrink/shrink-failure.js";
import type { ShrinkMove } from "../../src/shrink/shrink-move.js";
import { fixtureScenario } from "../scenario/helpers.js";
import { FAILING_SEED, PASSING_SEED, PRIMARY_BACKUP } from "./support.js";

type Shrunk = Extract<ShrinkOutcome, { kind: "shrunk" }>;

function shrunk(outcome: ShrinkOutcome): Shrunk {
  if (outcome.kind !== "shrunk") throw new Error(`expected a shrunk outcome, got ${outcome.kind}`);
  return outcome;
}

describe("shrinking a planted bug under random faults", () => {
  let scenario: Scenario;
  let outcome: Shrunk;

  beforeAll(async () => {
    scenario = await loadScenario(PRIMARY_BACKUP);
    outcome = shrunk(await shrinkFailure(scenario, FAILING_SEED, { maxRuns: 20_000 }));
  });

  it("reaches at most 3 faults and 30 operations from 31 faults and thousands of operations", () => {
    expect(outcome.reason).toBe("linearizability");
    expect(outcome.before.faults).toBe(31);
    expect(outcome.before.operations).toBeGreaterThan(2_000);
    expect(outcome.after.faults).toBeLessThanOrEqual(3);
    expect(outcome.after.operations).toBeLessThanOrEqual(30);
    expect(outcome.stoppedBy).toBe("done");
  });

  it("keeps a reproducer that fails for the same reason when run again", async () => {
    const again = await runScenario(outcome.shrunk.scenario, outcome.shrunk.seed);
    expect(again.failure?.reason).toBe("linearizability");
    expect(again.ops.invoked).toBe(outcome.after.operations);
    expect(outcome.shrunk.scenario.randomNemesis).toBeUndefined();
  });

  it("pins the operation cap to what the reproducer's main phase issued", () => {
    const { scenario: small, result } = outcome.shrunk;
    const issued = result.history.filter(
      (event) => event.type === "invoke" && event.time < small.mainUs,
    ).length;
    expect(small.workload.maxOps).toBe(issued);
  });

  it("only ever keeps smaller reproducers", () => {
    const faults = outcome.steps.map((step) => step.size.faults);
    expect(faults).toEqual([...faults].sort((a, b) => b - a));
    expect(outcome.steps.length).toBeGreaterThan(5);
  });
});

describe("shrinkFailure", () => {
  it("is deterministic for a bound on runs", async () => {
    const scenario = await loadScenario(fixtureScenario("stale-replicas"));
    const first = shrunk(await shrinkFailure(scenario, 2, { maxRuns: 25 }));
    const second = shrunk(await shrinkFailure(scenario, 2, { maxRuns: 25 }));
    expect(first.stoppedBy).toBe("max-runs");
    expect(second.steps).toEqual(first.steps);
    expect(second.shrunk.result.traceHash).toBe(first.shrunk.result.traceHash);
  });

  it("cuts a fault-free failure down to a handful of operations", async () => {
    const scenario = await loadScenario(fixtureScenario("stale-replicas"));
    const outcome = shrunk(await shrinkFailure(scenario, 2));
    expect(outcome.before.operations).toBeGreaterThan(1_000);
    expect(outcome.after.operations).toBeLessThanOrEqual(10);
  });

  it("keeps the seed when told not to try others, and may move to a nearby one otherwise", async () => {
    const scenario = await loadScenario(fixtureScenario("stale-replicas"));
    const pinnedSeed = shrunk(await shrinkFailure(scenario, 2, { reseeds: 0 }));
    expect(pinnedSeed.shrunk.seed).toBe(2);
    const free = shrunk(await shrinkFailure(scenario, 2, { reseeds: 3 }));
    expect(free.after.operations).toBeLessThanOrEqual(pinnedSeed.after.operations);
    for (const step of free.steps) expect(step.seed).toBeGreaterThanOrEqual(2);
    expect((await runScenario(free.shrunk.scenario, free.shrunk.seed)).failure?.reason).toBe(
      "linearizability",
    );
  });

  it("keeps a liveness failure a liveness failure", async () => {
    const scenario = await loadScenario(fixtureScenario("deaf-after-restart"));
    const outcome = shrunk(await shrinkFailure(scenario, 1));
    expect(outcome.reason).toBe("liveness");
    expect(outcome.after.faults).toBe(1);
    expect(outcome.shrunk.scenario.schedule[0]!.fault).toEqual({ kind: "crash", target: "n1" });
  });

  it("widens the seeds of a redrawn candidate once nothing helps, and trims times only last", async () => {
    const scenario = await loadScenario(fixtureScenario("deaf-after-restart"));
    const tries: string[] = [];
    const trimAskedAfter: number[] = [];
    // Without its crash the run passes at every seed: the candidate is never kept.
    const dropAll: ShrinkMove = {
      name: "drop-all",
      perturbs: true,
      *candidates({ scenario: current }) {
        yield { ...current, schedule: [] };
      },
    };
    const calmAll: ShrinkMove = {
      name: "calm-all",
      perturbs: true,
      cutsLesserMeasures: true,
      *candidates({ scenario: current }) {
        yield { ...current, schedule: [], network: { ...current.network, dropRate: 0.5 } };
      },
    };
    const trim: ShrinkMove = {
      name: "trim",
      trimsTimes: true,
      candidates() {
        trimAskedAfter.push(tries.length);
        return [];
      },
    };
    const outcome = shrunk(
      await shrinkFailure(scenario, 1, {
        moves: [trim, dropAll, calmAll],
        reseeds: 1,
        onProgress: (progress) => tries.push(progress.move),
      }),
    );
    expect(outcome.steps).toEqual([]);
    // Seeds 1-2 in the first stage, then 3-5, 6-17 and 18-65 in three wider ones; a move
    // that cuts only lesser measures is not widened. The last stage, which alone asks the
    // move that trims times, runs no candidate at a seed again.
    const twice = ["drop-all", "drop-all", "calm-all", "calm-all"];
    const widened = [3, 12, 48].flatMap((count) => Array.from({ length: count }, () => "drop-all"));
    expect(tries).toEqual([...twice, ...widened]);
    expect(trimAskedAfter).toEqual([67]);
  });

  it("reports a seed that passes instead of shrinking it", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const outcome = await shrinkFailure(scenario, PASSING_SEED, { maxRuns: 5 });
    expect(outcome.kind).toBe("passed");
  });

  it("tells its progress after every run", async () => {
    const scenario = await loadScenario(fixtureScenario("deaf-after-restart"));
    const moves: string[] = [];
    const outcome = shrunk(
      await shrinkFailure(scenario, 1, { onProgress: (progress) => moves.push(progress.move) }),
    );
    // Every candidate tried is reported (some take more than one run); the original and
    // pinned runs are not.
    expect(moves.length).toBeGreaterThan(10);
    expect(moves.length).toBeLessThanOrEqual(outcome.runs - 2);
    expect(moves[0]).toBe("cap-operations");
  });
});
