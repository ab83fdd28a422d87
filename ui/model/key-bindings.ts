/**
 * Which key does what. The table below is the single source for both the key handling and
 * the help overlay, so the help can never list a key that does nothing.
 */
import type { ViewerAction, ViewerState } from "./viewer-state.js";

/** The facts about a key press the viewer uses (a subset of ink's `Key`). */
export interface KeyFlags {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly leftArrow: boolean;
  readonly rightArrow: boolean;
  readonly pageDown: boolean;
  readonly pageUp: boolean;
  readonly home: boolean;
  readonly end: boolean;
  readonly return: boolean;
  readonly escape: boolean;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly backspace: boolean;
  readonly delete: boolean;
}

/** A plain character: no special key. */
export const PLAIN_KEY: KeyFlags = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  meta: false,
  backspace: false,
  delete: false,
};

/** Events one page key moves. */
export const PAGE_EVENTS = 20;

/** What a key press asks for: an action (quitting is one), or nothing. */
export type KeyOutcome = ViewerAction | undefined;

/** One line of the help: the keys and what they do. */
export interface KeyBinding {
  readonly keys: string;
  readonly does: string;
}

/** Every key of the viewer, as the help lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: "right down l", does: "step one event forward (left up h: back)" },
  { keys: "PgDn / PgUp", does: `step ${PAGE_EVENTS} events forward / back` },
  { keys: "Home / End", does: "first / last event" },
  { keys: "space", does: "play / pause" },
  { keys: "] / [", does: "play faster / slower" },
  { keys: "n / N", does: "next / previous fault" },
  { keys: "v", does: "jump to the violation and explain it (again: hide)" },
  { keys: "J / K", does: "scroll the explanation down / up" },
  { keys: "m", does: "show / hide the message flow between the nodes" },
  { keys: "g", does: "go to a virtual time (1.5s, 250ms) or an event (#1234)" },
  { keys: "f", does: "filter events by node (cycles through the nodes)" },
  { keys: "k", does: "filter events by kind (messages, faults, clients, ...)" },
  { keys: "x", does: "clear the filters" },
  { keys: "/", does: "search events (empty: repeat the last search)" },
  { keys: "+ / -", does: "zoom the history lanes in / out" },
  { keys: "?", does: "show / hide this help" },
  { keys: "Esc", does: "close the prompt, help or explanation" },
  { keys: "q", does: "quit" },
];

const CHARACTER_ACTIONS: Readonly<Record<string, KeyOutcome>> = {
  l: { type: "step", direction: 1, count: 1 },
  h: { type: "step", direction: -1, count: 1 },
  " ": { type: "togglePlay" },
  "]": { type: "speed", direction: 1 },
  "[": { type: "speed", direction: -1 },
  n: { type: "fault", direction: 1 },
  N: { type: "fault", direction: -1 },
  v: { type: "violation" },
  J: { type: "scrollViolation", direction: 1 },
  K: { type: "scrollViolation", direction: -1 },
  m: { type: "toggleFlow" },
  g: { type: "openPrompt", prompt: "time" },
  f: { type: "cycleNodeFilter" },
  k: { type: "cycleKindFilter" },
  x: { type: "clearFilter" },
  "/": { type: "openPrompt", prompt: "search" },
  "+": { type: "zoom", direction: 1 },
  "=": { type: "zoom", direction: 1 },
  "-": { type: "zoom", direction: -1 },
  _: { type: "zoom", direction: -1 },
  "?": { type: "toggleHelp" },
  q: { type: "quit" },
};

/** Control characters that arrive inside a run of typed text, as the keys they are. */
const CONTROL_KEYS: Readonly<Record<string, KeyFlags>> = {
  "\r": { ...PLAIN_KEY, return: true },
  "\n": { ...PLAIN_KEY, return: true },
  "\u007F": { ...PLAIN_KEY, backspace: true },
  "\b": { ...PLAIN_KEY, backspace: true },
};

/**
 * The key presses in one input event: keys typed faster than the terminal is read arrive
 * together (`nnn`, `g1.5s⏎`), and each character is then one press.
 */
export function splitInput(input: string, key: KeyFlags): readonly (readonly [string, KeyFlags])[] {
  const plain = (Object.keys(PLAIN_KEY) as (keyof KeyFlags)[]).every((name) => !key[name]);
  if (!plain || input.length <= 1) return [[input, key]];
  return Array.from(
    input,
    (character) => [character, CONTROL_KEYS[character] ?? PLAIN_KEY] as const,
  );
}

/** What one key press (`input` and `key`, as ink reports them) asks for in `state`. */
export function actionForKey(input: string, key: KeyFlags, state: ViewerState): KeyOutcome {
  if (state.prompt !== undefined) return promptKey(input, key);
  if (key.escape) return { type: "dismiss" };
  if (key.rightArrow || key.downArrow) return { type: "step", direction: 1, count: 1 };
  if (key.leftArrow || key.upArrow) return { type: "step", direction: -1, count: 1 };
  if (key.pageDown) return { type: "step", direction: 1, count: PAGE_EVENTS };
  if (key.pageUp) return { type: "step", direction: -1, count: PAGE_EVENTS };
  if (key.home) return { type: "edge", direction: -1 };
  if (key.end) return { type: "edge", direction: 1 };
  if (key.ctrl || key.meta) return undefined;
  return CHARACTER_ACTIONS[input];
}

function promptKey(input: string, key: KeyFlags): KeyOutcome {
  if (key.escape) return { type: "dismiss" };
  if (key.return) return { type: "promptSubmit" };
  if (key.backspace || key.delete) return { type: "promptBackspace" };
  if (key.ctrl || key.meta || input === "") return undefined;
  return { type: "promptType", text: input };
}
