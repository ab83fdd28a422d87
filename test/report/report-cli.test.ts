import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultline, scratchProject } from "../scenario/helpers.js";

const STALE = "test/fixtures/scenarios/stale-replicas.yaml";

describe("run reports from the command line", () => {
  it("run writes a report next to the saved failure, and replay of the failure file writes one too", async () => {
    const cwd = scratchProject();
    const run = await faultline(["run", STALE, "--seeds", "1..10", "--until-failure"], cwd);
    expect(run.code).toBe(1);
    const page = ".faultline/failures/stale-replicas-seed-2.report/index.html";
    expect(run.stderr).toContain(`seed 2: report written to ${page}`);
    const html = readFileSync(join(cwd, page), "utf8");
    expect(html).toContain("FAILED linearizability");
    expect(html).toContain("stale-replicas seed 2");

    const replay = await faultline(
      ["replay", ".faultline/failures/stale-replicas-seed-2.json", "--report", "again"],
      cwd,
    );
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain("report written to again/index.html");
    // Same run, same recording, same page.
    expect(readFileSync(join(cwd, "again/index.html"), "utf8")).toBe(html);
  });

  it("a passing run writes no report", async () => {
    const cwd = scratchProject();
    const run = await faultline(
      ["run", "test/fixtures/scenarios/register-calm.yaml", "--seeds", "1..2"],
      cwd,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("report written");
    expect(existsSync(join(cwd, ".faultline/failures"))).toBe(false);
  });
});
