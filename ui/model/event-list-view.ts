/**
 * The events list's data: the events that pass the filter around the cursor (the cursor's
 * own event always, even when the filter would hide it), one fitted line each.
 */
import type { ReplayRecording } from "../recording/replay-recording.js";
import { describeEvent, type EventTone } from "./describe-event.js";
import { eventMatcher, isUnfiltered } from "./event-filter.js";
import { fitWidth } from "./fit-text.js";
import { formatClockTime } from "./format-time.js";
import { searchableText } from "./navigation.js";
import type { ViewerState } from "./viewer-state.js";

/** One line of the list. */
export interface EventRowView {
  readonly index: number;
  /** The whole line, fitted to the width. */
  readonly text: string;
  readonly tone: EventTone;
  /** Whether this is the cursor's event. */
  readonly cursor: boolean;
  /** Whether the event matches the last search. */
  readonly match: boolean;
}

/** The events list. */
export interface EventListView {
  /** `Events` with the filter and search in force. */
  readonly title: string;
  readonly rows: readonly EventRowView[];
}

const ROUTE_WIDTH = 11;
const LABEL_WIDTH = 11;

/** The list around `state.cursor`, `rows` lines of `width` columns. */
export function eventListView(
  recording: ReplayRecording,
  state: ViewerState,
  rows: number,
  width: number,
): EventListView {
  const indexes = windowAround(recording, state, rows);
  const indexWidth = String(Math.max(0, recording.columns.length - 1)).length;
  const query = state.search?.toLowerCase();
  return {
    title: titleOf(state),
    rows: indexes.map((index) => {
      const event = describeEvent(recording, index);
      const line = [
        index === state.cursor ? ">" : " ",
        String(index).padStart(indexWidth),
        formatClockTime(event.timeUs).padStart(10),
        fitWidth(event.route, ROUTE_WIDTH),
        fitWidth(event.label, LABEL_WIDTH),
        event.text,
      ].join(" ");
      return {
        index,
        text: fitWidth(line, width),
        tone: event.tone,
        cursor: index === state.cursor,
        match: query !== undefined && searchableText(recording, index).includes(query),
      };
    }),
  };
}

function titleOf(state: ViewerState): string {
  const parts = ["Events"];
  if (!isUnfiltered(state.filter)) {
    parts.push(`node ${state.filter.node ?? "all"}`, `kinds ${state.filter.kinds}`);
  }
  if (state.search !== undefined) parts.push(`search "${state.search}"`);
  return parts.join(" | ");
}

/** Up to `rows` indexes around the cursor, the cursor about in the middle. */
function windowAround(recording: ReplayRecording, state: ViewerState, rows: number): number[] {
  if (rows <= 0 || recording.columns.length === 0) return [];
  const matches = eventMatcher(recording, state.filter);
  const before = collect(recording, state.cursor, -1, rows - 1, matches);
  const after = collect(recording, state.cursor, 1, rows - 1, matches);
  const half = Math.floor((rows - 1) / 2);
  const shownBefore = Math.min(before.length, Math.max(half, rows - 1 - after.length));
  const shownAfter = Math.min(after.length, rows - 1 - shownBefore);
  return [...before.slice(0, shownBefore).reverse(), state.cursor, ...after.slice(0, shownAfter)];
}

function collect(
  recording: ReplayRecording,
  from: number,
  direction: 1 | -1,
  count: number,
  matches: (index: number) => boolean,
): number[] {
  const found: number[] = [];
  const length = recording.columns.length;
  for (
    let index = from + direction;
    index >= 0 && index < length && found.length < count;
    index += direction
  ) {
    if (matches(index)) found.push(index);
  }
  return found;
}
