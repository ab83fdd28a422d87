import { describe, expect, it } from "vitest";
import {
  type CallResult,
  checkDeterminism,
  DropReason,
  type NodeFactory,
  Simulation,
} from "../../src/index.js";

const fixedLatency = { latencyUsMin: 1_000, latencyUsMax: 1_000 };

/** n2 answers every call after `answerAfterMs` (its own clock); n1 calls once, at 1 ms. */
function caller(answerAfterMs: number, timeoutMs: number, results: CallResult[]): NodeFactory {
  return ({ id, ctx }) => {
    if (id === "n1") {
      ctx.setTimer(1, async () => {
        results.push(await ctx.call("n2", { q: 1 }, { timeoutMs }));
        results.push({ ok: true, body: ctx.nowUs() });
      });
    }
    return {
      async onMessage(message) {
        if (id !== "n2") return;
        await ctx.sleep(answerAfterMs);
        ctx.reply(message, { a: (message.body as { q: number }).q + 1 });
      },
    };
  };
}

async function deep(depth: number): Promise<number> {
  return depth === 0 ? 0 : 1 + (await deep(depth - 1));
}

describe("async layer", () => {
  it("sleeps by the node's clock", async () => {
    const woke: number[] = [];
    const sim = new Simulation({
      seed: 1,
      nodes: 1,
      system: ({ ctx }) => {
        void (async () => {
          await ctx.sleep(3);
          woke.push(ctx.nowUs());
          await ctx.sleep(0);
          woke.push(ctx.nowUs());
          await ctx.sleep(10);
          woke.push(ctx.nowUs());
        })();
        return {};
      },
      clocks: { n1: { driftPpm: 100_000 } },
    });
    expect(await sim.run()).toEqual({ kind: "idle" });
    // At +10% drift, 3 ms of local time pass in 2.728 ms of true time.
    expect(woke).toEqual([3_000, 3_000, 13_000]);
    expect(sim.nowUs).toBe(Math.ceil(13_000 / 1.1));
  });

  it("resolves a call with the reply, when it arrives", async () => {
    const results: CallResult[] = [];
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: caller(2, 50, results),
      network: fixedLatency,
    });
    await sim.run();
    // Sent at 1 ms, delivered at 2 ms, answered at 4 ms, reply delivered at 5 ms.
    expect(results).toEqual([
      { ok: true, body: { a: 2 } },
      { ok: true, body: 5_000 },
    ]);
  });

  it("resolves a call with a timeout when no reply comes in time, and drops the late reply", async () => {
    const results: CallResult[] = [];
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: caller(20, 10, results),
      network: fixedLatency,
    });
    await sim.run();
    expect(results).toEqual([
      { ok: false, reason: "timeout" },
      { ok: true, body: 11_000 },
    ]);
    const late = [...sim.trace.events()].filter(
      (event) => event.kind === "drop" && event.digest === DropReason.lateReply,
    );
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ node: "n2", peer: "n1", timeUs: 23_000 });
  });

  it("times out a call to a crashed node", async () => {
    const results: CallResult[] = [];
    const sim = new Simulation({ seed: 1, nodes: 2, system: caller(0, 30, results) });
    sim.crash("n2");
    await sim.run();
    expect(results[0]).toEqual({ ok: false, reason: "timeout" });
  });

  it("treats reply() to a message not sent with call() as the node's bug", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: ({ id, ctx }) => {
        if (id === "n1") ctx.send("n2", "plain");
        return { onMessage: (message) => ctx.reply(message, "answer") };
      },
    });
    const stop = await sim.run();
    expect(stop).toMatchObject({ kind: "node-failure", node: "n2" });
    expect(stop.kind === "node-failure" && stop.message).toMatch(/not sent with call/);
  });

  it("runs a continuation after any depth of awaits at the virtual time it belongs to", async () => {
    for (const depth of [1, 30, 500]) {
      const sentAt: number[] = [];
      const sim = new Simulation({
        seed: 1,
        nodes: 2,
        system: ({ id, ctx }) => {
          if (id === "n1") ctx.setTimer(1, () => ctx.send("n2", "go"));
          return {
            async onMessage() {
              await deep(depth);
              sentAt.push(ctx.nowUs());
            },
          };
        },
        network: fixedLatency,
      });
      sim.at(2_500, () => sentAt.push(-1));
      expect(await sim.run({ untilUs: 2_000 })).toEqual({ kind: "until", timeUs: 2_000 });
      expect(sentAt, `depth ${depth}`).toEqual([2_000]);
    }
  });

  it("reports a node whose promise continuations never wait on the simulation", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: ({ id, ctx }) => {
        if (id === "n2") {
          ctx.setTimer(2, async () => {
            for (let i = 0; i < 1_500_000; i++) await null;
          });
        }
        return {};
      },
    });
    const stop = await sim.run();
    expect(stop).toMatchObject({ kind: "node-failure", node: "n2" });
    expect(stop.kind === "node-failure" && stop.message).toMatch(/never waits on the simulation/);
    expect(sim.nowUs).toBe(2_000);
  });

  it("resumes harness code that sleeps on virtual time", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({}) });
    const seen: number[] = [];
    const script = (async () => {
      await sim.sleep(5_000);
      seen.push(sim.nowUs);
      await sim.sleep(1_000);
      seen.push(sim.nowUs);
    })();
    await sim.run();
    await script;
    expect(seen).toEqual([5_000, 6_000]);
  });

  it("is deterministic under run-twice for an async system with calls, sleeps and faults", async () => {
    const asyncNode: NodeFactory = ({ peers, ctx }) => {
      void (async () => {
        for (let round = 0; round < 30; round++) {
          await ctx.sleep(ctx.rng.between(0, 4));
          const answers = await Promise.all(
            peers.map((peer) => ctx.call(peer, { round }, { timeoutMs: 3 })),
          );
          ctx.log(answers.map((answer) => (answer.ok ? "y" : "n")).join(""));
        }
      })();
      return {
        async onMessage(message) {
          await deep(ctx.rng.between(0, 40));
          await ctx.sleep(ctx.rng.between(0, 3));
          ctx.reply(message, { from: ctx.id });
        },
      };
    };
    for (let seed = 1; seed <= 40; seed++) {
      const check = await checkDeterminism(
        { seed, nodes: 3, system: asyncNode, network: { dropRate: 0.1 } },
        async (sim) => {
          sim.at(20_000, () => sim.crash("n2"));
          sim.at(40_000, () => sim.restart("n2"));
          sim.at(50_000, () => sim.pause("n3"));
          sim.at(60_000, () => sim.resume("n3"));
          return sim.run();
        },
      );
      expect(check.deterministic, `seed ${seed}`).toBe(true);
      if (check.deterministic) expect(check.events).toBeGreaterThan(200);
    }
  });
});
