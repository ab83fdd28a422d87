/**
 * The viewer's state and every way it changes, as a pure reducer: where the cursor is,
 * whether it plays, the filter, the open prompt or overlay, the history zoom. Keys map to
 * these actions (`key-bindings.ts`), so tests can drive the viewer without a terminal.
 */
import { parseDuration } from "../../src/scenario/duration.js";
import { type EventFilter, eventMatcher, NO_FILTER, nextNodeFilter } from "./event-filter.js";
import { formatClockTime } from "./format-time.js";
import type { HistoryModel } from "./history-model.js";
import { actionForKey, type KeyFlags, splitInput } from "./key-bindings.js";
import { nextKindGroup } from "./kind-groups.js";
import {
  adjacentStop,
  indexAtTime,
  type SearchProgress,
  searchSlice,
  stepMatching,
} from "./navigation.js";
import type { ViewerContext } from "./viewer-context.js";

/** A line the user is typing into. */
export interface Prompt {
  /** `time`: go to a virtual time (or `#index`); `search`: find an event. */
  readonly kind: "time" | "search";
  /** What was typed so far. */
  readonly text: string;
}

/** Everything the viewer remembers between key presses. */
export interface ViewerState {
  /** The trace index shown: the state is the one after this event. */
  readonly cursor: number;
  /** Whether playback is running. */
  readonly playing: boolean;
  /** Events per playback tick (1, 2, 4, ... MAX_SPEED). */
  readonly speed: number;
  /** Which events the list shows and stepping stops at. */
  readonly filter: EventFilter;
  /** The last search, repeated by an empty search. */
  readonly search: string | undefined;
  /** The search under way, if any (it runs in slices between frames). */
  readonly searching: SearchProgress | undefined;
  /** The prompt being typed into, if any. */
  readonly prompt: Prompt | undefined;
  /** Whether the key help covers the screen. */
  readonly help: boolean;
  /** Whether the violation's explanation is shown. */
  readonly showViolation: boolean;
  /** The first line of the explanation shown (it scrolls with J / K). */
  readonly violationScroll: number;
  /** Whether the message-flow panel (arrows between node columns) is shown. */
  readonly showFlow: boolean;
  /** One line of feedback for the last action. */
  readonly message: string | undefined;
  /** Virtual time the history lanes span, in microseconds; undefined: chosen automatically. */
  readonly historySpanUs: number | undefined;
  /** Set when the user asked to quit. */
  readonly quit: boolean;
}

/** The history lanes' span when the user has not zoomed: a median operation is a tenth. */
export function defaultHistorySpanUs(history: HistoryModel): number {
  return Math.max(1_000, history.medianDurationUs * 10);
}

/** Everything that can happen to the viewer. */
export type ViewerAction =
  | { readonly type: "input"; readonly input: string; readonly key: KeyFlags }
  | { readonly type: "quit" }
  | { readonly type: "step"; readonly direction: 1 | -1; readonly count: number }
  | { readonly type: "edge"; readonly direction: 1 | -1 }
  | { readonly type: "togglePlay" }
  | { readonly type: "tick" }
  | { readonly type: "searchSlice" }
  | { readonly type: "speed"; readonly direction: 1 | -1 }
  | { readonly type: "fault"; readonly direction: 1 | -1 }
  | { readonly type: "violation" }
  | { readonly type: "cycleNodeFilter" }
  | { readonly type: "cycleKindFilter" }
  | { readonly type: "clearFilter" }
  | { readonly type: "openPrompt"; readonly prompt: Prompt["kind"] }
  | { readonly type: "promptType"; readonly text: string }
  | { readonly type: "promptBackspace" }
  | { readonly type: "promptSubmit" }
  | { readonly type: "dismiss" }
  | { readonly type: "toggleHelp" }
  | { readonly type: "zoom"; readonly direction: 1 | -1 }
  | { readonly type: "scrollViolation"; readonly direction: 1 | -1 }
  | { readonly type: "toggleFlow" };

/** Fastest playback: events per tick. */
export const MAX_SPEED = 1024;
/** Narrowest and widest history spans, in microseconds. */
const MIN_SPAN_US = 100;
const MAX_SPAN_US = 3_600_000_000;

/** The state a viewer opens in: at the first event, or at the failure when there is one. */
export function initialViewerState(context: ViewerContext): ViewerState {
  return {
    cursor: 0,
    playing: false,
    speed: 1,
    filter: NO_FILTER,
    search: undefined,
    searching: undefined,
    prompt: undefined,
    help: false,
    showViolation: false,
    violationScroll: 0,
    showFlow: false,
    message: openingMessage(context),
    historySpanUs: undefined,
    quit: false,
  };
}

