/**
 * Moving through a run: to the next event that passes a filter, to the next fault, to the
 * event at a virtual time, to the next event whose text matches a search. Each is a small
 * scan over the trace columns with a bound (the trace's length).
 */
import type { ReplayRecording } from "../recording/replay-recording.js";
import { describeEvent } from "./describe-event.js";
import { FAULT_KIND_CODES } from "./kind-groups.js";

/**
 * The `count`-th event after (`direction` 1) or before (-1) `from` that `matches`, or the
 * last one found when fewer exist; `from` itself when none does.
 */
export function stepMatching(
  recording: ReplayRecording,
  from: number,
  direction: 1 | -1,
  count: number,
  matches: (index: number) => boolean,
): number {
  const length = recording.columns.length;
  let found = from;
  let remaining = count;
  for (
    let index = from + direction;
    index >= 0 && index < length && remaining > 0;
    index += direction
  ) {
    if (!matches(index)) continue;
    found = index;
    remaining--;
  }
  return found;
}

const stopsCache = new WeakMap<ReplayRecording, readonly number[]>();

/**
 * The fault stops of a run: each run of consecutive fault events (a nemesis note and the
 * crash or partition it caused) is one stop, at its last event, where the fault has happened.
 */
export function faultStops(recording: ReplayRecording): readonly number[] {
  const cached = stopsCache.get(recording);
  if (cached !== undefined) return cached;
  const { columns } = recording;
  const stops: number[] = [];
  for (let index = 0; index < columns.length; index++) {
    if (!FAULT_KIND_CODES.has(columns.kind(index))) continue;
    const next = index + 1;
    if (next >= columns.length || !FAULT_KIND_CODES.has(columns.kind(next))) stops.push(index);
  }
  stopsCache.set(recording, stops);
  return stops;
}

/** The first stop after `cursor` (direction 1) or the last one before it (-1). */
export function adjacentStop(
  stops: readonly number[],
  cursor: number,
  direction: 1 | -1,
): number | undefined {
  let low = 0;
  let high = stops.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (stops[middle]! <= cursor) low = middle + 1;
    else high = middle;
  }
  // stops[low - 1] <= cursor < stops[low]
  if (direction === 1) return stops[low];
  const before = stops[low - 1] === cursor ? low - 2 : low - 1;
  return before >= 0 ? stops[before] : undefined;
}

/** The last event at or before virtual time `timeUs` (the first event when none is). */
export function indexAtTime(recording: ReplayRecording, timeUs: number): number {
  const after = recording.columns.firstAtOrAfter(timeUs + 1);
  return Math.max(0, after - 1);
}

/** A search under way: what is looked for, from where, and how far it got. */
export interface SearchProgress {
  /** The text looked for (matched case-insensitively). */
  readonly query: string;
  /** The event the search started after. */
  readonly from: number;
  /** Events looked at so far (the search wraps around to the start). */
  readonly scanned: number;
}

/** What one slice of a search found. */
export type SearchStep =
  | { readonly kind: "found"; readonly index: number }
  | { readonly kind: "not-found" }
  | { readonly kind: "continue"; readonly progress: SearchProgress };

/**
 * Looks at up to `budget` more events for the next one after `progress.from` (wrapping
 * around) whose description contains the query and that `matches`. Searches run in slices
 * so that the viewer stays responsive while a long run is searched.
 */
export function searchSlice(
  recording: ReplayRecording,
  progress: SearchProgress,
  matches: (index: number) => boolean,
  budget: number,
): SearchStep {
  const needle = progress.query.toLowerCase();
  const length = recording.columns.length;
  const end = Math.min(length, progress.scanned + budget);
  for (let step = progress.scanned + 1; step <= end; step++) {
    const index = (progress.from + step) % length;
    if (matches(index) && searchableText(recording, index).includes(needle))
      return { kind: "found", index };
  }
  if (end >= length) return { kind: "not-found" };
  return { kind: "continue", progress: { ...progress, scanned: end } };
}

/** The next matching event after `from` (wrapping around), searched in one go. */
export function searchEvents(
  recording: ReplayRecording,
  from: number,
  query: string,
  matches: (index: number) => boolean,
): number | undefined {
  const step = searchSlice(
    recording,
    { query, from, scanned: 0 },
    matches,
    recording.columns.length,
  );
  return step.kind === "found" ? step.index : undefined;
}

/** The text a search looks in: kind, route and what the event carried, lower-cased. */
export function searchableText(recording: ReplayRecording, index: number): string {
  const event = describeEvent(recording, index);
  return `${event.kind} ${event.label} ${event.route} ${event.text}`.toLowerCase();
}
