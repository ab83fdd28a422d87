/**
 * The coordination service's scenario files: each planted bug's scenario fails at its first
 * seed for its own reason, and the same faults and seed pass with the bug switched off.
 * (The sweeps over seeds 1..500 are run by hand: `faultline run`.)
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkLinearizability,
  loadScenario,
  mutexModel,
  runScenario,
  type Scenario,
} from "../../../src/index.js";
import { ROOT } from "../../scenario/helpers.js";

const scenario = (name: string) => loadScenario(join(ROOT, "scenarios", `${name}.yaml`));

/** The same scenario with the planted bug switched off. */
function withoutBug(buggy: Scenario): Scenario {
  const options = buggy.system.options as Record<string, unknown>;
  return { ...buggy, system: { ...buggy.system, options: { ...options, bug: "none" } } };
}

describe("coord planted bugs", () => {
  const cases = [
    {
      bug: "coord-no-fencing",
      seed: 1,
      reason: "invariant:mutual-exclusion",
      says: /both were inside at once/,
    },
    {
      bug: "coord-lease-local-clock",
      seed: 1,
      reason: "invariant:sessions",
      says: /expired-while-alive/,
    },
    { bug: "coord-ephemeral-leak", seed: 1, reason: "invariant:sessions", says: /survived-expiry/ },
  ];
  for (const { bug, seed, reason, says } of cases) {
    it(`${bug} fails at seed ${seed} with ${reason}, and passes without the bug`, async () => {
      const buggy = await scenario(`bugs/${bug}`);
      const failed = await runScenario(buggy, seed);
      expect(failed.failure?.reason).toBe(reason);
      expect(failed.failure?.message).toMatch(says);
      const fixed = await runScenario(withoutBug(buggy), seed);
      expect(fixed.failure).toBeUndefined();
    });
  }
});

describe("coord scenarios", () => {
  for (const name of [
    "coord-calm",
    "coord-pauses",
    "coord-partitions",
    "coord-clocks",
    "coord-swarm",
  ]) {
    it(`${name} passes its first seed with every check`, async () => {
      const result = await runScenario(await scenario(name), 1);
      expect(result.failure).toBeUndefined();
      expect(result.checks.map((check) => [check.name, check.verdict])).toEqual([
        ["invariants", "pass"],
        ["liveness", "pass"],
        ["linearizability", "pass"],
      ]);
    });
  }
});

describe("coord history", () => {
  it("is tight enough for the mutex model to notice one release that did not happen", async () => {
    const { history } = await runScenario(await scenario("coord-calm"), 1);
    expect(checkLinearizability(history, mutexModel).verdict).toBe("linearizable");
    const released = history.findIndex((event) => event.f === "release" && event.type === "ok");
    const doctored = history.map((event, index) =>
      index === released ? { ...event, type: "fail" as const } : event,
    );
    expect(checkLinearizability(doctored, mutexModel).verdict).toBe("violation");
  });
});
