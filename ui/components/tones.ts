/**
 * The viewer's colours, in one place: which colour each kind of event, node state and
 * history bar is drawn in.
 */
import type { EventTone } from "../model/describe-event.js";
import type { LaneTone } from "../model/history-view.js";
import type { NodeCell } from "../model/node-table-view.js";

/** Ink colour names (chalk's). */
export type Colour =
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "magenta"
  | "cyan"
  | "gray"
  | "white"
  | undefined;

/** Colour of each kind of event row. */
export const EVENT_COLOURS: Readonly<Record<EventTone, Colour>> = {
  message: undefined,
  drop: "red",
  fault: "magenta",
  client: "green",
  timer: "gray",
  log: "cyan",
  failure: "red",
};

/** Colour of each node-table cell tone. */
export const NODE_COLOURS: Readonly<Record<NodeCell["tone"], Colour>> = {
  plain: undefined,
  up: "green",
  crashed: "red",
  paused: "yellow",
  leader: "cyan",
  changed: "yellow",
  dim: "gray",
};

/** Colour of each history bar tone. */
export const LANE_COLOURS: Readonly<Record<LaneTone, Colour>> = {
  idle: "gray",
  ok: "green",
  fail: "gray",
  info: "magenta",
  pending: "magenta",
  blocker: "red",
  prefix: "blue",
};

/** Props that colour a `Text` with `colour`, or leave the terminal's default. */
export function colourProps(colour: Colour): { readonly color?: string } {
  return colour === undefined ? {} : { color: colour };
}
