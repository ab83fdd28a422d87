/**
 * The coordination service as a cluster: workers open sessions and register, take the
 * lock in turn with increasing fencing tokens, and the lock-with-pause story, scripted:
 * the holder pauses between its read and its write, its session expires, another worker
 * takes the lock, and the paused one writes when it wakes: refused with fencing, a
 * mutual-exclusion violation without. Also run-twice determinism of a scenario.
 */
import { describe, expect, it } from "vitest";
import { parseScenario, runScenario } from "../../../src/index.js";
import { ask, runFor, runUntil, startCoord } from "./helpers.js";

describe("coord cluster", () => {
  it("keeps every worker's session and registration, and hands the lock out in turn", async () => {
    const { sim, violations, accesses } = startCoord(3);
    await runFor(sim, 1_500_000); // the first registry refresh is at 1 s
    for (const worker of ["n1", "n2", "n3"]) {
      const summary = sim.inspect(worker)!;
      expect(summary.session).toEqual(expect.any(Number));
      expect(summary.registered).toHaveLength(3);
    }
    const first = await ask(sim, "n1", "acquire");
    expect(first).toMatchObject({ type: "ok", value: expect.any(Number) });
    expect(await ask(sim, "n2", "acquire")).toEqual({ type: "fail", error: "busy" });
    expect(await ask(sim, "n1", "release")).toEqual({ type: "ok" });
    const second = await ask(sim, "n2", "acquire");
    expect(
      second?.type === "ok" && (second.value as number) > (first as { value: number }).value,
    ).toBe(true);
    expect(await ask(sim, "n2", "release")).toEqual({ type: "ok" });
    expect(accesses.map((access) => [access.holder.slice(0, 2), access.accepted])).toEqual([
      ["n1", true],
      ["n1", true],
      ["n2", true],
      ["n2", true],
    ]);
    expect(violations).toEqual([]);
  });

  async function pauseStory(bug: "none" | "no-fencing") {
    const cluster = startCoord(5, { bug, workMsMin: 100, workMsMax: 100 });
    const { sim, accesses } = cluster;
    await runFor(sim, 1_000_000);
    expect(await ask(sim, "n1", "acquire")).toMatchObject({ type: "ok" });
    // n1 reads, then computes for 100 ms: it pauses in between, for 3 s.
    await runUntil(sim, () => accesses.some((access) => access.holder.startsWith("n1")));
    sim.pause("n1");
    let taken = false;
    for (let attempt = 0; attempt < 40 && !taken; attempt++) {
      taken = (await ask(sim, "n2", "acquire"))?.type === "ok";
      if (!taken) await runFor(sim, 100_000);
    }
    expect(taken).toBe(true);
    expect(await ask(sim, "n2", "release")).toEqual({ type: "ok" });
    sim.resume("n1");
    await runFor(sim, 500_000);
    const late = accesses.filter((access) => access.holder.startsWith("n1")).at(-1)!;
    return { ...cluster, late };
  }

  it("fences off a lock holder that paused past its lease", async () => {
    const { late, violations } = await pauseStory("none");
    expect(late).toMatchObject({ accepted: false, token: expect.any(Number) });
    expect(violations).toEqual([]);
  });

  it("with the planted bug no-fencing, the paused holder's late write breaks mutual exclusion", async () => {
    const { late, violations } = await pauseStory("no-fencing");
    expect(late).toMatchObject({ accepted: true, token: null });
    expect(violations).toEqual([expect.stringMatching(/^mutual-exclusion: k0: n1\.\w+#1 entered/)]);
  });

  it("runs a worker's asynchronous code when its events happen, whatever the run's steps", async () => {
    async function run(stepUs: number) {
      const { sim } = startCoord(9);
      sim.at(2_000_000, () => sim.pause("n1"));
      sim.at(3_000_000, () => sim.bumpClock("n4", 700_000));
      sim.at(4_500_000, () => sim.resume("n1"));
      for (const [index, worker] of ["n1", "n2", "n3"].entries()) {
        for (let at = 500_000 + index * 1_000; at < 6_000_000; at += 150_000) {
          const f = Math.floor(at / 150_000) % 2 === 0 ? "acquire" : "release";
          sim.at(at, () => sim.request(`c-${worker}`, worker, { f, key: "k0", seq: at }, () => {}));
        }
      }
      while (sim.nowUs < 6_000_000) await runFor(sim, Math.min(stepUs, 6_000_000 - sim.nowUs));
      return sim.traceHash;
    }
    const whole = await run(6_000_000);
    expect(await run(1_000)).toBe(whole);
    expect(await run(37_000)).toBe(whole);
  });

  it("runs the same seed of a scenario to the same trace hash", async () => {
    const scenario = await parseScenario(
      [
        "name: coord-twice",
        "system: { name: coord }",
        "nodes: 7",
        "duration: 4s",
        "workload: { clients: 3, keys: 1, routing: home }",
        "nemesis: { random: { faults: [pause, partition, clock-bump], interval: 300ms..1s } }",
      ].join("\n"),
      "coord-twice.yaml",
    );
    const [a, b, c] = [
      await runScenario(scenario, 7),
      await runScenario(scenario, 7),
      await runScenario(scenario, 8),
    ];
    expect(a.ok).toBe(true);
    expect(b.traceHash).toBe(a.traceHash);
    expect(c.traceHash).not.toBe(a.traceHash);
    expect(a.checks.find((check) => check.name === "linearizability")?.verdict).toBe("pass");
  });
});
