/**
 * Durations as scenario files write them: a number with a unit (`250us`, `500ms`, `1.5s`,
 * `2m`), and ranges of durations (`1ms..10ms`). Everything becomes integer microseconds.
 */

const UNIT_US: Readonly<Record<string, number>> = { us: 1, ms: 1_000, s: 1_000_000, m: 60_000_000 };

/** The longest duration a scenario may write (a day), so every duration is an exact integer. */
export const MAX_DURATION_US = 24 * 60 * 60 * 1_000_000;
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|m)\s*$/;

/** Parses `500ms`-style text into microseconds, or returns an error message. */
export function parseDuration(text: string): number | { readonly error: string } {
  const match = DURATION.exec(text);
  if (match === null) {
    return {
      error: `expected a duration with a unit (us, ms, s, m) such as "500ms", found "${text}"`,
    };
  }
  const us = Math.round(Number(match[1]) * UNIT_US[match[2]!]!);
  if (us > MAX_DURATION_US)
    return {
      error: `expected a duration of at most a day (1440m): no part of a simulated run is that long, found "${text}"`,
    };
  return us;
}

/** Parses a duration that may be negative (`-200ms`), into microseconds, or an error. */
export function parseSignedDuration(text: string): number | { readonly error: string } {
  const trimmed = text.trim();
  const negative = trimmed.startsWith("-");
  const parsed = parseDuration(negative ? trimmed.slice(1) : trimmed);
  if (typeof parsed !== "number")
    return { error: parsed.error.replace("found", 'optionally signed ("-200ms"), found') };
  return negative ? -parsed : parsed;
}

/** A range of durations in microseconds, both ends inclusive. */
export interface DurationRange {
  readonly minUs: number;
  readonly maxUs: number;
}

/** Parses `1ms..10ms` (or a single duration, meaning a fixed value) into a range. */
export function parseDurationRange(text: string): DurationRange | { readonly error: string } {
  const parts = text.split("..");
  if (parts.length > 2)
    return { error: `expected a duration range such as "1ms..10ms", found "${text}"` };
  const min = parseDuration(parts[0]!);
  if (typeof min !== "number") return min;
  const max = parts.length === 2 ? parseDuration(parts[1]!) : min;
  if (typeof max !== "number") return max;
  if (max < min) return { error: `range "${text}" ends before it starts` };
  return { minUs: min, maxUs: max };
}

/** Formats microseconds back into the shortest exact scenario-file text (`1500ms`, `2s`). */
export function formatDuration(us: number): string {
  if (us % 60_000_000 === 0 && us !== 0) return `${us / 60_000_000}m`;
  if (us % 1_000_000 === 0 && us !== 0) return `${us / 1_000_000}s`;
  if (us % 1_000 === 0) return `${us / 1_000}ms`;
  return `${us}us`;
}
