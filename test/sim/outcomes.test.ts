import { describe, expect, it } from "vitest";
import {
  describeRunStop,
  isRunFailure,
  type NodeFactory,
  Simulation,
  SimulationConfigError,
  type SimulationOptions,
} from "../../src/index.js";

/** n1 sends n2 a message at 1 ms; n2 runs `onMessage`. */
function onFirstMessage(onMessage: () => unknown): NodeFactory {
  return ({ id, ctx }) => {
    if (id === "n1") ctx.setTimer(1, () => ctx.send("n2", "hello"));
    return { onMessage: onMessage as () => void };
  };
}

/** A node that keeps itself busy forever: a timer every millisecond. */
const ticker: NodeFactory = ({ ctx }) => {
  const tick = () => ctx.setTimer(1, tick);
  tick();
  return {};
};

describe("node failures are findings", () => {
  it("reports a handler that throws, with the node, the message and the trace record", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: onFirstMessage(() => {
        throw new TypeError("bad message");
      }),
    });
    const stop = await sim.run();
    expect(stop).toMatchObject({
      kind: "node-failure",
      node: "n2",
      message: "TypeError: bad message",
    });
    expect(stop.kind === "node-failure" && stop.stack).toContain("bad message");
    expect(isRunFailure(stop)).toBe(true);
    expect(describeRunStop(stop)).toBe("node n2 threw: TypeError: bad message");
    const record = [...sim.trace.events()].find((event) => event.kind === "nodeFailure");
    expect(record).toMatchObject({ node: "n2", timeUs: expect.any(Number) });
    expect(sim.result().failure).toEqual(stop);
    // The failure sticks: running again reports it again.
    expect(await sim.run()).toBe(stop);
  });

  it("reports an async handler whose promise rejects", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      system: onFirstMessage(async () => {
        await Promise.resolve();
        throw new Error("later");
      }),
    });
    expect(await sim.run()).toMatchObject({
      kind: "node-failure",
      node: "n2",
      message: "Error: later",
    });
  });

  it("reports a factory that throws, and a timer callback that throws", async () => {
    const fromFactory = new Simulation({
      seed: 1,
      nodes: 2,
      system: ({ id }) => {
        if (id === "n2") throw new Error("cannot start");
        return {};
      },
    });
    expect(await fromFactory.run()).toMatchObject({ kind: "node-failure", node: "n2" });
    const fromTimer = new Simulation({
      seed: 1,
      nodes: 1,
      system: ({ ctx }) => {
        ctx.setTimer(3, () => {
          throw "a string";
        });
        return {};
      },
    });
    expect(await fromTimer.run()).toMatchObject({ kind: "node-failure", message: "a string" });
    expect(fromTimer.nowUs).toBe(3_000);
  });

  it("reports a client request to a node that cannot serve clients", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({}) });
    sim.request("c1", "n1", { f: "read" }, () => undefined);
    const stop = await sim.run();
    expect(stop.kind === "node-failure" && stop.message).toMatch(/has no onClientRequest/);
  });
});

describe("bounds and ends are reported outcomes", () => {
  it("stops at the event limit", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: ticker, maxEvents: 50 });
    const stop = await sim.run();
    expect(stop).toEqual({ kind: "event-limit", maxEvents: 50 });
    expect(sim.eventCount).toBe(50);
    expect(describeRunStop(stop)).toMatch(/event limit \(50 events\)/);
    expect(isRunFailure(stop)).toBe(true);
  });

  it("stops at the time limit, which is a normal end", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: ticker, maxTimeUs: 20_000 });
    const stop = await sim.run();
    expect(stop).toEqual({ kind: "time-limit", maxTimeUs: 20_000 });
    expect(sim.nowUs).toBe(20_000);
    expect(isRunFailure(stop)).toBe(false);
  });

  it("stops at a requested time and continues from there", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: ticker, maxTimeUs: 20_000 });
    expect(await sim.run({ untilUs: 5_500 })).toEqual({ kind: "until", timeUs: 5_500 });
    expect(sim.nowUs).toBe(5_500);
    expect(await sim.run({ untilUs: 9_000 })).toEqual({ kind: "until", timeUs: 9_000 });
    await expect(sim.run({ untilUs: 1_000 })).rejects.toThrow(/in the past/);
  });

  it("stops when no events are left, or when harness code asks", async () => {
    const idle = new Simulation({ seed: 1, nodes: 2, system: () => ({}) });
    expect(await idle.run()).toEqual({ kind: "idle" });
    const stopped = new Simulation({ seed: 1, nodes: 1, system: ticker });
    stopped.at(7_000, () => stopped.stop("seen enough"));
    expect(await stopped.run()).toEqual({ kind: "stopped", reason: "seen enough" });
    expect(stopped.nowUs).toBe(7_000);
  });

  it("refuses to run twice at once", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: ticker, maxTimeUs: 10_000 });
    const first = sim.run();
    await expect(sim.run()).rejects.toThrow(/already running/);
    await first;
  });
});

