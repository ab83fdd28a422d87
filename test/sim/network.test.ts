import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DropReason,
  dropReasonName,
  type NodeFactory,
  Simulation,
  type TraceEvent,
} from "../../src/index.js";

const NODES = ["n1", "n2", "n3", "n4"];

/** Every node sends a numbered message to a random peer every millisecond. */
const chatter: NodeFactory = ({ peers, ctx }) => {
  let sent = 0;
  const tick = () => {
    ctx.send(ctx.rng.pick(peers), { n: sent++ });
    ctx.setTimer(1, tick);
  };
  ctx.setTimer(1, tick);
  return {};
};

/** A change to the network's cut links, scheduled at `atUs`. */
type CutOp =
  | {
      readonly atUs: number;
      readonly op: "cut" | "repair";
      readonly from: string;
      readonly to: string;
    }
  | { readonly atUs: number; readonly op: "partition"; readonly groups: string[][] }
  | { readonly atUs: number; readonly op: "heal" };

const node = fc.constantFrom(...NODES);
const cutOp: fc.Arbitrary<CutOp> = fc.oneof(
  fc.record({
    atUs: fc.integer({ min: 0, max: 90_000 }),
    op: fc.constantFrom("cut" as const, "repair" as const),
    from: node,
    to: node,
  }),
  fc.record({
    atUs: fc.integer({ min: 0, max: 90_000 }),
    op: fc.constant("partition" as const),
    groups: fc.shuffledSubarray(NODES, { minLength: 1 }).map((group) => [group]),
  }),
  fc.record({ atUs: fc.integer({ min: 0, max: 90_000 }), op: fc.constant("heal" as const) }),
);

function applyCutOp(sim: Simulation, op: CutOp): void {
  if (op.op === "cut") sim.network.cut(op.from, op.to);
  else if (op.op === "repair") sim.network.repair(op.from, op.to);
  else if (op.op === "partition") sim.network.partition(op.groups);
  else sim.network.heal();
}

/** The cut links after each scheduled change, keyed by the trace position it took effect at. */
interface CutSnapshot {
  readonly fromIndex: number;
  readonly cut: ReadonlySet<string>;
}

function snapshotCuts(sim: Simulation): CutSnapshot {
  const cut = new Set<string>();
  for (const from of NODES)
    for (const to of NODES) if (sim.network.isCut(from, to)) cut.add(`${from}->${to}`);
  return { fromIndex: sim.trace.count, cut };
}

/** Walks the trace with the cut set in force at each event. */
function* withCuts(sim: Simulation, snapshots: readonly CutSnapshot[]) {
  let current = 0;
  for (const event of sim.trace.events()) {
    while (current + 1 < snapshots.length && snapshots[current + 1]!.fromIndex <= event.index) {
      current++;
    }
    yield { event, cut: snapshots[current]!.cut };
  }
}

const linkOf = (event: TraceEvent) => `${event.node}->${event.peer}`;

