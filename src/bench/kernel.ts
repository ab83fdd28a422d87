/**
 * `faultline bench kernel`: how fast the kernel processes events, against the practical
 * limit of its own event queue. The limit is a bare loop over the same `EventQueue` with
 * no-op handlers that keeps as many events in flight as the storm does; the storm is five
 * nodes passing messages at random through the full kernel (latency, 1% loss, full trace).
 * Two limits are measured: one loop allocates a new event per event (`limitEventsPerSec`,
 * `ratio`, kept for comparison with earlier figures), the other reuses each event as the
 * simulator reuses its message events (`limitReuseEventsPerSec`, `ratioReuse`: the honest
 * limit, as the kernel does not pay for that allocation either). Each runs once untimed to
 * warm up, then timed rounds alternate and the medians count.
 * Goal: ratioReuse >= 0.5, >= 1,000,000 simulated events per second, < 300 MB for 1M events.
 */
import { EventQueue } from "../sim/event-queue.js";
import type { NodeFactory } from "../sim/node-api.js";
import { SimEvent, SimEventType } from "../sim/sim-event.js";
import { Simulation } from "../sim/simulation.js";
import { type BenchReport, type BenchSuite, formatNumber, median } from "./suite.js";

const EVENTS = 1_000_000;
/** Events of the untimed first run of each loop, so both are measured with warm code. */
const WARMUP_EVENTS = 200_000;
const IN_FLIGHT = 1_000;
const NODES = 5;
const DROP_RATE = 0.01;
/** Timed rounds (limit, then storm); the medians are reported. */
const REPEATS = 5;

/** The storm: every delivery is answered by a message to a random peer; drops are replaced. */
const stormNode: NodeFactory = ({ peers, ctx }) => {
  let received = 0;
  for (let i = 0; i < IN_FLIGHT / NODES; i++)
    ctx.send(ctx.rng.pick(peers), { type: "storm", hop: 0 });
  return {
    onMessage(message) {
      const hop = (message.body as { hop: number }).hop + 1;
      ctx.send(peers[Math.floor(ctx.random() * peers.length)]!, { type: "storm", hop });
      if (++received % 100 === 0) ctx.send(ctx.rng.pick(peers), { type: "storm", hop: 0 });
    },
  };
};

async function measureSim(
  events: number,
): Promise<{ eventsPerSec: number; rssMb: number; heapMb: number }> {
  const sim = new Simulation({
    seed: 1,
    nodes: NODES,
    system: stormNode,
    network: { latencyUsMin: 1_000, latencyUsMax: 10_000, dropRate: DROP_RATE },
    maxEvents: events,
    trace: "full",
  });
  const started = performance.now();
  const stop = await sim.run();
  const elapsedMs = performance.now() - started;
  if (stop.kind !== "event-limit") throw new Error(`storm ended early: ${stop.kind}`);
  const memory = process.memoryUsage();
  return {
    eventsPerSec: (sim.eventCount / elapsedMs) * 1000,
    rssMb: memory.rss / 2 ** 20,
    heapMb: memory.heapUsed / 2 ** 20,
  };
}

/** A xorshift stream of latencies in [1 ms, 10 ms], as the storm's links draw them. */
function latencies(): () => number {
  let state = 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return 1_000 + ((state >>> 0) % 9_001);
  };
}

/** A queue holding as many message events as the storm keeps in flight. */
function queueInFlight(nextLatency: () => number): EventQueue<SimEvent> {
  const queue = new EventQueue<SimEvent>();
  for (let i = 0; i < IN_FLIGHT; i++)
    queue.push(new SimEvent(nextLatency(), SimEventType.deliver, i % NODES));
  return queue;
}

/** The bare loop with events reused: each popped event is re-timed and pushed again. */
function measureLimitReuse(events: number): number {
  const nextLatency = latencies();
  const queue = queueInFlight(nextLatency);
  const started = performance.now();
  let processed = 0;
  while (processed < events) {
    const event = queue.pop()!;
    processed++;
    event.time += nextLatency();
    queue.push(event);
  }
  return (processed / (performance.now() - started)) * 1000;
}

function measureLimit(events: number): number {
  const nextLatency = latencies();
  const queue = queueInFlight(nextLatency);
  const started = performance.now();
  let processed = 0;
  while (processed < events) {
    const event = queue.pop()!;
    processed++;
    queue.push(new SimEvent(event.time + nextLatency(), SimEventType.deliver, event.target));
  }
  return (processed / (performance.now() - started)) * 1000;
}

async function runKernelBench(progress: (message: string) => void): Promise<BenchReport> {
  const limits: number[] = [];
  const reuseLimits: number[] = [];
  const sims: number[] = [];
  let rssMb = 0;
  let heapMb = 0;
  measureLimit(WARMUP_EVENTS);
  measureLimitReuse(WARMUP_EVENTS);
  await measureSim(WARMUP_EVENTS);
  for (let i = 0; i < REPEATS; i++) {
    limits.push(measureLimit(EVENTS));
    reuseLimits.push(measureLimitReuse(EVENTS));
    const sim = await measureSim(EVENTS);
    sims.push(sim.eventsPerSec);
    rssMb = Math.max(rssMb, sim.rssMb);
    heapMb = Math.max(heapMb, sim.heapMb);
    progress(
      `round ${i + 1}/${REPEATS}: limit ${formatNumber(limits[i]!)} ev/s, reusing ${formatNumber(reuseLimits[i]!)} ev/s, sim ${formatNumber(sims[i]!)} ev/s`,
    );
  }
  const limitEventsPerSec = Math.round(median(limits));
  const simEventsPerSec = Math.round(median(sims));
  const ratio = Number((simEventsPerSec / limitEventsPerSec).toFixed(3));
  const limitReuseEventsPerSec = Math.round(median(reuseLimits));
  const ratioReuse = Number((simEventsPerSec / limitReuseEventsPerSec).toFixed(3));
  return {
    json: {
      suite: "kernel",
      limitEventsPerSec,
      simEventsPerSec,
      ratio,
      limitReuseEventsPerSec,
      ratioReuse,
      events: EVENTS,
      rssMb: Math.round(rssMb),
      heapUsedMb: Math.round(heapMb),
    },
    rows: [
      ["bare queue, new events", `${formatNumber(limitEventsPerSec)} events/s`],
      ["bare queue, reused events (limit)", `${formatNumber(limitReuseEventsPerSec)} events/s`],
      ["5-node storm (sim)", `${formatNumber(simEventsPerSec)} events/s`],
      ["ratio sim/limit (reused events)", `${ratioReuse} (goal >= 0.5)`],
      ["ratio sim/new-event loop", `${ratio} (the earlier, flattering limit)`],
      [
        "sim events/s goal",
        simEventsPerSec >= 1_000_000 ? "met (>= 1,000,000)" : "NOT met (< 1,000,000)",
      ],
      [
        `memory after ${formatNumber(EVENTS)} events`,
        `rss ${Math.round(rssMb)} MB, heap ${Math.round(heapMb)} MB (goal < 300 MB)`,
      ],
    ],
  };
}

/** The kernel suite. */
export const kernelBench: BenchSuite = {
  name: "kernel",
  summary: "events/s of a 5-node message storm vs a bare event-queue loop (goal ratio >= 0.5)",
  run: runKernelBench,
};
