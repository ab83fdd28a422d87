/**
 * The determinism guard is on by default for `faultline run`: a user's system, loaded from
 * a scenario file, that reads the wall clock, draws unseeded randomness, sets a real timer,
 * or reads a file inside a handler fails with `nondeterminism` at the first seed, naming
 * the call and the node, with a stack inside the user's module; the failure replays the
 * same; `--no-determinism-guard` and `determinismGuard: false` let the calls through. Runs
 * the built command (dist/, as `npx faultline` does), in a copy of the fixtures.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scenario/helpers.js";

const BIN = join(ROOT, "bin", "faultline.js");

function project(): string {
  const directory = mkdtempSync(join(tmpdir(), "faultline-guard-"));
  cpSync(join(ROOT, "test", "fixtures", "nondeterministic"), join(directory, "systems"), {
    recursive: true,
  });
  return directory;
}

function faultline(args: readonly string[], cwd: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return {
    code: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    json: () => JSON.parse(run.stdout.trim().split("\n").at(-1)!),
  };
}

const CASES = [
  ["date-now", "Date.now()"],
  ["math-random", "Math.random()"],
  ["set-timeout", "setTimeout()"],
  ["performance-now", "performance.now()"],
  ["random-uuid", "crypto.randomUUID()"],
  ["read-file", "fs.readFileSync()"],
] as const;

describe("faultline run with the determinism guard (the default)", () => {
  const cwd = project();

  for (const [name, call] of CASES) {
    it(`fails a system that calls ${call} in a handler, at the first seed, naming call and node`, () => {
      const run = faultline(
        ["run", `systems/${name}.yaml`, "--until-failure", "--workers", "0", "--json"],
        cwd,
      );
      expect(run.code).toBe(1);
      const summary = run.json();
      expect(summary.firstFailureSeed).toBe(1);
      expect(summary.failed[0].reason).toBe("nondeterminism");
      expect(summary.failed[0].message).toMatch(
        new RegExp(
          `^node n[23] called ${call.replace(/[.()]/g, "\\$&")}, which breaks determinism`,
        ),
      );
      const saved = JSON.parse(
        readFileSync(join(cwd, `.faultline/failures/${name}-seed-1.json`), "utf8"),
      );
      expect(saved.reason).toBe("nondeterminism");
      // The stack is the user's module, not faultline's internals.
      expect(saved.details).toContain("systems/wall-clock-systems.mjs");
      expect(saved.details).not.toMatch(/dist\/src|bin\/faultline|node:internal/);
    });
  }

  it("replays the saved failure, with the same verdict and trace hash", () => {
    faultline(["run", "systems/date-now.yaml", "--seeds", "1", "--workers", "0"], cwd);
    const saved = JSON.parse(
      readFileSync(join(cwd, ".faultline/failures/date-now-seed-1.json"), "utf8"),
    );
    const replay = faultline(["replay", ".faultline/failures/date-now-seed-1.json", "--json"], cwd);
    expect(replay.code).toBe(1);
    expect(replay.json()).toMatchObject({ reason: "nondeterminism", traceHash: saved.traceHash });
  });

  it("lets the calls through with --no-determinism-guard, in worker processes too", () => {
    const run = faultline(
      [
        "run",
        "systems/read-file.yaml",
        "--seeds",
        "1..2",
        "--workers",
        "1",
        "--no-determinism-guard",
        "--json",
      ],
      cwd,
    );
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ passed: 2, failed: [] });
    const replay = faultline(
      ["replay", "systems/math-random.yaml", "--seed", "1", "--no-determinism-guard", "--json"],
      cwd,
    );
    expect(replay.json()).toMatchObject({ verdict: "pass" });
  });

  it("lets the calls through when the scenario file says determinismGuard: false", () => {
    const file = join(cwd, "systems", "date-now-unguarded.yaml");
    const text = readFileSync(join(cwd, "systems", "date-now.yaml"), "utf8");
    writeFileSync(
      file,
      text.replace("name: date-now", "name: date-now-unguarded\ndeterminismGuard: false"),
    );
    const run = faultline(
      ["run", "systems/date-now-unguarded.yaml", "--seeds", "1..2", "--workers", "0", "--json"],
      cwd,
    );
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ passed: 2 });
  });
});

describe("replay commands of a run with the guard off", () => {
  it("repeat --no-determinism-guard, so the replay runs as the sweep did", async () => {
    const { replayCommand } = await import("../../src/cli/failure-file.js");
    expect(replayCommand("/p", "/p/s.yaml", 3)).toBe("npx faultline replay s.yaml --seed 3");
    expect(replayCommand("/p", "/p/s.yaml", 3, { determinismGuard: false })).toBe(
      "npx faultline replay s.yaml --seed 3 --no-determinism-guard",
    );
  });
});
