import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { aimAtLeader } from "../../src/shrink/fault-moves.js";
import { observedRun } from "../../src/shrink/observed-run.js";
import { aimedByRole, pinSchedule } from "../../src/shrink/pin.js";
import { FAILING_SEED, PRIMARY_BACKUP } from "./support.js";

describe("observed runs", () => {
  it("note who led at each fault without changing the run", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const original = await runScenario(scenario, FAILING_SEED);
    const pinned = pinSchedule(scenario, original, "resolve");
    const { result, leaders } = await observedRun(pinned, FAILING_SEED);
    expect(result.traceHash).toBe(original.traceHash);
    expect(leaders).toHaveLength(pinned.schedule.length);
    // Faults the random nemesis aimed at the leader hit the node that led.
    original.faults.forEach((applied, index) => {
      if (aimedByRole(applied.planned) && "target" in applied.fault)
        expect(applied.fault.target).toBe(leaders[index]);
    });
  });

  it("let aim-at-leader re-aim exactly the faults that hit the leader, keeping the run", async () => {
    const scenario = await loadScenario(PRIMARY_BACKUP);
    const original = await runScenario(scenario, FAILING_SEED);
    const pinned = pinSchedule(scenario, original, "resolve");
    const observed = await observedRun(pinned, FAILING_SEED);
    const state = { scenario: pinned, seed: FAILING_SEED, ...observed };
    const candidates = [...aimAtLeader.candidates(state)];
    expect(candidates.length).toBeGreaterThan(3);
    for (const candidate of candidates.slice(0, 3)) {
      expect((await runScenario(candidate, FAILING_SEED)).traceHash).toBe(original.traceHash);
    }
  });
});
