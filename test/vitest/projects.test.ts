import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scenario/helpers.js";

interface AssertionReport {
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

/** Runs vitest in `directory` (a project with its own config); returns what it reported. */
async function vitestIn(directory: string): Promise<Map<string, AssertionReport>> {
  const output = join(mkdtempSync(join(tmpdir(), "faultline-vitest-")), "report.json");
  const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
  await promisify(execFile)(
    process.execPath,
    [vitest, "run", "--reporter=json", `--outputFile=${output}`],
    { cwd: directory, env: { ...process.env, FAULTLINE_SEED: "" } },
  ).catch(() => undefined);
  const report = JSON.parse(readFileSync(output, "utf8")) as {
    testResults: { assertionResults: AssertionReport[] }[];
  };
  const byTitle = new Map<string, AssertionReport>();
  for (const file of report.testResults)
    for (const assertion of file.assertionResults) byTitle.set(assertion.title, assertion);
  return byTitle;
}

describe("faultline/vitest in a user's project", () => {
  it("runs the example project's simulation tests, property test included", async () => {
    const results = await vitestIn(join(ROOT, "examples", "vitest-project"));
    expect([...results.values()].map((result) => [result.title, result.status])).toEqual([
      ["the ticket store stays linearizable under faults", "passed"],
      ["followers serving local reads are caught", "passed"],
      ["one seed, judged by the matchers", "passed"],
      ["any fault schedule and workload fast-check draws keeps it linearizable", "passed"],
    ]);
  });

  it("reports a failing simulation with the seed, the reason, the reproducer and the replay", async () => {
    const project = join(ROOT, "test", "vitest", "fixtures", "failing-project");
    rmSync(join(project, ".faultline"), { recursive: true, force: true });
    const results = await vitestIn(project);
    const shrunk = results.get("stale replicas, shrunk")!;
    expect(shrunk.status).toBe("failed");
    const message = shrunk.failureMessages[0]!;
    expect(message).toContain("stale-replicas seed 2 failed: linearizability");
    expect(message).toContain("shrunk reproducer: .faultline/shrunk/stale-replicas-seed-2.yaml");
    expect(message).toMatch(
      /\nreplay: npx faultline replay \.faultline\/shrunk\/stale-replicas-seed-2\.yaml --seed \d+(\n|$)/,
    );
    const plain = results.get("stale replicas, not shrunk")!.failureMessages[0]!;
    expect(plain).toContain(
      "replay: npx faultline replay ../../../fixtures/scenarios/stale-replicas.yaml --seed 2",
    );
    const matcher = results.get("stale replicas, one seed")!.failureMessages[0]!;
    expect(matcher).toContain("stale-replicas seed 2 failed: linearizability");
    expect(matcher).toContain("longest linearizable prefix");
  });
});
