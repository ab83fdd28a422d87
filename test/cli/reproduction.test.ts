import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { faultline, scratchProject } from "../scenario/helpers.js";

// flaky.yaml's system counts requests in a module-level variable, which carries over from
// one run to the next in a process: the same seed gives another run each time.
const FLAKY = "test/fixtures/scenarios/flaky.yaml";
const STALE = "test/fixtures/scenarios/stale-replicas.yaml";

describe("verified reproductions", () => {
  it("run re-runs a failing seed and marks a failure that does not repeat as flaky", async () => {
    const cwd = scratchProject();
    const run = await faultline(["run", FLAKY, "--seeds", "1..3", "--workers", "0", "--json"], cwd);
    expect(run.code).toBe(1);
    const summary = run.json();
    expect(summary.flaky).toEqual([1, 2, 3]);
    const first = summary.failed[0];
    expect(first.reason).toBe("node-failure");
    expect(first.flaky.rerun.traceHash).not.toBe(first.traceHash);
    expect(first.flaky.divergence.first).toContain("request");
    expect(first.flaky.divergence.first).not.toBe(first.flaky.divergence.second);
    expect(run.stderr).toContain("seed 1 FLAKY node-failure");
    expect(run.stderr).toContain("first divergent event");
    expect(run.stderr).toContain("flaky (did not repeat when run again): 3 (seeds 1, 2, 3)");
    const saved = JSON.parse(
      readFileSync(join(cwd, ".faultline/failures/flaky-seed-2.json"), "utf8"),
    );
    expect(saved.flaky.divergence.index).toBeGreaterThan(0);
    expect(saved.events).toBeGreaterThan(0);
  });

  it("does not mark a failure that repeats exactly", async () => {
    const cwd = scratchProject();
    const run = await faultline(["run", STALE, "--seeds", "2", "--workers", "0", "--json"], cwd);
    expect(run.code).toBe(1);
    expect(run.json().flaky).toEqual([]);
    expect(run.json().failed[0].flaky).toBeNull();
    expect(run.stderr).toContain("seed 2 FAILED linearizability");
    const replay = await faultline(
      ["replay", ".faultline/failures/stale-replicas-seed-2.json"],
      cwd,
    );
    expect(replay.code).toBe(1);
    expect(replay.stderr).toMatch(
      /reproduced: failed with linearizability, trace hash [0-9a-f]{16} as recorded/,
    );
  });

  it("replay and ui of a failure that does not reproduce say so and exit 4", async () => {
    const cwd = scratchProject();
    await faultline(["run", FLAKY, "--seeds", "1..3", "--workers", "0"], cwd);
    const file = ".faultline/failures/flaky-seed-3.json";
    const saved = JSON.parse(readFileSync(join(cwd, file), "utf8"));
    const replay = await faultline(["replay", file, "--json"], cwd);
    expect(replay.code).toBe(4);
    expect(replay.stdout).toContain("did not reproduce: flaky seed 3");
    expect(replay.stdout).toContain(
      `recorded: failed with node-failure, trace hash ${saved.traceHash}`,
    );
    expect(replay.stdout).toMatch(
      /first divergent event, #\d+:\n {4}one run: {5}#\d+ at [\d.]+m?s: log n1/,
    );
    expect(replay.stdout).toContain("--check-determinism");
    expect(replay.json()).toMatchObject({ seed: 3, reproduced: false });
    const ui = await faultline(["ui", file, "--static"], cwd);
    expect(ui.code).toBe(4);
    expect(ui.stdout).toContain("did not reproduce");
  });

  it("shrink of a recorded failure whose seed passes now says why and how to find out", async () => {
    const cwd = scratchProject();
    const file = join(cwd, "calm-failure.json");
    writeFileSync(
      file,
      JSON.stringify({
        kind: "faultline-failure",
        version: 1,
        scenario: "register-calm",
        scenarioFile: "test/fixtures/scenarios/register-calm.yaml",
        seed: 1,
        reason: "linearizability",
        message: "history not linearizable",
        traceHash: "0123456789abcdef",
        replay: "npx faultline replay test/fixtures/scenarios/register-calm.yaml --seed 1",
      }),
    );
    const shrink = await faultline(["shrink", "calm-failure.json", "--budget-s", "5"], cwd);
    expect(shrink.code).toBe(4);
    expect(shrink.stderr).toContain(
      "passes now, but the failure file recorded it failing with linearizability",
    );
    expect(shrink.stderr).toContain(
      "npx faultline replay test/fixtures/scenarios/register-calm.yaml --seed 1 --check-determinism",
    );
    const replay = await faultline(["replay", "calm-failure.json"], cwd);
    expect(replay.code).toBe(4);
    expect(replay.stdout).toContain("recorded: failed with linearizability");
    expect(replay.stdout).toContain("now:      passed");
    const plain = await faultline(
      ["shrink", "test/fixtures/scenarios/register-calm.yaml", "--seed", "1"],
      cwd,
    );
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("passes: there is nothing to shrink");
    expect(plain.stderr).toContain("--check-determinism");
  });

  it("Ctrl-C during run prints what was found so far and exits 130", async () => {
    const cwd = scratchProject();
    const io = memoryIo({ cwd });
    const running = main(["run", STALE, "--seeds", "1..400", "--workers", "1"], io);
    // Wait for the first failure (seed 2) to be reported, then interrupt.
    for (let waited = 0; !io.err().includes("FAILED") && waited < 60_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    io.interrupt();
    expect(await running).toBe(130);
    expect(io.err()).toContain("seed 2 FAILED linearizability");
    expect(io.err()).toMatch(/interrupted: stale-replicas: \d+ seeds run/);
    expect(io.err()).toContain("interrupted (Ctrl-C) before every seed ran");
  });
});
