import { describe, expect, it } from "vitest";
import { defineScenario } from "../../src/scenario/load-scenario.js";
import type { RunResult } from "../../src/scenario/run-result.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { faultWithin, withNodes } from "../../src/shrink/cluster-moves.js";
import {
  alignedShifts,
  alignFaults,
  chunkRemovals,
  dropFaults,
  firstServedUs,
  mergeFaults,
  scheduleShifts,
  shiftFaults,
} from "../../src/shrink/fault-moves.js";
import { withMainUs } from "../../src/shrink/run-moves.js";
import { countSteps, integerSteps, timeSteps } from "../../src/shrink/shrink-move.js";
import { isSmaller, shrinkSize } from "../../src/shrink/shrink-size.js";
import { ROOT } from "../scenario/helpers.js";

async function scenarioWith(schedule: readonly Record<string, unknown>[]): Promise<Scenario> {
  return defineScenario(
    {
      name: "moves",
      nodes: 3,
      duration: "10s",
      system: { module: "examples/register-server.mjs" },
      nemesis: { schedule },
    },
    { baseDir: ROOT },
  );
}

const NO_RUN = { ops: { invoked: 0 }, history: [] } as unknown as RunResult;

describe("numeric steps", () => {
  it("follow fast-check's integer shrinker: the target first, then ever closer", () => {
    expect(integerSteps(100, 0)).toEqual([0, 50, 75, 88, 94, 97, 99]);
    expect(integerSteps(5, 1)).toEqual([1, 3, 4]);
    expect(integerSteps(1, 1)).toEqual([]);
  });

  it("try every value of a small count, and fast-check's steps for a large one", () => {
    expect(countSteps(5, 1)).toEqual([1, 2, 3, 4]);
    expect(countSteps(1, 1)).toEqual([]);
    expect(countSteps(100, 0)).toEqual(integerSteps(100, 0));
  });

  it("step times in whole milliseconds, always below the current time", () => {
    expect(timeSteps(10_500, 1_000)).toEqual([1_000, 6_000, 9_000, 10_000]);
    expect(timeSteps(1_000, 1_000)).toEqual([]);
  });
});

