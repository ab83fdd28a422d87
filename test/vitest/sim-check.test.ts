import { existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { seedsToRun, simCheck } from "../../src/vitest/index.js";
import { fixtureScenario } from "../scenario/helpers.js";
import { PRIMARY_BACKUP } from "../shrink/support.js";

const CALM = "test/fixtures/scenarios/register-calm.yaml";
const STALE = "test/fixtures/scenarios/stale-replicas.yaml";

async function failureOf(check: Promise<void>): Promise<string> {
  try {
    await check;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the check to fail");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("simCheck", () => {
  it("resolves when every seed passes", async () => {
    await simCheck("calm", CALM, { seeds: "1..3" });
  });

  it("fails at the first failing seed with its reason and the command that replays it", async () => {
    const message = await failureOf(simCheck("stale", STALE, { seeds: "1..5" }));
    const lines = message.split("\n");
    expect(lines[0]).toBe("stale-replicas seed 2 failed: linearizability");
    expect(lines.at(-1)).toBe(`replay: npx faultline replay ${STALE} --seed 2`);
    expect(message).not.toContain("shrunk reproducer");
  });

  it("with shrinking, shows the reproducer and replays it instead", async () => {
    const message = await failureOf(simCheck("stale", STALE, { seeds: [2], shrink: true }));
    const file = ".faultline/shrunk/stale-replicas-seed-2.yaml";
    expect(message).toContain(`\nshrunk reproducer: ${file}\n`);
    expect(message).toMatch(/\n {2}operations {2}\d{4} -> \d\n/);
    const replay = message.split("\n").at(-1)!;
    expect(replay).toMatch(new RegExp(`^replay: npx faultline replay ${file} --seed \\d+$`));
    const seed = Number(replay.split(" ").at(-1));
    expect(existsSync(file)).toBe(true);
    expect((await runScenario(await loadScenario(file), seed)).failure?.reason).toBe(
      "linearizability",
    );
  });

  it("lists the faults of a shrunk reproducer", async () => {
    const message = await failureOf(
      simCheck("primary-backup", PRIMARY_BACKUP, { seeds: [1], shrink: { maxRuns: 400 } }),
    );
    expect(message).toMatch(/\n {2}faults {6}31 -> [123]\n/);
    expect(message).toMatch(/\n {2}fault: \d+(\.\d+)?m?s \w/);
  });

  it("replays a scenario defined in code through vitest, one seed", async () => {
    const buggy = (await loadScenario(PRIMARY_BACKUP)).system.definition;
    const inline = {
      name: "inline-bug",
      nodes: 3,
      duration: "2s",
      nemesis: { schedule: [{ at: "500ms", fault: "crash", target: "n1" }] },
    };
    const message = await failureOf(
      simCheck("a bug (in code)", inline, { seeds: [1], system: buggy }),
    );
    expect(message.split("\n").at(-1)).toBe(
      'replay: FAULTLINE_SEED=1 npx vitest run test/vitest/sim-check.test.ts -t "a bug \\\\(in code\\\\)"',
    );
  });

  it("expects a failure when told which, and says when every seed passed", async () => {
    await simCheck("canary", STALE, { seeds: "1..5", expectFailure: "linearizability" });
    const message = await failureOf(
      simCheck("canary", CALM, { seeds: "1..2", expectFailure: "linearizability" }),
    );
    expect(message).toBe(
      `expected ${CALM} to fail with linearizability within 2 seeds, but every seed passed`,
    );
  });
});

describe("seedsToRun", () => {
  it("takes a count, a range or a list, else the scenario's seeds", async () => {
    const scenario = await loadScenario(fixtureScenario("register-calm"));
    expect(seedsToRun(3, scenario)).toEqual([1, 2, 3]);
    expect(seedsToRun("4..6", scenario)).toEqual([4, 5, 6]);
    expect(seedsToRun([9], scenario)).toEqual([9]);
    expect(seedsToRun(undefined, scenario)).toHaveLength(20);
  });

  it("runs only FAULTLINE_SEED when it is set", async () => {
    const scenario = await loadScenario(fixtureScenario("register-calm"));
    vi.stubEnv("FAULTLINE_SEED", "17");
    expect(seedsToRun("1..5", scenario)).toEqual([17]);
  });
});
