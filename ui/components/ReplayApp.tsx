/**
 * The replay viewer: holds the viewer's state, turns key presses into actions, plays, and
 * draws the frame for the current state and terminal size.
 */
import { useApp, useInput } from "ink";
import { useCallback, useEffect, useMemo, useReducer } from "react";
import { usePlayback } from "../hooks/use-playback.js";
import { useSearch } from "../hooks/use-search.js";
import { useTerminalSize } from "../hooks/use-terminal-size.js";
import type { TerminalSize } from "../model/layout.js";
import { buildScreen } from "../model/screen-model.js";
import type { ViewerContext } from "../model/viewer-context.js";
import {
  initialViewerState,
  reduceViewer,
  type ViewerAction,
  type ViewerState,
} from "../model/viewer-state.js";
import { Screen } from "./Screen.js";

/** Wall-clock time between two playback steps, in milliseconds. */
export const PLAY_INTERVAL_MS = 100;

/** Props of `ReplayApp`. */
export interface ReplayAppProps {
  /** The replayed run, with what the viewer derives from it. */
  readonly context: ViewerContext;
  /** A fixed terminal size (tests); by default the output terminal's, kept current. */
  readonly size?: TerminalSize;
  /** The state to open in (tests); by default the first event. */
  readonly initialState?: ViewerState;
  /** Wall-clock milliseconds between playback steps. */
  readonly playIntervalMs?: number;
}

/** The replay viewer. */
export function ReplayApp({
  context,
  size,
  initialState,
  playIntervalMs = PLAY_INTERVAL_MS,
}: ReplayAppProps) {
  const { exit } = useApp();
  const terminal = useTerminalSize(size);
  const reducer = useCallback(
    (state: ViewerState, action: ViewerAction) => reduceViewer(context, state, action),
    [context],
  );
  const [state, dispatch] = useReducer(reducer, initialState ?? initialViewerState(context));
  useInput((input, key) => dispatch({ type: "input", input, key }));
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  usePlayback(state.playing, playIntervalMs, () => dispatch({ type: "tick" }));
  useSearch(
    state.searching,
    useCallback(() => dispatch({ type: "searchSlice" }), []),
  );
  const screen = useMemo(() => buildScreen(context, state, terminal), [context, state, terminal]);
  return <Screen screen={screen} />;
}
