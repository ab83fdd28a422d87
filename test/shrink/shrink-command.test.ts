import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { faultline } from "../scenario/helpers.js";
import { shrinkProject } from "./support.js";

const STALE = "test/fixtures/scenarios/stale-replicas.yaml";
const PRIMARY_BACKUP = "test/shrink/fixtures/primary-backup.yaml";

describe("faultline shrink", () => {
  it("writes a reproducer that faultline run fails again, and prints sizes and the replay", async () => {
    const cwd = shrinkProject();
    const shrink = await faultline(["shrink", STALE, "--seed", "2", "--json"], cwd);
    expect(shrink.code).toBe(0);
    const summary = shrink.json();
    const out = ".faultline/shrunk/stale-replicas-seed-2.yaml";
    expect(summary).toMatchObject({ faultsBefore: 0, faultsAfter: 0, out, verified: true });
    expect(summary.opsBefore).toBeGreaterThan(1_000);
    expect(summary.opsAfter).toBeLessThanOrEqual(10);
    expect(Object.keys(summary).slice(0, 5)).toEqual([
      "faultsBefore",
      "faultsAfter",
      "opsBefore",
      "opsAfter",
      "out",
    ]);
    expect(shrink.stdout).toMatch(/operations {2}\d+ -> \d+/);
    const seed = summary.reproducerSeed;
    expect(shrink.stdout).toContain(`replay: npx faultline replay ${out} --seed ${seed}`);
    expect(shrink.stderr).toContain("cap-operations:");
    const run = await faultline(["run", out, "--workers", "0", "--json"], cwd);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ seedsRun: [seed], failed: [{ reason: "linearizability" }] });
  });

  it("shrinks a failure file from faultline run to at most 3 faults and 30 operations", async () => {
    const cwd = shrinkProject();
    const run = await faultline(["run", PRIMARY_BACKUP, "--seeds", "1", "--workers", "0"], cwd);
    expect(run.code).toBe(1);
    const shrink = await faultline(
      ["shrink", ".faultline/failures/primary-backup-seed-1.json", "--out", "bug.yaml", "--json"],
      cwd,
    );
    expect(shrink.code).toBe(0);
    const summary = shrink.json();
    expect(summary).toMatchObject({ faultsBefore: 31, out: "bug.yaml", reason: "linearizability" });
    expect(summary.faultsAfter).toBeLessThanOrEqual(3);
    expect(summary.opsAfter).toBeLessThanOrEqual(30);
    const file = parse(readFileSync(join(cwd, "bug.yaml"), "utf8"));
    expect(file.seeds).toBe(String(summary.reproducerSeed));
    expect(file.system.module).toBe("./test/shrink/fixtures/primary-backup.mjs");
    expect(file.nemesis.random).toBeUndefined();
    expect(file.nemesis.schedule).toHaveLength(summary.faultsAfter);
    expect(file.workload.maxOps).toBeGreaterThan(0);
    const replay = await faultline(
      ["replay", "bug.yaml", "--seed", String(summary.reproducerSeed), "--json"],
      cwd,
    );
    expect(replay.json()).toMatchObject({ verdict: "fail", reason: "linearizability" });
  });

  it("keeps the pinned run when the budget is spent at once", async () => {
    const cwd = shrinkProject();
    const shrink = await faultline(
      ["shrink", PRIMARY_BACKUP, "--seed", "1", "--budget-s", "0", "--json"],
      cwd,
    );
    expect(shrink.code).toBe(0);
    expect(shrink.json()).toMatchObject({
      faultsBefore: 31,
      faultsAfter: 31,
      stoppedBy: "budget",
      verified: true,
    });
    expect(shrink.stdout).toContain("stopped by the budget limit");
  });

  it("refuses a seed that passes, and a scenario without a seed", async () => {
    const cwd = shrinkProject();
    const passing = await faultline(["shrink", PRIMARY_BACKUP, "--seed", "2"], cwd);
    expect(passing.code).toBe(2);
    expect(passing.stderr).toContain("seed 2 passes: there is nothing to shrink");
    const unseeded = await faultline(["shrink", PRIMARY_BACKUP], cwd);
    expect(unseeded.code).toBe(2);
    expect(unseeded.stderr).toContain("--seed is required");
    expect(existsSync(join(cwd, ".faultline", "shrunk"))).toBe(false);
  });

  it("does not create the directory of --out", async () => {
    const cwd = shrinkProject();
    const shrink = await faultline(
      ["shrink", STALE, "--seed", "2", "--max-runs", "3", "--out", "missing/repro.yaml"],
      cwd,
    );
    expect(shrink.code).toBe(2);
    expect(shrink.stderr).toContain("--out: cannot write missing/repro.yaml");
  });
});
