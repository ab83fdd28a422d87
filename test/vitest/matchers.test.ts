import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { runSim } from "../../src/vitest/index.js";
import { fixtureScenario } from "../scenario/helpers.js";

const CALM = "test/fixtures/scenarios/register-calm.yaml";
const STALE = "test/fixtures/scenarios/stale-replicas.yaml";
const THROWS = "test/fixtures/scenarios/throws.yaml";

function messageOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the assertion to fail");
}

describe("toPass", () => {
  it("passes a passing run", async () => {
    expect(await runSim(CALM, 1)).toPass();
  });

  it("fails a failing run with the seed, the reason, the explanation and the replay", async () => {
    const result = await runSim(STALE, 2);
    const message = messageOf(() => expect(result).toPass());
    expect(message).toMatch(/^stale-replicas seed 2 failed: linearizability\n/);
    expect(message).toContain('No linearization exists on key "k1"');
    expect(message).toContain("cannot be placed");
    expect(message.split("\n").at(-1)).toBe(`replay: npx faultline replay ${STALE} --seed 2`);
  });

  it("negated, says that the run passed, and how to replay it", async () => {
    const result = await runSim(CALM, 3);
    expect(messageOf(() => expect(result).not.toPass())).toBe(
      `expected register-calm seed 3 to fail, but it passed\nreplay: npx faultline replay ${CALM} --seed 3`,
    );
  });

  it("shows how to run the seed from code for a result it has not seen", async () => {
    const result = await runScenario(await loadScenario(fixtureScenario("stale-replicas")), 2);
    expect(
      messageOf(() => expect(result).toPass())
        .split("\n")
        .at(-1),
    ).toBe("replay: await runScenario(scenario, 2) // scenario stale-replicas, seed 2");
  });

  it("refuses what is not a run result", () => {
    expect(() => expect({ ok: true }).toPass()).toThrow(
      "toPass: expected the result of runScenario or runSim",
    );
  });
});

describe("toBeLinearizable", () => {
  it("passes a checked, linearizable history", async () => {
    expect(await runSim(CALM, 2)).toBeLinearizable();
  });

  it("fails a violation with the checker's explanation", async () => {
    const result = await runSim(STALE, 2);
    expect(result).not.toBeLinearizable();
    expect(messageOf(() => expect(result).toBeLinearizable())).toContain(
      "longest linearizable prefix",
    );
  });

  it("fails when the history was never checked, saying why", async () => {
    const result = await runSim(THROWS, 1);
    expect(messageOf(() => expect(result).toBeLinearizable())).toBe(
      "expected throws seed 1 to be linearizable, but its history was not checked " +
        `(the run failed first: node-failure)\nreplay: npx faultline replay ${THROWS} --seed 1`,
    );
  });
});

describe("toFailWith", () => {
  it("matches the failure reason exactly", async () => {
    const result = await runSim(STALE, 2);
    expect(result).toFailWith("linearizability");
    expect(messageOf(() => expect(result).toFailWith("liveness"))).toMatch(
      /^expected stale-replicas seed 2 to fail with liveness, but it failed with linearizability\n/,
    );
  });

  it("says when the run passed instead", async () => {
    const result = await runSim(CALM, 1);
    expect(messageOf(() => expect(result).toFailWith("liveness"))).toContain("but it passed");
  });
});
