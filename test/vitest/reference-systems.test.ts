// The reference systems, tested the way a user tests theirs: `simTest` over seeds for the
// correct systems (a failure would be shrunk and reported with its replay command), and
// `expectFailure` for each planted bug at a seed known to catch it.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { shrinkFailure } from "../../src/shrink/shrink-failure.js";
import { simTest } from "../../src/vitest/index.js";

const CORRECT = [
  "coord-calm",
  "coord-clocks",
  "coord-partitions",
  "coord-pauses",
  "coord-swarm",
  "gossip-crashes",
  "gossip-partitions",
  "kv-primary-backup",
  "kv-quorum",
  "kv-single",
  "raft-calm",
  "raft-clocks",
  "raft-crashes",
  "raft-lease-reads",
  "raft-partitions",
  "raft-swarm",
];

/** Each planted bug, a seed that catches it, and the reason it is caught for. */
const BUGS: readonly (readonly [string, number, string])[] = [
  ["coord-ephemeral-leak", 1, "invariant:sessions"],
  ["coord-lease-local-clock", 1, "invariant:sessions"],
  ["coord-no-fencing", 1, "invariant:mutual-exclusion"],
  ["gossip-no-anti-entropy", 1, "liveness:convergence"],
  ["gossip-no-refute", 1, "liveness:membership-accuracy"],
  ["kv-async-primary-backup", 1, "linearizability"],
  ["kv-lww-wall-clock", 1, "linearizability"],
  ["raft-commit-previous-term", 14, "invariant:raft-leader-completeness"],
  ["raft-lease-read-ignores-skew", 14, "linearizability"],
  ["raft-stale-local-read", 1, "linearizability"],
  ["raft-unsynced-vote", 10, "invariant:raft-election-safety"],
  ["raft-vote-without-log-check", 1, "invariant:raft-leader-completeness"],
];

describe("correct reference systems", () => {
  for (const name of CORRECT) {
    simTest(`${name} passes`, `scenarios/${name}.yaml`, { seeds: 2, shrink: true });
  }
});

describe("planted bugs", () => {
  for (const [name, seed, reason] of BUGS) {
    simTest(`${name} is caught (${reason})`, `scenarios/bugs/${name}.yaml`, {
      seeds: [seed],
      expectFailure: reason,
    });
  }

  it("raft-stale-local-read shrinks to at most 3 faults and 30 operations that fail again", async () => {
    const scenario = await loadScenario("scenarios/bugs/raft-stale-local-read.yaml");
    // A bound on runs, not on time, keeps the outcome the same on every machine.
    const outcome = await shrinkFailure(scenario, 2, { maxRuns: 3_000, budgetMs: 600_000 });
    if (outcome.kind !== "shrunk") throw new Error("expected seed 2 to fail");
    expect(outcome.before.faults).toBeGreaterThan(5);
    expect(outcome.after.faults).toBeLessThanOrEqual(3);
    expect(outcome.after.operations).toBeLessThanOrEqual(30);
    const { scenario: small, seed } = outcome.shrunk;
    expect((await runScenario(small, seed)).failure?.reason).toBe("linearizability");
    const correct = {
      ...small,
      system: { ...small.system, options: { ...(small.system.options as object), bug: "none" } },
    };
    expect((await runScenario(correct, seed)).ok).toBe(true);
  });
});
