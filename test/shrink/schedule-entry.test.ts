import { describe, expect, it } from "vitest";
import type { FaultEpisode } from "../../src/nemesis/fault.js";
import { defineScenario } from "../../src/scenario/load-scenario.js";
import { scheduleEntry } from "../../src/shrink/schedule-entry.js";
import { ROOT } from "../scenario/helpers.js";

/** One episode of every fault kind and partition form, with awkward numbers. */
const EPISODES: readonly FaultEpisode[] = [
  {
    atUs: 1_500,
    durationUs: 2_000_001,
    fault: { kind: "partition", shape: "isolate", target: "n2" },
  },
  { atUs: 2_000, fault: { kind: "partition", shape: "halves" } },
  { atUs: 3_000, durationUs: 1_000, fault: { kind: "partition", groups: [["n1"], ["n2", "n3"]] } },
  { atUs: 4_000, fault: { kind: "partition", oneWay: { from: ["n1"], to: ["n2", "n3"] } } },
  {
    atUs: 5_000,
    fault: {
      kind: "partition",
      links: [
        ["n1", "n3"],
        ["n3", "n1"],
      ],
    },
  },
  { atUs: 6_000, durationUs: 7, fault: { kind: "crash", target: "n3" } },
  { atUs: 7_000, fault: { kind: "pause", target: "leader" } },
  { atUs: 8_000, fault: { kind: "clock-bump", target: "n1", deltaUs: -150_250 } },
  { atUs: 9_000, fault: { kind: "clock-strobe", target: "n2", deltaUs: 12_345, periodUs: 99 } },
  { atUs: 10_000, fault: { kind: "clock-drift", target: "random", driftPpm: -23_164 } },
  { atUs: 11_000, fault: { kind: "loss", rate: 0.138 } },
  { atUs: 12_000, fault: { kind: "duplicate", rate: 0.3 } },
  { atUs: 13_000, fault: { kind: "delay", minUs: 0, maxUs: 193_157 } },
  {
    atUs: 14_000,
    fault: {
      kind: "disk",
      target: "n1",
      faults: { partialFlushRate: 0.5, tornWriteRate: 0.25, readErrorRate: 0.0004 },
    },
  },
];

describe("schedule entries", () => {
  it("load back into the same episodes, for every fault kind", async () => {
    const scenario = await defineScenario(
      {
        name: "round-trip",
        nodes: 3,
        system: { module: "examples/register-server.mjs" },
        nemesis: { schedule: EPISODES.map(scheduleEntry) },
      },
      { baseDir: ROOT },
    );
    expect(scenario.schedule).toEqual(EPISODES);
  });

  it("write durations with the largest exact unit", () => {
    expect(scheduleEntry(EPISODES[0]!)).toEqual({
      at: "1500us",
      duration: "2000001us",
      fault: "partition",
      shape: "isolate",
      target: "n2",
    });
    expect(scheduleEntry(EPISODES[7]!)).toMatchObject({ at: "8ms", delta: "-150250us" });
  });
});
