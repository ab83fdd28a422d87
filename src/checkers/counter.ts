/**
 * The counter checker, after Maelstrom's g-counter / pn-counter checker: every final read
 * (after healing) must be the sum of the adds known to have happened (ok) plus any subset
 * of the adds whose outcome is unknown (info, or never completed). Failed adds count for
 * nothing. The acceptable values are kept as a set of integer ranges; a read outside them
 * is named with the range and the adds that bound it.
 */
import { type ObservedEvent, pairEvents } from "./event-pairs.js";
import { type Anomaly, type HistoryVerdict, verdictOf } from "./verdict.js";

/** Options of the counter checker. */
export interface CounterOptions {
  /** Most ranges kept before the acceptable set is widened to its hull (then a read inside the hull is "unknown"). */
  readonly maxRanges?: number;
}

/** An inclusive range of acceptable counter values. */
export type ValueRange = readonly [lower: number, upper: number];

/** Adds `delta` to each range and merges the result with the ranges (both outcomes possible). */
function widen(ranges: readonly ValueRange[], delta: number): ValueRange[] {
  const all = [...ranges, ...ranges.map(([low, high]) => [low + delta, high + delta] as const)];
  all.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [low, high] of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

function describeRanges(ranges: readonly ValueRange[]): string {
  const shown = ranges
    .slice(0, 4)
    .map(([low, high]) => (low === high ? `${low}` : `${low}..${high}`));
  return `${shown.join(", ")}${ranges.length > 4 ? `, ... (${ranges.length} ranges)` : ""}`;
}

/**
 * Judges a counter history: `add` with the delta as value, `read` with the count as its ok
 * value; reads marked `final` are judged.
 *
 * @example
 * ```ts
 * const verdict = checkCounter(history);
 * // { valid: false, explanation: "final read on n3 returned 7, but ... allow only 9..12", ... }
 * ```
 */
export function checkCounter(
  history: readonly ObservedEvent[],
  options: CounterOptions = {},
): HistoryVerdict {
  const maxRanges = options.maxRanges ?? 4096;
  let definite = 0;
  let definiteCount = 0;
  const uncertain: number[] = [];
  const finals: { value: number; node: string | undefined }[] = [];
  const anomalies: Anomaly[] = [];
  for (const { invoke, completion } of pairEvents(history)) {
    if (invoke.f === "add" && typeof invoke.value === "number") {
      if (completion?.type === "ok") {
        definite += invoke.value;
        definiteCount++;
      } else if (completion?.type !== "fail") uncertain.push(invoke.value);
    } else if (invoke.f === "read" && invoke.final === true && completion?.type === "ok") {
      if (typeof completion.value !== "number" || !Number.isInteger(completion.value)) {
        anomalies.push({
          type: "malformed-read",
          explanation: `final read on ${invoke.node ?? "a node"} returned ${JSON.stringify(completion.value)}, not an integer`,
        });
      } else finals.push({ value: completion.value, node: invoke.node });
    }
  }
  let ranges: ValueRange[] = [[definite, definite]];
  let approximate = false;
  for (const delta of uncertain) {
    ranges = widen(ranges, delta);
    if (ranges.length > maxRanges) {
      ranges = [[ranges[0]![0], ranges[ranges.length - 1]![1]]];
      approximate = true;
    }
  }
  const bound =
    `${definiteCount} ok add(s) sum to ${definite}` +
    (uncertain.length === 0
      ? ""
      : `, and ${uncertain.length} add(s) of unknown outcome (${uncertain
          .slice(0, 8)
          .map((d) => (d >= 0 ? `+${d}` : `${d}`))
          .join(", ")}${uncertain.length > 8 ? ", ..." : ""}) may each have happened or not`);
  for (const read of finals) {
    if (ranges.some(([low, high]) => read.value >= low && read.value <= high)) continue;
    anomalies.push({
      type: "out-of-range",
      node: read.node,
      value: read.value,
      explanation: `the final read on ${read.node ?? "a node"} returned ${read.value}, but the adds allow only ${describeRanges(ranges)}: ${bound}`,
    });
  }
  const stats = {
    finalReads: finals.map((read) => read.value),
    acceptable: ranges.slice(0, 16),
    definiteSum: definite,
    uncertainAdds: uncertain.length,
  };
  if (finals.length === 0 && anomalies.length === 0)
    return {
      valid: "unknown",
      anomalies,
      explanation: "no final read completed, so the counter cannot be judged",
      stats,
    };
  if (anomalies.length === 0 && approximate)
    return {
      valid: "unknown",
      anomalies,
      explanation: `every final read is within ${describeRanges(ranges)}, but with ${uncertain.length} adds of unknown outcome only the hull of the possible sums was kept`,
      stats,
    };
  return verdictOf(
    anomalies,
    `all ${finals.length} final reads are within ${describeRanges(ranges)} (${bound})`,
    stats,
  );
}
