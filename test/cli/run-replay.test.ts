import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultline, scratchProject } from "../scenario/helpers.js";

const STALE = "test/fixtures/scenarios/stale-replicas.yaml";

describe("faultline run", () => {
  it("exits 0 when every seed passes and prints a JSON summary last", async () => {
    const cwd = scratchProject();
    const run = await faultline(
      ["run", "test/fixtures/scenarios/register-calm.yaml", "--seeds", "1..4", "--json"],
      cwd,
    );
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      scenario: "register-calm",
      seedsRun: [1, 2, 3, 4],
      passed: 4,
      failed: [],
      firstFailureSeed: null,
    });
    expect(run.stderr).toContain("4 seeds run, 4 passed, 0 failed");
  });

  it("stops at the first failing seed, saves it, and prints the replay command", async () => {
    const cwd = scratchProject();
    const run = await faultline(
      ["run", STALE, "--seeds", "1..10", "--until-failure", "--json"],
      cwd,
    );
    expect(run.code).toBe(1);
    const summary = run.json();
    expect(summary.firstFailureSeed).toBe(2);
    expect(summary.seedsRun).toEqual([1, 2]);
    expect(summary.failed[0]).toMatchObject({
      seed: 2,
      reason: "linearizability",
      replay: `npx faultline replay ${STALE} --seed 2`,
    });
    const saved = JSON.parse(
      readFileSync(join(cwd, ".faultline/failures/stale-replicas-seed-2.json"), "utf8"),
    );
    expect(saved).toMatchObject({
      kind: "faultline-failure",
      seed: 2,
      reason: "linearizability",
      scenarioFile: STALE,
    });
  });

  it("splits seeds into disjoint shards whose union is the whole list", async () => {
    const cwd = scratchProject();
    const shards = await Promise.all(
      ["1/3", "2/3", "3/3"].map(
        async (shard) =>
          (
            await faultline(
              [
                "run",
                "test/fixtures/scenarios/register-calm.yaml",
                "--seeds",
                "1..7",
                "--shard",
                shard,
                "--workers",
                "0",
                "--json",
              ],
              cwd,
            )
          ).json().seedsRun as number[],
      ),
    );
    expect(shards).toEqual([
      [1, 4, 7],
      [2, 5],
      [3, 6],
    ]);
  });

  it("stops a seed that spins forever with the watchdog and goes on with the next", async () => {
    const cwd = scratchProject();
    const run = await faultline(
      [
        "run",
        "test/fixtures/scenarios/spins.yaml",
        "--seeds",
        "1,2",
        "--workers",
        "1",
        "--seed-timeout-ms",
        "1500",
        "--json",
      ],
      cwd,
    );
    expect(run.code).toBe(1);
    const summary = run.json();
    expect(summary.seedsRun).toEqual([1, 2]);
    expect(summary.failed.map((failure: { reason: string }) => failure.reason)).toEqual([
      "watchdog:timeout",
      "watchdog:timeout",
    ]);
  });

  it("stops a seed that exceeds the worker memory budget and goes on with the next", async () => {
    const cwd = scratchProject();
    const args = [
      "run",
      "test/fixtures/scenarios/hoards-memory.yaml",
      "--workers",
      "1",
      "--worker-memory-mb",
      "64",
      "--json",
    ];
    const run = await faultline(args, cwd);
    expect(run.code).toBe(1);
    const summary = run.json();
    expect(summary.seedsRun).toEqual([1, 2]);
    expect(summary.failed.map((failure: { reason: string }) => failure.reason)).toEqual([
      "watchdog:memory",
      "watchdog:memory",
    ]);
    expect(summary.failed[0].message).toContain("64 MB heap");
    // The watchdog's message stands in for V8's own report of the fatal error.
    expect(run.stderr).not.toContain("FATAL ERROR");
  });

  it("rejects a malformed scenario with exit 2, naming the file, line and field", async () => {
    const cwd = scratchProject();
    const path = join(cwd, "bad.yaml");
    writeFileSync(
      path,
      "name: bad\nsystem:\n  module: examples/register-server.mjs\nworkload:\n  timeout: 5 parsecs\n",
    );
    const run = await faultline(["run", "bad.yaml"], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("faultline run: bad.yaml:5:12 (workload.timeout)");
    expect(run.stderr).toContain('found "5 parsecs"');
  });

  it("names unknown fields, unknown nodes and missing modules", async () => {
    const cwd = scratchProject();
    const cases: [string, string][] = [
      [
        "name: a\nsystem: { module: examples/register-server.mjs }\nnodez: 3\n",
        'unknown field "nodez"',
      ],
      [
        "name: a\nsystem: { module: examples/register-server.mjs }\nnemesis:\n  schedule:\n    - { at: 1s, fault: crash, target: n9 }\n",
        `found "n9"`,
      ],
      ["name: a\nsystem: { module: examples/nope.mjs }\n", "cannot load system module"],
      ["name: a\nsystem: { name: no-such-system }\n", 'unknown system "no-such-system"'],
      ["name: a\nsystem: { module: x }\n  bad indent: [\n", "not valid YAML"],
    ];
    for (const [text, expected] of cases) {
      writeFileSync(join(cwd, "case.yaml"), text);
      const run = await faultline(["run", "case.yaml"], cwd);
      expect(run.code, text).toBe(2);
      expect(run.stderr, text).toContain(expected);
    }
  });
});

describe("faultline replay", () => {
  it("replays a saved failure with the same verdict and trace hash, deterministically", async () => {
    const cwd = scratchProject();
    const run = await faultline(["run", STALE, "--seeds", "2", "--workers", "0"], cwd);
    expect(run.stderr).toContain("1 seed, in this process");
    const saved = JSON.parse(
      readFileSync(join(cwd, ".faultline/failures/stale-replicas-seed-2.json"), "utf8"),
    );
    const replay = await faultline(
      ["replay", ".faultline/failures/stale-replicas-seed-2.json", "--check-determinism", "--json"],
      cwd,
    );
    expect(replay.code).toBe(1);
    expect(replay.json()).toMatchObject({
      seed: 2,
      verdict: "fail",
      reason: "linearizability",
      traceHash: saved.traceHash,
      deterministic: true,
    });
  });

  it("writes the trace as JSON lines", async () => {
    const cwd = scratchProject();
    const replay = await faultline(
      [
        "replay",
        "test/fixtures/scenarios/register-calm.yaml",
        "--seed",
        "3",
        "--trace",
        "trace.jsonl",
      ],
      cwd,
    );
    expect(replay.code).toBe(0);
    const lines = readFileSync(join(cwd, "trace.jsonl"), "utf8").trim().split("\n");
    expect(lines.length).toBeGreaterThan(100);
    expect(JSON.parse(lines[0]!)).toMatchObject({ index: 0, kind: "start", node: "n1" });
  });

  it("requires --seed with a scenario file", async () => {
    const cwd = scratchProject();
    const replay = await faultline(["replay", "test/fixtures/scenarios/register-calm.yaml"], cwd);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain("--seed is required");
    expect(existsSync(join(cwd, ".faultline"))).toBe(false);
  });
});

describe("faultline schema", () => {
  it("prints a JSON Schema that describes scenario files", async () => {
    const run = await faultline(["schema"], process.cwd());
    const schema = JSON.parse(run.stdout);
    expect(schema.type).toBe("object");
    expect(schema.required).toContain("system");
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["nodes", "workload", "nemesis", "checks"]),
    );
  });
});
