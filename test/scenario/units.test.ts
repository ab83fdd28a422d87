import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FAULT_KINDS } from "../../src/nemesis/fault.js";
import { DEFAULT_RANDOM_NEMESIS, randomSchedule } from "../../src/nemesis/random-nemesis.js";
import {
  formatDuration,
  parseDuration,
  parseDurationRange,
  parseSignedDuration,
} from "../../src/scenario/duration.js";
import { parseSeeds, parseShard, shardSeeds } from "../../src/scenario/seeds.js";
import { RandomStream } from "../../src/sim/random.js";

describe("durations", () => {
  it("parses units into microseconds", () => {
    expect([
      parseDuration("250us"),
      parseDuration("500ms"),
      parseDuration("1.5s"),
      parseDuration("2m"),
    ]).toEqual([250, 500_000, 1_500_000, 120_000_000]);
    expect(parseSignedDuration("-200ms")).toBe(-200_000);
    expect(parseDurationRange("1ms..10ms")).toEqual({ minUs: 1_000, maxUs: 10_000 });
    expect(parseDurationRange("5ms")).toEqual({ minUs: 5_000, maxUs: 5_000 });
  });

  it("says what it expected for text without a unit or a backwards range", () => {
    expect(parseDuration("500")).toEqual({ error: expect.stringContaining('found "500"') });
    expect(parseDurationRange("10ms..1ms")).toEqual({
      error: expect.stringContaining("ends before it starts"),
    });
  });

  it("formats durations back into text that parses to the same value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), (us) => {
        expect(parseDuration(formatDuration(us))).toBe(us);
      }),
    );
  });
});

describe("seed lists and shards", () => {
  it("parses ranges and lists", () => {
    expect(parseSeeds("1..3,7,9..10")).toEqual([1, 2, 3, 7, 9, 10]);
    expect(parseSeeds("3..1")).toEqual({ error: expect.stringContaining("ends before") });
    expect(parseSeeds("1..x")).toEqual({ error: expect.stringContaining('found "1..x"') });
    expect(parseShard("0/2")).toEqual({ error: expect.stringContaining("1 <= I <= N") });
  });

  it("splits any list into disjoint shards whose union is the list", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (seeds, count) => {
          const shards = Array.from({ length: count }, (_, index) =>
            shardSeeds(seeds, { index: index + 1, count }),
          );
          expect(shards.flat().sort((a, b) => a - b)).toEqual([...seeds].sort((a, b) => a - b));
          expect(shards.reduce((sum, shard) => sum + shard.length, 0)).toBe(seeds.length);
        },
      ),
    );
  });
});

describe("random nemesis", () => {
  const nodes = ["n1", "n2", "n3", "n4", "n5"];

  it("draws the same schedule from the same stream, a different one from another", () => {
    const draw = (seed: string) =>
      randomSchedule(new RandomStream(seed), nodes, DEFAULT_RANDOM_NEMESIS, 0, 60_000_000);
    expect(draw("a")).toEqual(draw("a"));
    expect(draw("a")).not.toEqual(draw("b"));
  });

  it("keeps faults inside the main phase, spaced by the interval, of enabled kinds only", () => {
    fc.assert(
      fc.property(fc.string(), fc.subarray([...FAULT_KINDS], { minLength: 1 }), (seed, kinds) => {
        const options = {
          ...DEFAULT_RANDOM_NEMESIS,
          weights: Object.fromEntries(kinds.map((kind) => [kind, 1])),
        };
        const { episodes } = randomSchedule(
          new RandomStream(seed),
          nodes,
          options,
          1_000_000,
          30_000_000,
        );
        for (const [index, episode] of episodes.entries()) {
          expect(episode.atUs).toBeGreaterThanOrEqual(1_000_000);
          expect(episode.atUs).toBeLessThan(30_000_000);
          expect(kinds).toContain(episode.fault.kind);
          const previous = episodes[index - 1];
          if (previous !== undefined)
            expect(episode.atUs - previous.atUs).toBeGreaterThanOrEqual(options.intervalUs.minUs);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("in swarm mode, draws a non-empty subset of the enabled kinds and an intensity", () => {
    const options = { ...DEFAULT_RANDOM_NEMESIS, swarm: true };
    const draws = Array.from(
      { length: 40 },
      (_, seed) =>
        randomSchedule(new RandomStream(String(seed)), nodes, options, 0, 10_000_000).swarm,
    );
    for (const swarm of draws) {
      expect(swarm.kinds.length).toBeGreaterThan(0);
      expect(swarm.intensity).toBeGreaterThanOrEqual(0.2);
      expect(swarm.intensity).toBeLessThanOrEqual(1);
    }
    expect(new Set(draws.map((swarm) => swarm.kinds.join())).size).toBeGreaterThan(10);
  });
});
