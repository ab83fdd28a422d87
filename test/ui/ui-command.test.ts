import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultline, scratchProject } from "../scenario/helpers.js";

const STALE = "test/fixtures/scenarios/stale-replicas.yaml";

describe("faultline ui without a terminal", () => {
  it("prints a static report of the failure instead of failing", async () => {
    const run = await faultline(["ui", STALE, "--seed", "2"], scratchProject());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`replaying ${STALE} seed 2`);
    const report = run.stdout;
    const lines = report.split("\n");
    expect(lines[0]).toBe("faultline ui: FAILED linearizability: stale-replicas seed 2");
    expect(lines[1]).toBe(`  (${STALE})`);
    expect(report).toContain("no terminal: printing a static report");
    expect(report).toContain("Violation at event #78 (t=0.031485s):");
    expect(report).toContain(
      'Cannot be placed next: read("k1") -> 1 by p3 [0.029110s .. 0.031485s]',
    );
    expect(report).toMatch(/^> +78 +0\.031485s n3->c3 +resp-arrive +\{type:"ok",value:1\}$/m);
    expect(report).toMatch(/^c3 +.*!r k1=1-*!/m);
    expect(report).toMatch(/^c\d +.*\+r k1=3-*\+/m);
    expect(report).toContain("!...!: cannot be placed next");
    for (const line of report.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });

  it("honours --width and reports a passing run", async () => {
    const run = await faultline(
      ["ui", "test/fixtures/scenarios/register-calm.yaml", "--seed", "1", "--width", "60"],
      scratchProject(),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("faultline ui: PASSED: register-calm seed 1");
    expect(run.stdout).toContain("Faults: none");
    expect(run.stdout).toContain("Events at the end (> marks it):");
    for (const line of run.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("opens a failure file saved by faultline run", async () => {
    const cwd = scratchProject();
    await faultline(["run", STALE, "--seeds", "1..3", "--until-failure"], cwd);
    const [saved] = readdirSync(join(cwd, ".faultline", "failures"));
    const run = await faultline(["ui", join(".faultline", "failures", saved!)], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAILED linearizability: stale-replicas seed 2");
    expect(run.stdout).toContain("Violation at event #78");
  });

  it("asks for a seed with a scenario file, and rejects bad flags", async () => {
    const cwd = scratchProject();
    const missing = await faultline(["ui", STALE], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--seed is required");
    const width = await faultline(["ui", STALE, "--seed", "2", "--width", "wide"], cwd);
    expect(width.code).toBe(2);
    expect(width.stderr).toContain('--width expects a non-negative integer, found "wide"');
  });
});
