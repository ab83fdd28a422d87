import { describe, expect, it } from "vitest";
import { type NodeFactory, Simulation } from "../../src/index.js";

/** Each node pings a random peer every 10 ms and answers pings with pongs. */
const pinger: NodeFactory = ({ peers, ctx }) => {
  const tick = () => {
    ctx.send(ctx.rng.pick(peers), { type: "ping", at: ctx.nowUs() });
    ctx.setTimer(10, tick);
  };
  ctx.setTimer(ctx.rng.between(1, 10), tick);
  return {
    onMessage(message) {
      const body = message.body as { type: string };
      if (body.type === "ping") ctx.send(message.from, { type: "pong" });
    },
  };
};

async function runPinger(seed: number) {
  const sim = new Simulation({ seed, nodes: 3, system: pinger, network: { dropRate: 0.1 } });
  const stop = await sim.run({ untilUs: 1_000_000 });
  return { stop, hash: sim.traceHash, events: sim.eventCount };
}

describe("Simulation", () => {
  it("runs the same seed to the same trace hash", async () => {
    const first = await runPinger(7);
    const second = await runPinger(7);
    expect(first.stop).toEqual({ kind: "until", timeUs: 1_000_000 });
    expect(first.events).toBeGreaterThan(100);
    expect(second.hash).toBe(first.hash);
  });

  it("runs different seeds to different hashes", async () => {
    const first = await runPinger(7);
    const second = await runPinger(8);
    expect(second.hash).not.toBe(first.hash);
  });

  it("reports a node that throws as a node failure, not an exception", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: ({ id, ctx }) => {
        if (id === "n1") ctx.setTimer(5, () => ctx.send("n2", "boom"));
        return {
          onMessage() {
            throw new Error("handler exploded");
          },
        };
      },
    });
    const stop = await sim.run();
    expect(stop.kind).toBe("node-failure");
    expect(stop).toMatchObject({ node: "n2", message: "Error: handler exploded" });
  });
});
