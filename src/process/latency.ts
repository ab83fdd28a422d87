/**
 * Message latency as Maelstrom draws it: `--latency` is the mean in milliseconds and
 * `--latency-dist` its shape: `constant` (always the mean), `uniform` (an integer from 0 to
 * twice the mean) or `exponential` (with that mean). Draws come from a seeded stream, so a
 * seed fixes the sequence of latencies the network hands out.
 */
import type { RandomStream } from "../sim/random.js";

/** The shapes `--latency-dist` accepts, as Maelstrom names them. */
export const LATENCY_DISTRIBUTIONS = ["constant", "uniform", "exponential"] as const;

/** One of `LATENCY_DISTRIBUTIONS`. */
export type LatencyDistribution = (typeof LATENCY_DISTRIBUTIONS)[number];

/** A latency setting: the mean and the shape. */
export interface LatencySetting {
  /** Mean latency in milliseconds (non-negative). */
  readonly meanMs: number;
  readonly distribution: LatencyDistribution;
}

/** Draws one latency in milliseconds. */
export function drawLatencyMs(setting: LatencySetting, random: RandomStream): number {
  const { meanMs, distribution } = setting;
  if (meanMs === 0) return 0;
  switch (distribution) {
    case "constant":
      return meanMs;
    case "uniform":
      return random.between(0, Math.round(2 * meanMs));
    case "exponential":
      return -meanMs * Math.log(1 - random.next());
  }
}
