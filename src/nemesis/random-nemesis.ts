/**
 * The random nemesis: turns a seed and a description of which faults to use (and how
 * often, how long, how hard) into a concrete fault schedule, before the run starts. In
 * swarm mode the seed also draws which fault kinds are on and how intense they are, so a
 * sweep explores different mixes of faults rather than the same blend on every seed.
 */
import { AssertionError } from "../sim/assert.js";
import type { DiskFaults } from "../sim/disk.js";
import type { PartitionShapeName } from "../sim/partition-shapes.js";
import type { RandomStream } from "../sim/random.js";
import {
  FAULT_KINDS,
  type Fault,
  type FaultEpisode,
  type FaultKind,
  type FaultTarget,
} from "./fault.js";

/** An inclusive range of integers (microseconds, ppm, ...). */
export interface IntRange {
  readonly minUs: number;
  readonly maxUs: number;
}

/** An inclusive range of rates in [0, 1]. */
export interface RateRange {
  readonly min: number;
  readonly max: number;
}

/** How the random nemesis draws faults. */
export interface RandomNemesisOptions {
  /** Relative weight of each fault kind; kinds absent or 0 are off. */
  readonly weights: Partial<Record<FaultKind, number>>;
  /** Time between the starts of two faults. */
  readonly intervalUs: IntRange;
  /** How long each fault lasts. */
  readonly durationUs: IntRange;
  /** Draw the enabled kinds and the intensity from the seed too. */
  readonly swarm: boolean;
  /** Chance that a fault aimed at one node aims at the current leader. */
  readonly leaderBias: number;
  /** Chance that a fault aimed at one node, and not at the leader, aims at a lock holder. */
  readonly holderBias: number;
  /** Partition shapes to draw from. */
  readonly shapes: readonly (PartitionShapeName | "isolate-leader")[];
  /** Size of clock jumps (bump, strobe), either direction. */
  readonly clockDeltaUs: IntRange;
  /** Period of clock strobes. */
  readonly strobePeriodUs: IntRange;
  /** Largest drift, in parts per million, either direction. */
  readonly driftPpmMax: number;
  /** Loss rate during a loss storm. */
  readonly lossRate: RateRange;
  /** Duplication rate during a duplication storm. */
  readonly duplicateRate: RateRange;
  /** Extra latency during a delay storm. */
  readonly delayUs: IntRange;
  /** Disk fault rates during a disk fault episode. */
  readonly disk: DiskFaults;
}

/** Defaults: a fault every 1–4 s lasting 0.5–4 s, every kind at equal weight. */
export const DEFAULT_RANDOM_NEMESIS: RandomNemesisOptions = {
  weights: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 1])),
  intervalUs: { minUs: 1_000_000, maxUs: 4_000_000 },
  durationUs: { minUs: 500_000, maxUs: 4_000_000 },
  swarm: false,
  leaderBias: 0.5,
  holderBias: 0,
  shapes: ["isolate", "isolate-leader", "halves", "majorities-ring", "bridge"],
  clockDeltaUs: { minUs: 10_000, maxUs: 2_000_000 },
  strobePeriodUs: { minUs: 10_000, maxUs: 200_000 },
  driftPpmMax: 100_000,
  lossRate: { min: 0.05, max: 0.5 },
  duplicateRate: { min: 0.05, max: 0.3 },
  delayUs: { minUs: 10_000, maxUs: 500_000 },
  disk: { partialFlushRate: 0.5, tornWriteRate: 0.5, readErrorRate: 0.001 },
};

/** What swarm mode drew for one seed: the kinds on and the intensity (0.2–1). */
export interface SwarmDraw {
  readonly kinds: readonly FaultKind[];
  readonly intensity: number;
}

function drawInt(random: RandomStream, range: IntRange): number {
  return random.between(range.minUs, range.maxUs);
}

function drawRate(random: RandomStream, range: RateRange, scale: number): number {
  const rate = (range.min + random.next() * (range.max - range.min)) * scale;
  return Math.round(rate * 1000) / 1000;
}