describe("fault moves", () => {
  it("remove chunks from the whole list down to single items, latest first", () => {
    const removals = [...chunkRemovals(4)].map(({ start, size }) => `${start}+${size}`);
    expect(removals).toEqual(["0+4", "2+2", "0+2", "3+1", "2+1", "1+1", "0+1"]);
    expect([...chunkRemovals(0)]).toEqual([]);
  });

  it("drop all faults first, then halves", async () => {
    const scenario = await scenarioWith([
      { at: "1s", fault: "crash", target: "n1" },
      { at: "2s", fault: "crash", target: "n2" },
    ]);
    const candidates = [...dropFaults.candidates({ scenario, seed: 1, result: NO_RUN })];
    expect(candidates.map((candidate) => candidate.schedule.length)).toEqual([0, 1, 1]);
    expect(candidates[1]!.schedule[0]!.atUs).toBe(1_000_000);
  });

  it("merge two episodes of the same fault into one spanning both", async () => {
    const scenario = await scenarioWith([
      { at: "1s", duration: "1s", fault: "pause", target: "n1" },
      { at: "1500ms", fault: "crash", target: "n2" },
      { at: "3s", duration: "2s", fault: "pause", target: "n1" },
    ]);
    const [merged] = [...mergeFaults.candidates({ scenario, seed: 1, result: NO_RUN })];
    expect(merged!.schedule).toEqual([
      { atUs: 1_000_000, durationUs: 4_000_000, fault: { kind: "pause", target: "n1" } },
      { atUs: 1_500_000, fault: { kind: "crash", target: "n2" } },
    ]);
  });

  it("close the gap before a fault, the largest shift first, moving the rest and the end with it", async () => {
    const scenario = await scenarioWith([
      { at: "4s", fault: "crash", target: "n1" },
      { at: "6s", fault: "crash", target: "n2" },
    ]);
    const candidates = [...shiftFaults.candidates({ scenario, seed: 1, result: NO_RUN })];
    const starts = (candidate: Scenario) => candidate.schedule.map((episode) => episode.atUs);
    expect(starts(candidates[0]!)).toEqual([0, 2_000_000]);
    expect(candidates[0]!.mainUs).toBe(6_000_000);
    const second = candidates.find((candidate) => candidate.schedule[0]!.atUs === 4_000_000)!;
    expect(starts(second)).toEqual([4_000_000, 4_000_000]);
    expect(second.mainUs).toBe(8_000_000);
  });

  it("order shifts largest first, latest episode first among equals, none below a sixteenth of the run", async () => {
    const scenario = await scenarioWith([
      { at: "4s", fault: "crash", target: "n1" },
      { at: "6s", fault: "crash", target: "n2" },
    ]);
    // The main phase is 10 s: shifts under 625 ms are not proposed.
    expect(scheduleShifts(scenario, undefined)).toEqual([
      { index: 0, shiftUs: 4_000_000 },
      { index: 1, shiftUs: 2_000_000 },
      { index: 0, shiftUs: 2_000_000 },
      { index: 1, shiftUs: 1_000_000 },
      { index: 0, shiftUs: 1_000_000 },
    ]);
    // The first operation served at 1.2345 s: the first fault may move to 1.235 s.
    expect(scheduleShifts(scenario, 1_234_500).slice(0, 3)).toEqual([
      { index: 0, shiftUs: 4_000_000 },
      { index: 0, shiftUs: 2_765_000 },
      { index: 1, shiftUs: 2_000_000 },
    ]);
  });

  it("shift the first fault to when the system first served an operation", async () => {
    const scenario = await scenarioWith([{ at: "4s", fault: "crash", target: "n1" }]);
    const served = {
      ...NO_RUN,
      history: [
        { type: "invoke", time: 300_000 },
        { type: "ok", time: 1_234_500 },
      ],
    } as unknown as RunResult;
    expect(firstServedUs(served)).toBe(1_234_500);
    const candidates = [...shiftFaults.candidates({ scenario, seed: 1, result: served })];
    expect(candidates.map((candidate) => candidate.schedule[0]!.atUs)).toContain(1_235_000);
  });

  it("align a fault with an earlier client event like one just before it", async () => {
    const scenario = await scenarioWith([{ at: "4s", fault: "crash", target: "n1" }]);
    const event = (process: number, type: string, f: string, time: number) => ({
      process,
      type,
      f,
      time,
    });
    const result = {
      ...NO_RUN,
      history: [
        event(1, "invoke", "acquire", 800_000), // another process: no match
        event(0, "invoke", "acquire", 1_000_000),
        event(0, "ok", "acquire", 1_020_000),
        event(0, "ok", "acquire", 2_800_000), // too close: a shift under 625 ms
        event(0, "invoke", "acquire", 3_000_000),
        event(0, "ok", "acquire", 3_020_000),
        event(0, "invoke", "release", 4_100_000), // after the fault
      ],
    } as unknown as RunResult;
    expect(alignedShifts(scenario, result)).toEqual([{ index: 0, shiftUs: 2_000_000 }]);
    const [aligned] = [...alignFaults.candidates({ scenario, seed: 1, result })];
    expect(aligned!.schedule[0]!.atUs).toBe(2_000_000);
    expect(aligned!.mainUs).toBe(8_000_000);
    expect(alignFaults.perturbs).toBeUndefined();
  });
});

