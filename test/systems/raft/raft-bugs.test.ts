/**
 * The planted bugs, one scripted story each: the faults that make the bug's mechanism fire,
 * run once with the correct system (nothing goes wrong) and once with the bug switched on
 * (the right invariant fires, or a read comes back stale). These pin that every bug is
 * reachable by plain faults (crash, isolate, partition, clock jumps); finding them by
 * random search is the scenario runner's job.
 */
import { describe, expect, it } from "vitest";
import { isolatePlan, type RaftBug } from "../../../src/index.js";
import { startCluster } from "./helpers/raft-cluster.js";
import { ask, askAndWait, awaitLeader, runFor, runUntil } from "./helpers/steps.js";

const others = (nodes: readonly string[], ...excluded: string[]) =>
  nodes.filter((node) => !excluded.includes(node));

describe("planted bug stale-local-read", () => {
  async function story(bug: RaftBug | "none") {
    const { sim, violations } = startCluster({ seed: 1, raft: { bug } });
    const old = await awaitLeader(sim);
    expect((await askAndWait(sim, "c1", old, { f: "write", key: "x", value: 1 }))?.type).toBe("ok");
    sim.network.apply(isolatePlan(sim.nodeIds, old));
    const fresh = await awaitLeader(sim, others(sim.nodeIds, old));
    expect((await askAndWait(sim, "c1", fresh, { f: "write", key: "x", value: 2 }))?.type).toBe(
      "ok",
    );
    const read = ask(sim, "c2", old, { f: "read", key: "x" });
    await runFor(sim, 500_000);
    return { read: read.result, violations };
  }

  it("the correct leader cannot confirm its leadership, so the read waits", async () => {
    expect((await story("none")).read).toBeUndefined();
  });

  it("with the bug, the isolated leader answers from its stale state", async () => {
    expect((await story("stale-local-read")).read).toEqual({ type: "ok", value: 1 });
  });
});

describe("planted bug lease-read-ignores-skew", () => {
  async function story(bug: RaftBug | "none") {
    const { sim } = startCluster({ seed: 2, raft: { readMode: "lease", bug } });
    const old = await awaitLeader(sim);
    expect((await askAndWait(sim, "c1", old, { f: "write", key: "x", value: 1 }))?.type).toBe("ok");
    expect(await askAndWait(sim, "c1", old, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 1,
    });
    await runFor(sim, 200_000);
    // The leader's clock jumps back 300 ms and it is cut off: by its own clock its lease
    // runs on, while the others elect a new leader and commit a write.
    sim.bumpClock(old, -300_000);
    sim.network.apply(isolatePlan(sim.nodeIds, old));
    const fresh = await awaitLeader(sim, others(sim.nodeIds, old));
    expect((await askAndWait(sim, "c1", fresh, { f: "write", key: "x", value: 2 }))?.type).toBe(
      "ok",
    );
    const read = ask(sim, "c2", old, { f: "read", key: "x" });
    await runFor(sim, 50_000);
    return read.result;
  }

  it("the correct leader sees its clock jump back, voids its lease and waits", async () => {
    expect(await story("none")).toBeUndefined();
  });

  it("with the bug, the leader trusts its clock and serves a stale lease read", async () => {
    expect(await story("lease-read-ignores-skew")).toEqual({ type: "ok", value: 1 });
  });
});

describe("planted bug vote-without-log-check", () => {
  /** A follower misses committed writes, then campaigns once the leader and one more are gone. */
  async function story(seed: number, bug: RaftBug | "none") {
    const cluster = startCluster({ seed, raft: { bug } });
    const { sim } = cluster;
    const leader = await awaitLeader(sim);
    const [stale, gone, ...rest] = others(sim.nodeIds, leader);
    sim.network.apply(isolatePlan(sim.nodeIds, stale!));
    for (let value = 1; value <= 3; value++) {
      expect((await askAndWait(sim, "c1", leader, { f: "write", key: "x", value }))?.type).toBe(
        "ok",
      );
    }
    await runFor(sim, 100_000);
    sim.crash(leader);
    sim.crash(gone!);
    sim.network.heal();
    const next = await awaitLeader(sim, [stale!, ...rest]).catch(() => undefined);
    const winners = cluster.facts
      .filter(({ fact }) => fact.type === "leader")
      .map(({ node }) => node);
    return { staleWon: winners.includes(stale!), violations: cluster.violations, next, sim };
  }

  it("the correct system never elects the stale follower and keeps the writes", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { staleWon, violations, next, sim } = await story(seed, "none");
      expect(staleWon, `seed ${seed}`).toBe(false);
      expect(violations, `seed ${seed}`).toEqual([]);
      expect(await askAndWait(sim, "c1", next!, { f: "read", key: "x" })).toEqual({
        type: "ok",
        value: 3,
      });
    }
  });

  it("with the bug, the stale follower wins a vote and leader completeness fails", async () => {
    const outcomes = [];
    for (let seed = 1; seed <= 6; seed++)
      outcomes.push(await story(seed, "vote-without-log-check"));
    const found = outcomes.filter((outcome) => outcome.staleWon);
    expect(found.length).toBeGreaterThan(0);
    for (const outcome of found) {
      expect(outcome.violations[0]).toMatch(
        /^raft-leader-completeness: .* became leader of term \d+ without entry/,
      );
    }
  });
});