/** What the status line says first: a changed trace hash, else where to start. */
function openingMessage(context: ViewerContext): string {
  const { expectedTraceHash, result } = context.recording;
  if (expectedTraceHash !== undefined && expectedTraceHash !== result.traceHash)
    return `this replay's trace hash ${result.traceHash} is not the failure file's ${expectedTraceHash}: the scenario or system changed`;
  return context.violation === undefined
    ? "the run passed; press ? for keys"
    : "press v to jump to the violation, ? for keys";
}

/** Applies `action` to `state`. */
export function reduceViewer(
  context: ViewerContext,
  state: ViewerState,
  action: ViewerAction,
): ViewerState {
  if (action.type === "input") return reduceInput(context, state, action.input, action.key);
  const base = action.type === "tick" ? state : { ...state, message: undefined };
  switch (action.type) {
    case "quit":
      return { ...state, quit: true };
    case "step":
      return step(context, base, action.direction, action.count);
    case "edge":
      return { ...base, cursor: action.direction === 1 ? lastIndex(context) : 0, playing: false };
    case "togglePlay":
      return togglePlay(context, base);
    case "tick":
      return tick(context, base);
    case "searchSlice":
      return continueSearch(context, state);
    case "speed":
      return changeSpeed(base, action.direction);
    case "fault":
      return gotoFault(context, base, action.direction);
    case "violation":
      return gotoViolation(context, base);
    case "cycleNodeFilter":
      return withFilter(base, {
        ...base.filter,
        node: nextNodeFilter(context.recording.nodeIds, base.filter.node),
      });
    case "cycleKindFilter":
      return withFilter(base, { ...base.filter, kinds: nextKindGroup(base.filter.kinds) });
    case "clearFilter":
      return withFilter(base, NO_FILTER);
    default:
      return reducePromptAndOverlays(context, base, action);
  }
}

/** Applies every key press of one input event, each seeing the state the previous left. */
function reduceInput(
  context: ViewerContext,
  state: ViewerState,
  input: string,
  key: KeyFlags,
): ViewerState {
  let current = state;
  for (const [character, flags] of splitInput(input, key)) {
    const action = actionForKey(character, flags, current);
    if (action !== undefined && action.type !== "input")
      current = reduceViewer(context, current, action);
  }
  return current;
}

function reducePromptAndOverlays(
  context: ViewerContext,
  state: ViewerState,
  action: ViewerAction,
): ViewerState {
  switch (action.type) {
    case "openPrompt":
      return { ...state, prompt: { kind: action.prompt, text: "" }, help: false, playing: false };
    case "promptType":
      return state.prompt === undefined
        ? state
        : { ...state, prompt: { ...state.prompt, text: state.prompt.text + action.text } };
    case "promptBackspace":
      return state.prompt === undefined
        ? state
        : { ...state, prompt: { ...state.prompt, text: state.prompt.text.slice(0, -1) } };
    case "promptSubmit":
      return submitPrompt(context, state);
    case "dismiss":
      if (state.searching !== undefined)
        return { ...state, searching: undefined, message: "search stopped" };
      if (state.prompt !== undefined) return { ...state, prompt: undefined };
      if (state.help) return { ...state, help: false };
      return { ...state, showViolation: false };
    case "toggleHelp":
      return { ...state, help: !state.help };
    case "zoom":
      return zoom(context, state, action.direction);
    case "scrollViolation":
      return scrollViolation(context, state, action.direction);
    case "toggleFlow":
      return { ...state, showFlow: !state.showFlow };
    default:
      return state;
  }
}

function lastIndex(context: ViewerContext): number {
  return Math.max(0, context.recording.columns.length - 1);
}

function step(context: ViewerContext, state: ViewerState, direction: 1 | -1, count: number) {
  const matcher = eventMatcher(context.recording, state.filter);
  const cursor = stepMatching(context.recording, state.cursor, direction, count, matcher);
  if (cursor !== state.cursor) return { ...state, cursor };
  return { ...state, message: direction === 1 ? "end of the run" : "start of the run" };
}

function togglePlay(context: ViewerContext, state: ViewerState): ViewerState {
  if (state.playing) return { ...state, playing: false };
  const atEnd = state.cursor >= lastIndex(context);
  return { ...state, playing: true, cursor: atEnd ? 0 : state.cursor };
}

function tick(context: ViewerContext, state: ViewerState): ViewerState {
  if (!state.playing) return state;
  const matcher = eventMatcher(context.recording, state.filter);
  const cursor = stepMatching(context.recording, state.cursor, 1, state.speed, matcher);
  if (cursor === state.cursor) return { ...state, playing: false, message: "end of the run" };
  return { ...state, cursor };
}

function changeSpeed(state: ViewerState, direction: 1 | -1): ViewerState {
  const speed = Math.min(
    MAX_SPEED,
    Math.max(1, direction === 1 ? state.speed * 2 : state.speed / 2),
  );
  return { ...state, speed, message: `playback: ${speed} event(s) per tick` };
}

