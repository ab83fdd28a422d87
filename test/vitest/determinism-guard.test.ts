// The vitest helpers run with the determinism guard on, as the command line does, and take
// `determinismGuard: false` to turn it off.
import { describe, expect, it } from "vitest";
import { runSim, simCheck } from "../../src/vitest/index.js";

const DATE_NOW = "test/fixtures/nondeterministic/date-now.yaml";

describe("the determinism guard in the vitest helpers", () => {
  it("makes runSim report a handler that reads Date.now(), naming the call and node", async () => {
    const result = await runSim(DATE_NOW, 1);
    expect(result.failure?.reason).toBe("nondeterminism");
    expect(result.failure?.message).toMatch(/^node n[23] called Date\.now\(\)/);
    expect(result.failure?.details).toContain("wall-clock-systems.mjs");
  });

  it("lets runSim and simCheck through with determinismGuard: false", async () => {
    expect((await runSim(DATE_NOW, 1, { determinismGuard: false })).ok).toBe(true);
    await simCheck("unguarded", DATE_NOW, { seeds: [1], determinismGuard: false });
  });

  it("makes simCheck fail at the first seed with nondeterminism", async () => {
    await simCheck("guarded", DATE_NOW, { seeds: "1..2", expectFailure: "nondeterminism" });
  });
});
