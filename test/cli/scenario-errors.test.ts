import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { faultline, scratchProject } from "../scenario/helpers.js";

/** Writes `text` as case.yaml in a scratch project and runs `faultline <command> case.yaml`. */
async function runCase(text: string, command: string[] = ["run"]) {
  const cwd = scratchProject();
  writeFileSync(join(cwd, "case.yaml"), text);
  const args = [...command, "case.yaml", ...(command[0] === "run" ? [] : ["--seed", "1"])];
  return faultline(args, cwd);
}

describe("scenario errors", () => {
  it("reports every mistake at once, each with file:line:column, field, expected and found", async () => {
    const run = await runCase(
      [
        "name: several",
        "system: raft",
        "nodez: 3",
        "workload:",
        '  clients: "x"',
        "  keyDistribution: unifrom",
        "nemesis:",
        "  schedule:",
        "    - { at: 1s, fault: partiton }",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toBe("faultline run: 4 problems in case.yaml:");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^case\.yaml:3:1 \(nodez\): unknown field "nodez" \(did you mean "nodes"\?\)/,
      ),
      'case.yaml:5:12 (workload.clients): expected a number; found "x"',
      'case.yaml:6:20 (workload.keyDistribution): expected one of "uniform", "hotspot"; found "unifrom" (did you mean "uniform"?)',
      expect.stringMatching(
        /^case\.yaml:9:24 \(nemesis\.schedule\.0\.fault\): expected one of "partition", .*; found "partiton" \(did you mean "partition"\?\)$/,
      ),
    ]);
  });

  it("points an unknown field at the misspelled key, not at its map", async () => {
    const run = await runCase(
      "name: a\nsystem: raft\nworkload:\n  clients: 2\n  thnk: 5ms..10ms\n",
    );
    expect(run.stderr).toContain(
      'case.yaml:5:3 (workload.thnk): unknown field "thnk" (did you mean "think"?)',
    );
  });

  it("accepts `system: raft` as short for `system: { name: raft }`", async () => {
    const cwd = scratchProject();
    writeFileSync(
      join(cwd, "short.yaml"),
      "name: short\nsystem: kv-single\nnodes: 1\nduration: 1s\n",
    );
    const scenario = await loadScenario(join(cwd, "short.yaml"));
    expect(scenario.system.definition.name).toBe("kv-single");
  });

  it("gives unknown systems and missing modules a line, and no path inside faultline", async () => {
    const unknown = await runCase("name: a\nsystem: rfat\n");
    expect(unknown.stderr).toContain(
      'case.yaml:2:9 (system.name): unknown system "rfat" (did you mean "raft"?)',
    );
    const missing = await runCase("name: a\nsystem:\n  module: ./nope.mjs\n");
    expect(missing.stderr).toContain(
      'case.yaml:3:11 (system.module): cannot load system module "./nope.mjs": no such file',
    );
    const cwd = scratchProject();
    writeFileSync(
      join(cwd, "bad-dep.mjs"),
      'import "./missing-dep.mjs";\nexport default () => ({});\n',
    );
    writeFileSync(join(cwd, "case.yaml"), "name: a\nsystem: { module: ./bad-dep.mjs }\n");
    const dependency = await faultline(["run", "case.yaml"], cwd);
    expect(dependency.code).toBe(2);
    expect(dependency.stderr).toContain("missing-dep.mjs");
    expect(dependency.stderr).not.toMatch(/dist\/|load-scenario/);
  });

  it("says an empty scenario is empty, and a list is not a map", async () => {
    const empty = await runCase("");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("case.yaml: the scenario is empty; expected a map of fields");
    expect(empty.stderr).not.toContain("received null");
    const list = await runCase("- a\n- b\n");
    expect(list.stderr).toContain(
      "case.yaml:1:1: expected a map of fields (name, system, nodes, ...); found a list",
    );
  });

  it("turns an unresolved YAML alias into exit 2 with file:line in run, replay and shrink", async () => {
    for (const command of [["run"], ["replay"], ["shrink"]]) {
      const run = await runCase("name: *anchor\nsystem: raft\n", command);
      expect(run.code, command[0]).toBe(2);
      expect(run.stderr).toBe(
        `faultline ${command[0]}: case.yaml:1:7: the alias *anchor names no anchor (&anchor) before it\n`,
      );
    }
  });

  it("bounds the random nemesis interval and the run's length, saying why", async () => {
    const zero = await runCase("name: a\nsystem: raft\nnemesis:\n  random:\n    interval: 0s\n");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain(
      "case.yaml:5:15 (nemesis.random.interval): expected an interval of at least 1ms",
    );
    const long = await runCase("name: a\nsystem: raft\nduration: 9999999s\n");
    expect(long.code).toBe(2);
    expect(long.stderr).toContain(
      "case.yaml:3:11 (duration): expected a duration of at most a day",
    );
    const hour = await runCase("name: a\nsystem: raft\nduration: 61m\n");
    expect(hour.stderr).toContain("(duration): expected at most 60m");
    const many = await runCase(
      "name: a\nsystem: raft\nduration: 50m\nnemesis:\n  random:\n    interval: 1ms..2ms\n",
    );
    expect(many.stderr).toContain("expected at most 10000 faults per run");
  });

  it("throws a ScenarioError listing every problem", async () => {
    const cwd = scratchProject();
    writeFileSync(join(cwd, "two.yaml"), "name: Bad Name\nsystem: raft\nnodes: -1\n");
    const error = await loadScenario(join(cwd, "two.yaml")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems.map((problem) => problem.location.path)).toEqual([
      "name",
      "nodes",
    ]);
  });
});
