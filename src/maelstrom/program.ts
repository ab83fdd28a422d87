/**
 * A Maelstrom node program, as the simulation hosts it: a function that, given a runtime
 * (how to send a message, set a timer, read the clock and draw randomness), returns a
 * handler for incoming messages. The runtime is the whole world of the node, so the same
 * program runs on the virtual clock in the simulation and on real time over stdin/stdout
 * (examples/maelstrom/js/maelstrom-node.mjs builds programs from `node.on(type, handler)`
 * code and runs them either way).
 *
 * The first message a program gets is `init` (`node_id`, `node_ids`); it must answer
 * `init_ok`. A program never touches Date, Math.random or real timers when it is meant to
 * run in the simulation: the runtime gives it all of those.
 */
import type { MaelstromMessage } from "./protocol.js";

/**
 * What a node program may do. The simulation lets promise continuations run before its
 * next event only after a handler or timer callback that returns a promise: so a handler
 * or callback that settles a promise (an RPC's reply or timeout resolving the caller's
 * promise) returns one, e.g. `Promise.resolve()`. maelstrom-node.mjs does this for you.
 */
export interface MaelstromRuntime {
  /** Sends a message (its `src` must be this node's id). */
  send(message: MaelstromMessage): void;
  /** Runs `callback` after `delayMs` milliseconds of this node's clock; returns a timer id. */
  setTimer(delayMs: number, callback: () => void | Promise<unknown>): number;
  /** Cancels a timer (no effect when it already fired). */
  cancelTimer(timer: number): void;
  /** This node's clock, in milliseconds. */
  nowMs(): number;
  /** A float in [0, 1) from this node's seeded random stream. */
  random(): number;
  /** Writes a line to the node's log (stderr in process mode, the trace in the simulation). */
  log(text: string): void;
}

/** A running node program: it is handed every message addressed to it. */
export interface MaelstromHandler {
  handle(message: MaelstromMessage): void | Promise<unknown>;
}

/** A node program: builds a node over its runtime. Called once per node life (again after a crash). */
export type MaelstromProgram = (runtime: MaelstromRuntime) => MaelstromHandler;

/** Whether a module export looks like a node program. */
export function isMaelstromProgram(candidate: unknown): candidate is MaelstromProgram {
  return typeof candidate === "function";
}
