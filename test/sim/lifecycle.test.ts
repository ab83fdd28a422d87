import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DropReason,
  dropReasonName,
  type NodeContext,
  type NodeFactory,
  Simulation,
} from "../../src/index.js";

/** n1 sends n2 a numbered message every millisecond, `count` in all; n2 notes arrivals. */
function sequenced(count: number, arrivals: { n: number; atUs: number }[]): NodeFactory {
  return ({ id, ctx }) => {
    if (id === "n1") {
      let n = 0;
      const tick = () => {
        ctx.send("n2", n++);
        if (n < count) ctx.setTimer(1, tick);
      };
      ctx.setTimer(1, tick);
    }
    return {
      onMessage: (message) => void arrivals.push({ n: message.body as number, atUs: ctx.nowUs() }),
    };
  };
}

/** Every send's fate, from the trace: how many deliveries and drops each message id had. */
function fates(sim: Simulation): Map<number, { sends: number; copies: number; fates: number }> {
  const byId = new Map<number, { sends: number; copies: number; fates: number }>();
  const entry = (id: number) => {
    let found = byId.get(id);
    if (found === undefined) {
      found = { sends: 0, copies: 0, fates: 0 };
      byId.set(id, found);
    }
    return found;
  };
  for (const event of sim.trace.events()) {
    if (event.kind === "send") entry(event.detail).sends++;
    if (event.kind === "duplicate") entry(event.detail).copies++;
    if (event.kind === "deliver" || event.kind === "drop") entry(event.detail).fates++;
  }
  return byId;
}

describe("pause and resume", () => {
  it("delivers nothing to a paused node, then everything it missed, in order, on resume", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        async (seed, pauseAtUs, pausedForUs) => {
          const arrivals: { n: number; atUs: number }[] = [];
          const sim = new Simulation({
            seed,
            nodes: 2,
            system: sequenced(50, arrivals),
            network: { fifo: true },
          });
          const resumeAtUs = pauseAtUs + pausedForUs;
          sim.at(pauseAtUs, () => expect(sim.pause("n2")).toBe(true));
          sim.at(resumeAtUs, () => expect(sim.resume("n2")).toBe(true));
          await sim.run();
          const during = arrivals.filter((a) => a.atUs > pauseAtUs && a.atUs < resumeAtUs);
          expect(during).toEqual([]);
          expect(arrivals.map((a) => a.n)).toEqual([...Array(50).keys()]);
          const missed = [...sim.trace.events()].find((event) => event.kind === "resume");
          const heldCount = missed?.detail ?? 0;
          expect(arrivals.filter((a) => a.atUs === resumeAtUs).length).toBeGreaterThanOrEqual(
            heldCount,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("holds a paused node's timers and fires them on resume; its clock runs on", async () => {
    const fired: number[] = [];
    const sim = new Simulation({
      seed: 1,
      nodes: 1,
      system: ({ ctx }) => {
        ctx.setTimer(10, () => fired.push(ctx.nowUs()));
        ctx.setTimer(50, () => fired.push(ctx.nowUs()));
        return {};
      },
    });
    sim.at(5_000, () => sim.pause("n1"));
    sim.at(30_000, () => sim.resume("n1"));
    await sim.run();
    expect(fired).toEqual([30_000, 50_000]);
    expect(sim.status("n1")).toBe("up");
  });

  it("refuses to pause a node that is not up, or resume one that is not paused", () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({}) });
    expect(sim.resume("n1")).toBe(false);
    expect(sim.pause("n1")).toBe(true);
    expect(sim.status("n1")).toBe("paused");
    expect(sim.pause("n1")).toBe(false);
    expect(sim.crash("n1")).toBe(true);
    expect(sim.pause("n1")).toBe(false);
    expect(sim.resume("n1")).toBe(false);
  });
});

