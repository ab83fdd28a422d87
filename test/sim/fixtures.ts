/**
 * Systems and drivers shared by the kernel tests. `chaosNode` uses every part of the node
 * context (timers, messages, calls, sleeps, disk, randomness, clients, reports) and
 * `driveChaos` throws every kind of fault at it, so a run-twice check over many seeds covers
 * the whole kernel.
 */
import type {
  NodeFactory,
  RunStop,
  Simulation,
  SimulationOptions,
  TraceKindName,
} from "../../src/index.js";

/** A node that gossips a disk-backed counter, calls its peers and answers clients. */
export const chaosNode: NodeFactory = ({ id, peers, ctx, restarted }) => {
  let counter = restarted ? Number(ctx.disk.get("counter") ?? 0) : 0;
  const tick = () => {
    counter++;
    ctx.disk.put("counter", counter);
    ctx.disk.append("log", { counter, at: ctx.nowUs() });
    if (ctx.random() < 0.5) ctx.disk.sync();
    ctx.send(ctx.rng.pick(peers), { type: "gossip", from: id, counter });
    ctx.setTimer(ctx.rng.between(5, 20), tick);
  };
  ctx.setTimer(ctx.rng.between(1, 10), tick);
  void (async () => {
    for (let round = 0; round < 6; round++) {
      await ctx.sleep(ctx.rng.between(5, 25));
      const result = await ctx.call(ctx.rng.pick(peers), { type: "ask", round }, { timeoutMs: 8 });
      ctx.log(`round ${round}: ${result.ok ? "answered" : result.reason}`);
    }
  })();
  return {
    async onMessage(message) {
      if (message.callId === undefined) return;
      await ctx.sleep(ctx.rng.between(0, 6));
      ctx.reply(message, { type: "answer", counter });
    },
    onClientRequest(request) {
      ctx.report({ type: "served", counter });
      ctx.respond(request, { type: "ok", value: counter });
    },
    inspect: () => ({ counter }),
  };
};

/** Options for a short chaos run of `seed`. */
export function chaosOptions(seed: number): SimulationOptions {
  return {
    seed,
    nodes: 4,
    system: chaosNode,
    network: { dropRate: 0.05, duplicateRate: 0.05, latencyUsMin: 500, latencyUsMax: 4_000 },
    diskFaults: { partialFlushRate: 0.3, tornWriteRate: 0.3 },
    maxTimeUs: 150_000,
  };
}

const FAULTS = [
  "crash",
  "restart",
  "pause",
  "resume",
  "partition",
  "heal",
  "bump",
  "drift",
  "strobe",
  "reset",
  "storm",
  "calm",
  "hold",
  "release",
] as const;

function applyFault(sim: Simulation, fault: (typeof FAULTS)[number], node: string): void {
  const random = sim.random("nemesis");
  const other = random.pick(sim.nodeIds.filter((id) => id !== node));
  switch (fault) {
    case "crash":
      sim.crash(node);
      return;
    case "restart":
      sim.restart(node);
      return;
    case "pause":
      sim.pause(node);
      return;
    case "resume":
      sim.resume(node);
      return;
    case "partition":
      sim.network.partition([[node], [other]]);
      return;
    case "heal":
      sim.network.heal();
      return;
    case "bump":
      sim.bumpClock(node, random.between(-20_000, 20_000));
      return;
    case "drift":
      sim.setClockDrift(node, random.between(-100_000, 100_000));
      return;
    case "strobe":
      sim.strobeClock(node, { deltaUs: 3_000, periodUs: 2_000, durationUs: 20_000 });
      return;
    case "reset":
      sim.resetClock(node);
      return;
    case "storm":
      sim.network.setDropRate(0.3);
      return;
    case "calm":
      sim.network.calm();
      return;
    case "hold":
      sim.network.hold(node, other);
      return;
    case "release":
      sim.network.release(node, other);
      return;
  }
}

/** Schedules a dozen random faults and some client requests, then runs to the time limit. */
export async function driveChaos(sim: Simulation): Promise<RunStop> {
  const random = sim.random("nemesis");
  for (let i = 0; i < 12; i++) {
    const fault = random.pick(FAULTS);
    const node = random.pick(sim.nodeIds);
    sim.at(random.between(0, 120_000), () => applyFault(sim, fault, node));
  }
  const clients = sim.random("clients");
  for (let i = 0; i < 10; i++) {
    const node = clients.pick(sim.nodeIds);
    sim.at(clients.between(0, 120_000), () =>
      sim.request(`c${i % 3}`, node, { f: "read" }, () => undefined),
    );
  }
  sim.at(130_000, () => {
    sim.network.heal();
    sim.network.calm();
    for (const id of sim.nodeIds) {
      sim.restart(id);
      sim.resume(id);
    }
  });
  return sim.run();
}

/** How many trace events of each kind a simulation recorded. */
export function kindCounts(sim: Simulation): Map<TraceKindName, number> {
  const counts = new Map<TraceKindName, number>();
  for (const event of sim.trace.events()) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  return counts;
}