describe("run and cluster moves", () => {
  it("ending the main phase earlier drops later faults and opens those it cuts", async () => {
    const scenario = await scenarioWith([
      { at: "1s", duration: "5s", fault: "crash", target: "n1" },
      { at: "2s", duration: "1s", fault: "pause", target: "n2" },
      { at: "5s", fault: "loss", rate: 0.5 },
    ]);
    expect(withMainUs(scenario, 4_000_000).schedule).toEqual([
      { atUs: 1_000_000, fault: { kind: "crash", target: "n1" } },
      { atUs: 2_000_000, durationUs: 1_000_000, fault: { kind: "pause", target: "n2" } },
    ]);
  });

  it("fewer nodes drops faults aimed at removed nodes and trims partitions", async () => {
    const kept = ["n1", "n2"];
    expect(faultWithin({ kind: "crash", target: "n3" }, kept)).toBeUndefined();
    expect(faultWithin({ kind: "crash", target: "leader" }, kept)).toEqual({
      kind: "crash",
      target: "leader",
    });
    expect(faultWithin({ kind: "partition", groups: [["n1"], ["n2", "n3"]] }, kept)).toEqual({
      kind: "partition",
      groups: [["n1"], ["n2"]],
    });
    expect(
      faultWithin({ kind: "partition", groups: [["n3"], ["n1", "n2"]] }, kept),
    ).toBeUndefined();
    expect(
      faultWithin(
        {
          kind: "partition",
          links: [
            ["n1", "n3"],
            ["n2", "n1"],
          ],
        },
        kept,
      ),
    ).toEqual({ kind: "partition", links: [["n2", "n1"]] });
    expect(
      faultWithin({ kind: "partition", oneWay: { from: ["n3"], to: ["n1"] } }, kept),
    ).toBeUndefined();
    expect(faultWithin({ kind: "loss", rate: 0.1 }, kept)).toEqual({ kind: "loss", rate: 0.1 });
    const scenario = await scenarioWith([
      { at: "1s", fault: "crash", target: "n3" },
      { at: "2s", fault: "crash", target: "n2" },
    ]);
    const smaller = withNodes(scenario, 2);
    expect(smaller.nodes).toBe(2);
    expect(smaller.schedule).toHaveLength(1);
  });
});

describe("sizes", () => {
  it("compare faults first, then operations, then the rest", async () => {
    const scenario = await scenarioWith([{ at: "1s", fault: "crash", target: "n1" }]);
    const run = (invoked: number) => ({ ...NO_RUN, ops: { invoked } }) as RunResult;
    const one = shrinkSize(scenario, run(500));
    const none = shrinkSize({ ...scenario, schedule: [] }, run(900));
    const fewerOps = shrinkSize(scenario, run(40));
    expect(isSmaller(none, one)).toBe(true);
    expect(isSmaller(fewerOps, one)).toBe(true);
    expect(isSmaller(one, one)).toBe(false);
    expect(one.faultUs).toBe(9_000_000);
  });

  it("can leave the times out: ending sooner is then no smaller, fewer keys still is", async () => {
    const scenario = await scenarioWith([{ at: "1s", fault: "crash", target: "n1" }]);
    const size = shrinkSize(scenario, { ...NO_RUN, ops: { invoked: 40 } } as RunResult);
    const sooner = { ...size, mainUs: size.mainUs - 1_000, faultStartUs: 0 };
    expect(isSmaller(sooner, size)).toBe(true);
    expect(isSmaller(sooner, size, "counts")).toBe(false);
    // Fewer keys but a longer fault: the fault time decides before the keys, unless only
    // counts are compared.
    const fewerKeys = { ...size, keys: size.keys - 1, faultUs: size.faultUs + 1_000 };
    expect(isSmaller(fewerKeys, size)).toBe(false);
    expect(isSmaller(fewerKeys, size, "counts")).toBe(true);
    const fewerOps = { ...size, operations: 39, mainUs: size.mainUs + 5_000 };
    expect(isSmaller(fewerOps, size, "counts")).toBe(true);
    expect(isSmaller(size, fewerOps, "counts")).toBe(false);
  });
});