function gotoFault(context: ViewerContext, state: ViewerState, direction: 1 | -1): ViewerState {
  const stop = adjacentStop(context.faultStops, state.cursor, direction);
  if (stop === undefined)
    return {
      ...state,
      message: direction === 1 ? "no fault after this point" : "no fault before this point",
    };
  return { ...state, cursor: stop, playing: false };
}

/** Scrolls the open explanation by a line; it opens first when closed. */
function scrollViolation(
  context: ViewerContext,
  state: ViewerState,
  direction: 1 | -1,
): ViewerState {
  const violation = context.violation;
  if (violation === undefined)
    return { ...state, message: "the run passed: there is no violation" };
  const last = Math.max(0, violation.lines.length - 1);
  const violationScroll = Math.max(0, Math.min(last, state.violationScroll + direction));
  return { ...state, showViolation: true, violationScroll };
}

function gotoViolation(context: ViewerContext, state: ViewerState): ViewerState {
  const violation = context.violation;
  if (violation === undefined)
    return { ...state, message: "the run passed: there is no violation" };
  const toggleOff = state.showViolation && state.cursor === violation.index;
  return {
    ...state,
    cursor: violation.index,
    showViolation: !toggleOff,
    playing: false,
    help: false,
  };
}

function withFilter(state: ViewerState, filter: EventFilter): ViewerState {
  const node = filter.node ?? "every node";
  return { ...state, filter, message: `showing ${filter.kinds} events of ${node}` };
}

function submitPrompt(context: ViewerContext, state: ViewerState): ViewerState {
  const prompt = state.prompt;
  if (prompt === undefined) return state;
  const closed = { ...state, prompt: undefined };
  return prompt.kind === "time"
    ? gotoTime(context, closed, prompt.text)
    : search(context, closed, prompt.text);
}

/** Goes to `#index`, or to a virtual time written `1.5s`, `250ms`, `800us` or bare seconds. */
function gotoTime(context: ViewerContext, state: ViewerState, text: string): ViewerState {
  const trimmed = text.trim();
  if (/^#\d+$/.test(trimmed)) {
    const cursor = Math.min(Number(trimmed.slice(1)), lastIndex(context));
    return { ...state, cursor };
  }
  const parsed = /^\d+(\.\d+)?$/.test(trimmed)
    ? parseDuration(`${trimmed}s`)
    : parseDuration(trimmed);
  if (typeof parsed !== "number")
    return { ...state, message: `not a time: "${trimmed}" (try 1.5s, 250ms or #1234)` };
  const cursor = indexAtTime(context.recording, parsed);
  return {
    ...state,
    cursor,
    message: `at ${formatClockTime(context.recording.columns.timeUs(cursor))}`,
  };
}

/** Events one search slice looks at (a few milliseconds of work on long message bodies). */
export const SEARCH_SLICE_EVENTS = 1_000;

function search(context: ViewerContext, state: ViewerState, text: string): ViewerState {
  const query = text.trim() === "" ? state.search : text.trim();
  if (query === undefined || context.recording.columns.length === 0) return state;
  // The first slice runs after this frame, so that the prompt closes at once.
  const searching = { query, from: state.cursor, scanned: 0 };
  return { ...state, search: query, searching, message: `searching "${query}"... (Esc: stop)` };
}

/** Runs one slice of the search under way. */
function continueSearch(context: ViewerContext, state: ViewerState): ViewerState {
  const searching = state.searching;
  if (searching === undefined) return state;
  const matcher = eventMatcher(context.recording, state.filter);
  const step = searchSlice(context.recording, searching, matcher, SEARCH_SLICE_EVENTS);
  const query = searching.query;
  switch (step.kind) {
    case "found": {
      const wrapped = step.index <= searching.from ? " (wrapped to the start)" : "";
      return {
        ...state,
        searching: undefined,
        cursor: step.index,
        message: `found "${query}"${wrapped}`,
      };
    }
    case "not-found":
      return { ...state, searching: undefined, message: `no event matches "${query}"` };
    case "continue": {
      const percent = Math.floor((100 * step.progress.scanned) / context.recording.columns.length);
      return {
        ...state,
        searching: step.progress,
        message: `searching "${query}"... ${percent}% (Esc: stop)`,
      };
    }
  }
}

function zoom(context: ViewerContext, state: ViewerState, direction: 1 | -1): ViewerState {
  const current = state.historySpanUs ?? defaultHistorySpanUs(context.history);
  const span = direction === 1 ? current / 2 : current * 2;
  const historySpanUs = Math.round(Math.min(MAX_SPAN_US, Math.max(MIN_SPAN_US, span)));
  return { ...state, historySpanUs };
}