describe("planted bug unsynced-vote", () => {
  /**
   * Three nodes. The first leader L is cut off; A wins the next term with B's vote, and at
   * that very moment B crashes and restarts while A is cut off too. B campaigns; once L
   * hears of the new term it votes for B.
   */
  async function story(bug: RaftBug | "none") {
    const cluster = startCluster({ seed: 3, nodes: 3, raft: { bug } });
    const { sim } = cluster;
    const first = await awaitLeader(sim);
    expect((await askAndWait(sim, "c1", first, { f: "write", key: "x", value: 1 }))?.type).toBe(
      "ok",
    );
    await runFor(sim, 100_000);
    const firstTerm = sim.inspect(first)!.term as number;
    let winner: string | undefined;
    sim.onReport((node, fact) => {
      const leaderFact = fact as { type: string; term: number };
      if (winner !== undefined || leaderFact.type !== "leader" || leaderFact.term !== firstTerm + 1)
        return;
      winner = node;
      const voter = others(sim.nodeIds, first, node)[0]!;
      sim.after(0, () => {
        sim.network.apply(isolatePlan(sim.nodeIds, node));
        sim.crash(voter);
        sim.restart(voter);
      });
    });
    sim.network.apply(isolatePlan(sim.nodeIds, first));
    await runUntil(sim, () => winner !== undefined);
    const voter = others(sim.nodeIds, first, winner!)[0]!;
    const termAfterRestart = sim.inspect(voter)!.term;
    await runUntil(sim, () => sim.inspect(voter)!.role === "candidate");
    sim.network.heal();
    sim.network.apply(isolatePlan(sim.nodeIds, winner!));
    await runUntil(
      sim,
      () => cluster.violations.length > 0 || sim.inspect(voter)!.role === "leader",
    );
    return {
      termAfterRestart,
      firstTerm,
      violations: cluster.violations,
      voterTerm: sim.inspect(voter)!.term,
    };
  }

  it("the correct voter remembers its vote across the crash and wins only a later term", async () => {
    const outcome = await story("none");
    expect(outcome.termAfterRestart).toBe(outcome.firstTerm + 1);
    expect(outcome.violations).toEqual([]);
    expect(outcome.voterTerm).toBeGreaterThan(outcome.firstTerm + 1);
  });

  it("with the bug, the voter forgets its vote and a second leader wins the same term", async () => {
    const outcome = await story("unsynced-vote");
    expect(outcome.termAfterRestart).toBe(outcome.firstTerm);
    expect(outcome.violations).toEqual([
      expect.stringMatching(
        new RegExp(`^raft-election-safety: two leaders in term ${outcome.firstTerm + 1}`),
      ),
    ]);
  });
});

describe("planted bug commit-previous-term (Figure 8)", () => {
  /**
   * The paper's Figure 8 with faults. An entry of L's term reaches only S; X, elected next,
   * appends another entry at that index alone and crashes. L or S wins a later term and
   * copies the old entry to a third node (the bug commits it here, by counting). Then that
   * leader crashes and X, with the higher last term, wins and overwrites the entry.
   */
  async function story(bug: RaftBug | "none") {
    const cluster = startCluster({ seed: 4, raft: { bug } });
    const { sim } = cluster;
    const first = await awaitLeader(sim);
    expect((await askAndWait(sim, "c1", first, { f: "write", key: "x", value: 1 }))?.type).toBe(
      "ok",
    );
    await runFor(sim, 200_000);
    const [second, ...rest] = others(sim.nodeIds, first);
    sim.network.partition([[first, second!], rest]);
    ask(sim, "c1", first, { f: "write", key: "x", value: 2 });
    const x = await awaitLeader(sim, rest);
    const xTerm = sim.inspect(x)!.term as number;
    const [r1, r2] = others(rest, x);
    sim.network.heal();
    sim.network.partition([[first, second!], [x], [r1!, r2!]]);
    ask(sim, "c2", x, { f: "write", key: "x", value: 3 });
    await runFor(sim, 50_000);
    sim.crash(x);
    sim.network.heal();
    sim.network.partition([[first, second!, r1!], [r2!]]);
    const m = await awaitLeader(sim, [first, second!, r1!], 5_000_000, xTerm);
    const mTerm = sim.inspect(m)!.term;
    await runFor(sim, 200_000);
    const committedOld = cluster.facts.some(
      ({ node, fact }) => node === m && fact.type === "commit" && fact.term === mTerm,
    );
    sim.crash(m);
    sim.restart(x);
    sim.network.heal();
    sim.network.partition([[x, r1!, r2!], others([first, second!], m)]);
    const last = await awaitLeader(sim, [x, r1!, r2!], 10_000_000).catch(() => undefined);
    return { committedOld, violations: cluster.violations, last, sim };
  }

  it("the correct leader does not commit the old entry by counting, so X may overwrite it", async () => {
    const { committedOld, violations, last, sim } = await story("none");
    expect(committedOld).toBe(false);
    expect(violations).toEqual([]);
    expect(await askAndWait(sim, "c1", last!, { f: "read", key: "x" })).toEqual({
      type: "ok",
      value: 3,
    });
  });

  it("with the bug, the old entry is committed by counting, then lost: leader completeness fails", async () => {
    const { committedOld, violations } = await story("commit-previous-term");
    expect(committedOld).toBe(true);
    expect(violations[0]).toMatch(
      /^raft-leader-completeness: .* without entry \d+ \(term \d+\), which .* committed/,
    );
  });
});
