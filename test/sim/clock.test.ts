import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDeterminism,
  MAX_DRIFT_PPM,
  NodeClock,
  Simulation,
  SimulationConfigError,
} from "../../src/index.js";

/** One change to a clock, `afterUs` after the previous one. */
type ClockOp =
  | { readonly afterUs: number; readonly op: "bump"; readonly deltaUs: number }
  | { readonly afterUs: number; readonly op: "drift"; readonly driftPpm: number }
  | { readonly afterUs: number; readonly op: "reset" };

const afterUs = fc.integer({ min: 0, max: 1_000_000 });
const clockOp: fc.Arbitrary<ClockOp> = fc.oneof(
  fc.record({
    afterUs,
    op: fc.constant("bump" as const),
    deltaUs: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  }),
  fc.record({
    afterUs,
    op: fc.constant("drift" as const),
    driftPpm: fc.integer({ min: -MAX_DRIFT_PPM, max: MAX_DRIFT_PPM }),
  }),
  fc.record({ afterUs, op: fc.constant("reset" as const) }),
);

const drift = fc.integer({ min: -200_000, max: 200_000 });

describe("NodeClock", () => {
  it("moves by the configured rate, jumps by bumps, and finds when a local time is reached", () => {
    fc.assert(
      fc.property(
        fc.array(clockOp, { maxLength: 20 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (ops, aheadUs) => {
          const clock = new NodeClock();
          let nowUs = 0;
          let driftPpm = 0;
          let monotonicBefore = 0;
          for (const op of ops) {
            const before = clock.localAt(nowUs);
            nowUs += op.afterUs;
            // Between changes the clock runs at 1 + drift, floored to whole microseconds.
            const expected = before + Math.floor(op.afterUs * (1 + driftPpm / 1e6));
            expect(Math.abs(clock.localAt(nowUs) - expected)).toBeLessThanOrEqual(1);
            // The monotonic clock never goes back, and no fault moves it at the moment of the fault.
            const monotonicUs = clock.monotonicAt(nowUs);
            expect(monotonicUs).toBeGreaterThanOrEqual(monotonicBefore);
            monotonicBefore = monotonicUs;
            if (op.op === "bump") {
              clock.bump(nowUs, op.deltaUs);
              expect(clock.localAt(nowUs)).toBe(expected + op.deltaUs);
            } else if (op.op === "drift") {
              clock.setDrift(nowUs, op.driftPpm);
              driftPpm = op.driftPpm;
              expect(clock.reading(nowUs).driftPpm).toBe(driftPpm);
            } else {
              clock.reset(nowUs);
              driftPpm = 0;
              expect(clock.reading(nowUs)).toEqual({ offsetUs: 0, driftPpm: 0 });
            }
            expect(clock.monotonicAt(nowUs)).toBe(monotonicUs);
          }
          const target = clock.localAt(nowUs) + aheadUs;
          const when = clock.trueTimeWhenLocalReaches(target, nowUs);
          expect(when).toBeGreaterThanOrEqual(nowUs);
          expect(clock.localAt(when)).toBeGreaterThanOrEqual(target);
          if (when > nowUs) expect(clock.localAt(when - 1)).toBeLessThan(target);
          // A local time already passed is reached at once.
          expect(clock.trueTimeWhenLocalReaches(target - aheadUs - 1, nowUs)).toBe(nowUs);
        },
      ),
    );
  });

  it("refuses drift beyond the bound and fractional bumps", () => {
    const clock = new NodeClock();
    expect(() => clock.setDrift(0, MAX_DRIFT_PPM + 1)).toThrow(/within ±500000 ppm/);
    expect(() => clock.bump(0, 0.5)).toThrow(/whole microseconds/);
  });
});

describe("node clocks in a simulation", () => {
  it("start with the configured offset and drift", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        drift,
        async (offsetUs, driftPpm) => {
          const seen: { trueUs: number; localUs: number; localMs: number }[] = [];
          const sim = new Simulation({
            seed: 1,
            nodes: 2,
            system: ({ id, ctx }) => {
              if (id === "n2") {
                for (const atMs of [0, 7, 250, 1_000]) {
                  sim.at(atMs * 1_000, () =>
                    seen.push({ trueUs: sim.nowUs, localUs: ctx.nowUs(), localMs: ctx.now() }),
                  );
                }
              }
              return {};
            },
            clocks: { n2: { offsetUs, driftPpm } },
          });
          await sim.run();
          expect(seen).toHaveLength(4);
          for (const { trueUs, localUs, localMs } of seen) {
            expect(localUs).toBe(offsetUs + Math.floor(trueUs * (1 + driftPpm / 1e6)));
            expect(localMs).toBe(localUs / 1_000);
          }
          expect(sim.clock("n2").driftPpm).toBe(driftPpm);
          expect(sim.clock("n1")).toEqual({ offsetUs: 0, driftPpm: 0 });
          expect(sim.config.clocks.n2).toEqual({ offsetUs, driftPpm });
        },
      ),
      { numRuns: 50 },
    );
  });

  it("fire timers by the node's monotonic clock, which only drift bends", async () => {
    await fc.assert(
      fc.asyncProperty(
        drift,
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: -2_000_000, max: 2_000_000 }),
        async (driftPpm, delayMs, offsetUs) => {
          const fired: { trueUs: number; monotonicUs: number }[] = [];
          let setAtUs = 0;
          const sim = new Simulation({
            seed: 2,
            nodes: 1,
            system: ({ ctx }) => {
              setAtUs = ctx.monotonicNowUs();
              ctx.setTimer(delayMs, () =>
                fired.push({ trueUs: sim.nowUs, monotonicUs: ctx.monotonicNowUs() }),
              );
              return {};
            },
            clocks: { n1: { offsetUs, driftPpm } },
          });
          await sim.run();
          const deadline = setAtUs + delayMs * 1_000;
          expect(fired).toHaveLength(1);
          const [{ trueUs, monotonicUs }] = fired as [{ trueUs: number; monotonicUs: number }];
          // The wall clock's offset does not matter; the monotonic clock starts at 0.
          expect(monotonicUs).toBe(Math.floor(trueUs * (1 + driftPpm / 1e6)));
          expect(monotonicUs).toBeGreaterThanOrEqual(deadline);
          if (trueUs > 0) {
            // One microsecond earlier the monotonic clock had not reached the deadline.
            expect(Math.floor((trueUs - 1) * (1 + driftPpm / 1e6))).toBeLessThan(deadline);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  /** When a 100 ms timer set at 0 fires, in true microseconds, given clock faults at 10 ms. */
  async function timerFireTime(fault: (sim: Simulation) => void, driftPpm = 0): Promise<number> {
    let firedAt = -1;
    const sim = new Simulation({
      seed: 3,
      nodes: 1,
      system: ({ ctx }) => {
        ctx.setTimer(100, () => {
          firedAt = sim.nowUs;
        });
        return {};
      },
      clocks: { n1: { driftPpm } },
    });
    sim.at(10_000, () => fault(sim));
    await sim.run();
    return firedAt;
  }

  it("leave a pending timer alone when the wall clock jumps back or ahead", async () => {
    expect(await timerFireTime(() => {})).toBe(100_000);
    // A jump back of 10 s does not delay the timer, nor does a jump ahead fire it at once.
    expect(await timerFireTime((sim) => sim.bumpClock("n1", -10_000_000))).toBe(100_000);
    expect(await timerFireTime((sim) => sim.bumpClock("n1", 10_000_000))).toBe(100_000);
    expect(await timerFireTime((sim) => sim.bumpClock("n1", 30_000))).toBe(100_000);
    const strobe = { deltaUs: 5_000_000, periodUs: 1_000, durationUs: 200_000 };
    expect(await timerFireTime((sim) => sim.strobeClock("n1", strobe))).toBe(100_000);
    expect(await timerFireTime((sim) => sim.resetClock("n1"))).toBe(100_000);
  });

  it("let a backward jump of 10 s delay a 100 ms timer no more than drift allows", async () => {
    for (const driftPpm of [-200_000, -50_000, 0, 50_000, 200_000]) {
      const bumped = await timerFireTime((sim) => sim.bumpClock("n1", -10_000_000), driftPpm);
      const rate = 1 + driftPpm / 1e6;
      // 100 ms of a clock running at `rate` take 100 ms / rate of true time (rounded up).
      expect(Math.abs(bumped - 100_000 / rate)).toBeLessThanOrEqual(1);
      expect(bumped).toBe(await timerFireTime(() => {}, driftPpm));
    }
  });

  it("move a pending timer when the drift changes, since its clock runs at a new rate", async () => {
    // 10 ms at rate 1, then the remaining 90 ms at rate 1.5: 60 ms of true time.
    expect(await timerFireTime((sim) => sim.setClockDrift("n1", 500_000))).toBe(70_000);
    expect(await timerFireTime((sim) => sim.setClockDrift("n1", -500_000))).toBe(190_000);
  });

  it("keep the monotonic clock going forwards through jumps, pauses and restarts", async () => {
    const readings: { wallUs: number; monotonicUs: number }[] = [];
    const sim = new Simulation({
      seed: 6,
      nodes: 1,
      system: ({ ctx }) => {
        const sample = () => {
          readings.push({ wallUs: ctx.nowUs(), monotonicUs: ctx.monotonicNowUs() });
          expect(ctx.monotonicNow()).toBe(ctx.monotonicNowUs() / 1000);
          ctx.setTimer(1, sample);
        };
        sample();
        return {};
      },
      clocks: { n1: { offsetUs: 5_000_000 } },
      maxTimeUs: 400_000,
    });
    sim.at(50_000, () => sim.bumpClock("n1", -3_000_000));
    sim.at(100_000, () =>
      sim.strobeClock("n1", { deltaUs: 700_000, periodUs: 3_000, durationUs: 50_000 }),
    );
    sim.at(200_000, () => sim.pause("n1"));
    sim.at(250_000, () => sim.resume("n1"));
    sim.at(300_000, () => sim.crash("n1"));
    sim.at(320_000, () => sim.restart("n1"));
    await sim.run();
    const wallSteps = readings.slice(1).map((r, i) => r.wallUs - readings[i]!.wallUs);
    expect(Math.min(...wallSteps)).toBeLessThan(0); // the wall clock went back
    for (let i = 1; i < readings.length; i++) {
      expect(readings[i]!.monotonicUs).toBeGreaterThan(readings[i - 1]!.monotonicUs);
    }
    // Started at 0, not at the wall clock's offset; ran through the crash at true rate.
    expect(readings[0]?.monotonicUs).toBe(0);
    const last = readings[readings.length - 1]!;
    expect(last.monotonicUs).toBeGreaterThan(390_000);
    expect(last.monotonicUs).toBeLessThanOrEqual(400_000);
  });

  it("give the same trace for the same seed with clock faults and timers", async () => {
    const system = ({ ctx }: { ctx: import("../../src/index.js").NodeContext }) => {
      const tick = () => {
        ctx.log(`wall ${ctx.nowUs()} monotonic ${ctx.monotonicNowUs()}`);
        ctx.setTimer(ctx.rng.between(1, 30), tick);
      };
      tick();
      return {};
    };
    const drive = async (sim: Simulation) => {
      const random = sim.random("clock-faults");
      for (let at = 10_000; at < 900_000; at += random.between(5_000, 40_000)) {
        const node = random.pick(sim.nodeIds);
        const choice = random.between(0, 3);
        sim.at(at, () => {
          if (choice === 0) sim.bumpClock(node, random.between(-2_000_000, 2_000_000));
          else if (choice === 1) sim.setClockDrift(node, random.between(-100_000, 100_000));
          else if (choice === 2)
            sim.strobeClock(node, { deltaUs: 50_000, periodUs: 7_000, durationUs: 60_000 });
          else sim.resetClock(node);
        });
      }
      return sim.run({ untilUs: 1_000_000 });
    };
    for (const seed of [1, 2, 3]) {
      const check = await checkDeterminism({ seed, nodes: 3, system }, drive);
      expect(check.deterministic).toBe(true);
    }
  });

  it("strobe back and forth for the configured duration, then stop where they started", async () => {
    const sim = new Simulation({ seed: 4, nodes: 1, system: () => ({}) });
    sim.at(1_000, () =>
      sim.strobeClock("n1", { deltaUs: 5_000, periodUs: 2_000, durationUs: 9_000 }),
    );
    const offsets: number[] = [];
    // Sampled half-way between jumps: +5 ms from 1 ms, back at 3 ms, ..., and back for good
    // at 10 ms, when the 9 ms strobe ends.
    for (let t = 500; t <= 13_500; t += 1_000) {
      sim.at(t, () => offsets.push(sim.clock("n1").offsetUs));
    }
    await sim.run();
    expect(offsets).toEqual([0, 5_000, 5_000, 0, 0, 5_000, 5_000, 0, 0, 5_000, 0, 0, 0, 0]);
    const clockEvents = [...sim.trace.events()].filter((event) => event.kind === "clock");
    expect(clockEvents[0]?.text).toBe("strobe ±5000us every 2000us");
    expect(clockEvents.slice(1).map((event) => [event.timeUs, event.detail])).toEqual([
      [1_000, 5_000],
      [3_000, -5_000],
      [5_000, 5_000],
      [7_000, -5_000],
      [9_000, 5_000],
      [10_000, -5_000],
    ]);
  });

  it("go back to true time on reset, ending drift and any strobe", async () => {
    const sim = new Simulation({
      seed: 5,
      nodes: 1,
      system: () => ({}),
      clocks: { n1: { offsetUs: 70_000, driftPpm: 50_000 } },
    });
    sim.at(1_000, () =>
      sim.strobeClock("n1", { deltaUs: 1_000, periodUs: 500, durationUs: 10_000 }),
    );
    sim.at(1_200, () => sim.resetClock("n1"));
    const after: unknown[] = [];
    sim.at(5_000, () => after.push(sim.clock("n1")));
    await sim.run();
    expect(after).toEqual([{ offsetUs: 0, driftPpm: 0 }]);
    const reset = [...sim.trace.events()].filter((event) => event.text === "reset");
    expect(reset).toHaveLength(1);
  });

  it("reject clock settings that are out of range, naming the field", () => {
    const build = (clocks: unknown) =>
      new Simulation({ seed: 1, nodes: 2, system: () => ({}), clocks: clocks as never });
    expect(() => build({ n3: {} })).toThrow(SimulationConfigError);
    expect(() => build({ n3: {} })).toThrow(/^clocks\.n3: expected a node name/);
    expect(() => build({ n1: { driftPpm: 600_000 } })).toThrow(/clocks\.n1\.driftPpm/);
    expect(() => build({ n2: { offsetUs: 1.5 } })).toThrow(
      /clocks\.n2\.offsetUs: expected an integer/,
    );
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({}) });
    expect(() => sim.setClockDrift("n1", -MAX_DRIFT_PPM - 1)).toThrow(/clock drift/);
    expect(() => sim.bumpClock("n2", 1)).toThrow(/unknown node "n2"/);
  });
});