describe("network", () => {
  it("never lets a message cross a cut link, checked at send and at delivery", async () => {
    let droppedAtSend = 0;
    let droppedInFlight = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(cutOp, { maxLength: 12 }), async (seed, ops) => {
        const sim = new Simulation({ seed, nodes: NODES, system: chatter, maxTimeUs: 100_000 });
        const snapshots = [snapshotCuts(sim)];
        for (const op of ops) {
          sim.at(op.atUs, () => {
            applyCutOp(sim, op);
            snapshots.push(snapshotCuts(sim));
          });
        }
        await sim.run();
        const events = [...withCuts(sim, snapshots)];
        for (const [i, { event, cut }] of events.entries()) {
          const link = linkOf(event);
          if (event.kind === "deliver") expect(cut.has(link), `delivered over ${link}`).toBe(false);
          if (event.kind === "send" && cut.has(link)) {
            const next = events[i + 1]!.event;
            expect(next).toMatchObject({ kind: "drop", detail: event.detail });
            expect(dropReasonName(next.digest)).toBe("partition");
            droppedAtSend++;
          }
          if (event.kind === "drop" && event.digest === DropReason.partition) {
            expect(cut.has(link), `partition drop on open link ${link}`).toBe(true);
            if (events[i - 1]?.event.kind !== "send") droppedInFlight++;
          }
        }
      }),
      { numRuns: 40 },
    );
    // The property was exercised, not vacuously true.
    expect(droppedAtSend).toBeGreaterThan(100);
    expect(droppedInFlight).toBeGreaterThan(0);
  });

  it("drops and duplicates messages at the configured rates", async () => {
    const messages = 4_000;
    const flood: NodeFactory = ({ id, ctx }) => {
      if (id === "n1") for (let i = 0; i < messages; i++) ctx.send("n2", i);
      return {};
    };
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        async (seed, dropRate, duplicateRate) => {
          const sim = new Simulation({
            seed,
            nodes: 2,
            system: flood,
            network: { dropRate, duplicateRate },
            trace: "full",
          });
          await sim.run();
          let lost = 0;
          let duplicated = 0;
          let delivered = 0;
          for (const event of sim.trace.events()) {
            if (event.kind === "drop" && event.digest === DropReason.loss) lost++;
            if (event.kind === "duplicate") duplicated++;
            if (event.kind === "deliver") delivered++;
          }
          const kept = messages - lost;
          // Five standard deviations of a binomial proportion, plus a little slack.
          const tolerance = (p: number, n: number) => 5 * Math.sqrt((p * (1 - p)) / n) + 0.005;
          expect(Math.abs(lost / messages - dropRate)).toBeLessThan(tolerance(dropRate, messages));
          expect(Math.abs(duplicated / kept - duplicateRate)).toBeLessThan(
            tolerance(duplicateRate, kept),
          );
          expect(delivered).toBe(kept + duplicated);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("cuts one direction only with cut/repair", async () => {
    const sim = new Simulation({ seed: 1, nodes: 2, system: chatter, maxTimeUs: 50_000 });
    sim.network.cut("n1", "n2");
    expect(sim.network.isCut("n1", "n2")).toBe(true);
    expect(sim.network.isCut("n2", "n1")).toBe(false);
    expect(sim.network.partitioned).toBe(true);
    await sim.run({ untilUs: 20_000 });
    const delivered = (from: string) =>
      [...sim.trace.events()].filter((e) => e.kind === "deliver" && e.node === from).length;
    expect(delivered("n1")).toBe(0);
    expect(delivered("n2")).toBeGreaterThan(10);
    sim.network.repair("n1", "n2");
    expect(sim.network.partitioned).toBe(false);
    await sim.run();
    expect(delivered("n1")).toBeGreaterThan(10);
  });

  it("holds a link's messages until release, then sends them all", async () => {
    const sim = new Simulation({ seed: 2, nodes: 2, system: chatter, maxTimeUs: 60_000 });
    sim.network.hold("n1", "n2");
    await sim.run({ untilUs: 30_000 });
    const count = () =>
      [...sim.trace.events()].filter((e) => e.kind === "deliver" && e.node === "n1").length;
    const sends = () =>
      [...sim.trace.events()].filter((e) => e.kind === "send" && e.node === "n1").length;
    expect(count()).toBe(0);
    const heldSends = sends();
    expect(heldSends).toBeGreaterThan(20);
    sim.network.release("n1", "n2");
    // Released messages leave with fresh latency (at most 10 ms by default).
    await sim.run({ untilUs: 30_000 + 10_000 });
    expect(count()).toBeGreaterThanOrEqual(heldSends);
  });

  it("keeps each link in send order when fifo is on", async () => {
    const received: number[] = [];
    const ordered: NodeFactory = ({ id, ctx }) => {
      if (id === "n1") for (let i = 0; i < 500; i++) ctx.send("n2", i);
      return { onMessage: (message) => void received.push(message.body as number) };
    };
    const sim = new Simulation({ seed: 5, nodes: 2, system: ordered, network: { fifo: true } });
    await sim.run();
    expect(received).toEqual([...Array(500).keys()]);
    const unordered = new Simulation({ seed: 5, nodes: 2, system: ordered });
    received.length = 0;
    await unordered.run();
    expect(received).not.toEqual([...Array(500).keys()]);
    expect([...received].sort((a, b) => a - b)).toEqual([...Array(500).keys()]);
  });

  it("draws latency within the configured bounds", async () => {
    const times: number[] = [];
    const timed: NodeFactory = ({ id, ctx }) => {
      if (id === "n1") for (let i = 0; i < 300; i++) ctx.send("n2", i);
      return { onMessage: () => void times.push(ctx.nowUs()) };
    };
    const sim = new Simulation({
      seed: 9,
      nodes: 2,
      system: timed,
      network: { latencyUsMin: 2_000, latencyUsMax: 3_000 },
    });
    await sim.run();
    expect(Math.min(...times)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(3_000);
    sim.network.setExtraLatency(10_000, 10_000);
    expect(() => sim.network.setExtraLatency(5, 1)).toThrow(/extra latency/);
  });

  it("ends storms with calm but keeps cuts", async () => {
    const sim = new Simulation({ seed: 1, nodes: 3, system: chatter });
    sim.network.setDropRate(0.5);
    sim.network.setDuplicateRate(0.25);
    sim.network.cut("n1", "n2");
    sim.network.calm();
    expect(sim.network.dropRate).toBe(0);
    expect(sim.network.duplicateRate).toBe(0);
    expect(sim.network.isCut("n1", "n2")).toBe(true);
    expect(() => sim.network.setDropRate(2)).toThrow(/drop rate/);
    expect(() => sim.network.cut("n1", "n9")).toThrow(/unknown node "n9"/);
  });
});