describe("crash and restart", () => {
  it("drops messages in flight to a crashed node and rebuilds it from the factory on restart", async () => {
    const arrivals: { n: number; atUs: number }[] = [];
    const builds: boolean[] = [];
    const inner = sequenced(40, arrivals);
    const system: NodeFactory = (init) => {
      if (init.id === "n2") builds.push(init.restarted);
      return inner(init);
    };
    const sim = new Simulation({ seed: 4, nodes: 2, system });
    sim.at(10_000, () => sim.crash("n2"));
    sim.at(25_000, () => sim.restart("n2"));
    await sim.run();
    expect(builds).toEqual([false, true]);
    expect(arrivals.some((a) => a.atUs > 10_000 && a.atUs < 25_000)).toBe(false);
    const drops = [...sim.trace.events()].filter((event) => event.kind === "drop");
    const reasons = new Set(drops.map((event) => dropReasonName(event.digest)));
    expect(reasons).toContain("crashed");
    for (const [id, fate] of fates(sim)) expect(fate.fates, `message ${id}`).toBe(fate.sends);
  });

  it("drops messages sent to an earlier life of a node that has restarted since", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: ({ id, ctx }) => {
        if (id === "n1") ctx.send("n2", "to the first n2");
        return {};
      },
      network: { latencyUsMin: 5_000, latencyUsMax: 5_000 },
    });
    sim.at(1_000, () => sim.crash("n2"));
    sim.at(2_000, () => sim.restart("n2"));
    await sim.run();
    const drop = [...sim.trace.events()].find((event) => event.kind === "drop");
    expect(drop).toMatchObject({ node: "n1", peer: "n2", timeUs: 5_000 });
    expect(drop?.digest).toBe(DropReason.restarted);
  });

  it("silences the context of a crashed life: its timers, sends and sleeps go nowhere", async () => {
    const contexts: NodeContext[] = [];
    const woke: number[] = [];
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: ({ id, ctx, restarted }) => {
        if (id === "n1") {
          contexts.push(ctx);
          if (!restarted) void ctx.sleep(10).then(() => woke.push(ctx.nowUs()));
          ctx.setTimer(5, () => woke.push(-1));
        }
        return {};
      },
    });
    sim.at(1_000, () => sim.crash("n1"));
    sim.at(2_000, () => {
      sim.restart("n1");
      contexts[0]!.send("n2", "from beyond");
      expect(contexts[0]!.setTimer(1, () => woke.push(-2))).toBe(0);
    });
    await sim.run();
    expect(woke).toEqual([-1]);
    expect(sim.nowUs).toBe(7_000);
    expect([...sim.trace.events()].filter((event) => event.kind === "send")).toEqual([]);
  });

  it("drops what a paused node held when it crashes, and says so in the trace", async () => {
    const arrivals: { n: number; atUs: number }[] = [];
    const sim = new Simulation({ seed: 2, nodes: 2, system: sequenced(20, arrivals) });
    sim.at(3_000, () => sim.pause("n2"));
    sim.at(15_000, () => sim.crash("n2"));
    await sim.run();
    const crash = [...sim.trace.events()].find((event) => event.kind === "crash")!;
    const droppedAtCrash = [...sim.trace.events()].filter(
      (event) =>
        event.kind === "drop" && event.index > crash.index && event.timeUs === crash.timeUs,
    );
    expect(droppedAtCrash.length).toBeGreaterThan(5);
    for (const [id, fate] of fates(sim)) expect(fate.fates, `message ${id}`).toBe(fate.sends);
  });

  it("accounts for every message under random crashes, pauses, cuts and holds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.array(
          fc.record({
            atUs: fc.integer({ min: 0, max: 40_000 }),
            fault: fc.constantFrom("crash", "restart", "pause", "resume", "cut", "hold", "release"),
            node: fc.constantFrom("n1", "n2", "n3"),
          }),
          { maxLength: 10 },
        ),
        async (seed, faults) => {
          const flood: NodeFactory = ({ peers, ctx }) => {
            for (let i = 0; i < 30; i++) ctx.send(ctx.rng.pick(peers), i);
            ctx.setTimer(20, () => {
              for (let i = 0; i < 30; i++) ctx.send(ctx.rng.pick(peers), i);
            });
            return {};
          };
          const sim = new Simulation({
            seed,
            nodes: 3,
            system: flood,
            network: { dropRate: 0.1, duplicateRate: 0.1 },
          });
          for (const { atUs, fault, node } of faults) {
            const other = node === "n1" ? "n2" : "n1";
            sim.at(atUs, () => {
              if (fault === "crash") sim.crash(node);
              if (fault === "restart") sim.restart(node);
              if (fault === "pause") sim.pause(node);
              if (fault === "resume") sim.resume(node);
              if (fault === "cut") sim.network.cut(node, other);
              if (fault === "hold") sim.network.hold(node, other);
              if (fault === "release") sim.network.release(node, other);
            });
          }
          sim.at(50_000, () => {
            for (const id of sim.nodeIds) {
              sim.resume(id);
              for (const other of sim.nodeIds) if (other !== id) sim.network.release(id, other);
            }
          });
          expect(await sim.run()).toEqual({ kind: "idle" });
          for (const [id, fate] of fates(sim)) {
            expect(fate.fates, `message ${id}`).toBe(fate.sends + fate.copies);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reports status and hides a crashed node's summary", () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({ inspect: () => ({}) }) });
    expect(sim.restart("n1")).toBe(false);
    expect(sim.crash("n1")).toBe(true);
    expect(sim.crash("n1")).toBe(false);
    expect(sim.status("n1")).toBe("crashed");
    expect(sim.inspect("n1")).toBeUndefined();
    expect(sim.restart("n1")).toBe(true);
    expect(sim.status("n1")).toBe("up");
    expect(() => sim.status("n7")).toThrow(/unknown node "n7"; nodes are n1/);
  });
});