describe("options", () => {
  const system: NodeFactory = () => ({});
  const bad: readonly (readonly [string, Partial<Record<keyof SimulationOptions, unknown>>])[] = [
    ["seed", { seed: 1.5 }],
    ["seed", { seed: null }],
    ["nodes", { nodes: 0 }],
    ["nodes", { nodes: [] }],
    ["nodes[]", { nodes: ["n1", ""] }],
    ["nodes", { nodes: ["a", "a"] }],
    ["system", { system: "raft" }],
    ["network.latencyUsMin", { network: { latencyUsMin: -1 } }],
    ["network.latencyUsMax", { network: { latencyUsMin: 5, latencyUsMax: 4 } }],
    ["network.clientLatencyUsMin", { network: { clientLatencyUsMin: 0.5 } }],
    ["network.clientLatencyUsMax", { network: { clientLatencyUsMax: 1 } }],
    ["network.dropRate", { network: { dropRate: 1.5 } }],
    ["network.duplicateRate", { network: { duplicateRate: Number.NaN } }],
    ["network.fifo", { network: { fifo: "yes" } }],
    ["diskFaults.partialFlushRate", { diskFaults: { partialFlushRate: -0.1 } }],
    ["diskFaults.tornWriteRate", { diskFaults: { tornWriteRate: 2 } }],
    ["diskFaults.readErrorRate", { diskFaults: { readErrorRate: "often" } }],
    ["maxTimeUs", { maxTimeUs: 0 }],
    ["maxEvents", { maxEvents: 1e20 }],
    ["trace", { trace: "some" }],
    ["keepPayloads", { keepPayloads: 1 }],
    ["determinismGuard", { determinismGuard: "on" }],
    ["clocks.n1.driftPpm", { clocks: { n1: { driftPpm: 1e9 } } }],
  ];
  for (const [field, options] of bad) {
    it(`names ${field} when it is wrong`, () => {
      const build = () =>
        new Simulation({ seed: 1, nodes: 2, system, ...options } as SimulationOptions);
      expect(build).toThrow(SimulationConfigError);
      const escaped = field.replace(/[.[\]]/g, "\\$&");
      expect(build).toThrow(new RegExp(`^${escaped}: expected .+, found `));
    });
  }

  it("echoes the effective settings, defaults filled in", () => {
    const sim = new Simulation({
      seed: "abc",
      nodes: ["a", "b"],
      system,
      network: { dropRate: 0.1 },
    });
    expect(sim.config).toMatchObject({
      seed: "abc",
      nodeIds: ["a", "b"],
      network: { dropRate: 0.1, latencyUsMin: 1_000, latencyUsMax: 10_000, fifo: false },
      diskFaults: { partialFlushRate: 0, tornWriteRate: 0, readErrorRate: 0 },
      maxTimeUs: 600_000_000,
      maxEvents: 10_000_000,
      trace: "full",
      keepPayloads: false,
      determinismGuard: false,
      clocks: { a: { offsetUs: 0, driftPpm: 0 }, b: { offsetUs: 0, driftPpm: 0 } },
    });
    expect(sim.result().config).toBe(sim.config);
  });
});