/** The kinds switched on by the weights, and (in swarm mode) by the seed. */
export function drawSwarm(random: RandomStream, options: RandomNemesisOptions): SwarmDraw {
  const enabled = FAULT_KINDS.filter((kind) => (options.weights[kind] ?? 0) > 0);
  if (!options.swarm || enabled.length === 0) return { kinds: enabled, intensity: 1 };
  const kinds = enabled.filter(() => random.chance(0.5));
  if (kinds.length === 0) kinds.push(random.pick(enabled));
  const intensity = Math.round((0.2 + random.next() * 0.8) * 100) / 100;
  return { kinds, intensity };
}

function pickKind(
  random: RandomStream,
  kinds: readonly FaultKind[],
  options: RandomNemesisOptions,
) {
  const total = kinds.reduce((sum, kind) => sum + (options.weights[kind] ?? 0), 0);
  let ticket = random.next() * total;
  for (const kind of kinds) {
    ticket -= options.weights[kind] ?? 0;
    if (ticket < 0) return kind;
  }
  return kinds[kinds.length - 1]!;
}

function drawTarget(
  random: RandomStream,
  nodes: readonly string[],
  options: RandomNemesisOptions,
): FaultTarget {
  if (random.chance(options.leaderBias)) return "leader";
  // A bias of 0 draws nothing, so scenarios without it keep their runs.
  if (random.chance(options.holderBias)) return "lock-holder";
  return random.pick(nodes);
}

function drawFault(
  kind: FaultKind,
  random: RandomStream,
  nodes: readonly string[],
  options: RandomNemesisOptions,
  intensity: number,
): Fault {
  const signed = (magnitude: number) => (random.chance(0.5) ? magnitude : -magnitude);
  switch (kind) {
    case "partition": {
      const shape = random.pick(options.shapes);
      if (shape === "isolate") return { kind, shape, target: random.pick(nodes) };
      return { kind, shape };
    }
    case "crash":
    case "pause":
      return { kind, target: drawTarget(random, nodes, options) };
    case "clock-bump":
      return {
        kind,
        target: drawTarget(random, nodes, options),
        deltaUs: signed(drawInt(random, options.clockDeltaUs)),
      };
    case "clock-strobe":
      return {
        kind,
        target: drawTarget(random, nodes, options),
        deltaUs: drawInt(random, options.clockDeltaUs),
        periodUs: drawInt(random, options.strobePeriodUs),
      };
    case "clock-drift":
      return {
        kind,
        target: drawTarget(random, nodes, options),
        driftPpm: signed(
          random.between(1, Math.max(1, Math.round(options.driftPpmMax * intensity))),
        ),
      };
    case "loss":
      return { kind, rate: drawRate(random, options.lossRate, intensity) };
    case "duplicate":
      return { kind, rate: drawRate(random, options.duplicateRate, intensity) };
    case "delay": {
      const maxUs = Math.max(1, Math.round(drawInt(random, options.delayUs) * intensity));
      return { kind, minUs: 0, maxUs };
    }
    case "disk":
      return {
        kind,
        target: random.pick(nodes),
        faults: {
          partialFlushRate: options.disk.partialFlushRate,
          tornWriteRate: options.disk.tornWriteRate,
          readErrorRate: options.disk.readErrorRate * intensity,
        },
      };
  }
}

/**
 * Draws a fault schedule for a main phase from `startUs` to `endUs`. Faults start at
 * random gaps and may overlap one another, as in real outages.
 */
export function randomSchedule(
  random: RandomStream,
  nodes: readonly string[],
  options: RandomNemesisOptions,
  startUs: number,
  endUs: number,
): { readonly episodes: FaultEpisode[]; readonly swarm: SwarmDraw } {
  if (nodes.length === 0) throw new AssertionError("random nemesis needs at least one node");
  const swarm = drawSwarm(random, options);
  const episodes: FaultEpisode[] = [];
  if (swarm.kinds.length === 0) return { episodes, swarm };
  const gapScale = 1 / swarm.intensity;
  let atUs = startUs + Math.round(drawInt(random, options.intervalUs) * gapScale);
  while (atUs < endUs) {
    const kind = pickKind(random, swarm.kinds, options);
    const fault = drawFault(kind, random, nodes, options, swarm.intensity);
    const durationUs = drawInt(random, options.durationUs);
    episodes.push({ atUs, durationUs, fault });
    atUs += Math.max(1, Math.round(drawInt(random, options.intervalUs) * gapScale));
  }
  return { episodes, swarm };
}
