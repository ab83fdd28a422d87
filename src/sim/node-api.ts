/**
 * The contract between the simulator and a system's nodes. A system is a `NodeFactory`:
 * given a node's id, its peers and a `NodeContext`, it builds a `SystemNode`. The node talks
 * to the world only through the context: messages, timers, its own clock, its own random
 * stream, its disk, its log, and answers to clients. After a crash the factory is called
 * again with the same disk, as a restarted process would be.
 */
import type { Disk } from "./disk.js";
import type { RandomStream } from "./random.js";

/** A node's name, e.g. `n1`. */
export type NodeId = string;

/** A message as the receiving node sees it. */
export interface IncomingMessage {
  /** The sender. */
  readonly from: NodeId;
  /** What was sent (any plain data). */
  readonly body: unknown;
  /** Set when the sender used `ctx.call`: answer with `ctx.reply(message, body)`. */
  readonly callId: number | undefined;
}

/** A client operation delivered to a node. Answer it with `ctx.respond(request, result)`. */
export interface ClientRequest {
  /** Unique id of this request within the run. */
  readonly id: number;
  /** The client (workload process) that sent it. */
  readonly client: string;
  /** The operation, in the workload's vocabulary (e.g. `{ f: "read", key: "x" }`). */
  readonly op: unknown;
}

/** What `ctx.call` resolves to: the reply, or a timeout. Never rejects. */
export type CallResult =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly reason: "timeout" };

/** Options of `ctx.call`. */
export interface CallOptions {
  /** How long to wait for the reply, by the caller's monotonic clock, in milliseconds. */
  readonly timeoutMs: number;
}

/** Identifies a pending timer for `cancelTimer`. */
export type TimerId = number;

/** Everything a node can do. */
export interface NodeContext {
  /** This node's id. */
  readonly id: NodeId;
  /** The other nodes of the cluster, in a fixed order. */
  readonly peers: readonly NodeId[];
  /**
   * This node's wall clock (like `Date.now()`), in milliseconds, possibly fractional. It may
   * be offset from other nodes', drift, and jump forwards or backwards (clock faults).
   */
  now(): number;
  /** This node's wall clock, in integer microseconds. */
  nowUs(): number;
  /**
   * This node's monotonic clock (like `performance.now()`), in milliseconds, possibly
   * fractional. It starts at 0 when the run starts, never jumps and never runs backwards;
   * only drift bends it. Measure durations and deadlines with it; timers run on it.
   */
  monotonicNow(): number;
  /** This node's monotonic clock, in integer microseconds. */
  monotonicNowUs(): number;
  /** A float in [0, 1) from this node's own random stream. */
  random(): number;
  /** This node's random stream, with helpers (`between`, `pick`, `shuffle`, `chance`). */
  readonly rng: RandomStream;
  /** Sends `body` to `to` (or to itself). Delivery is not guaranteed. */
  send(to: NodeId, body: unknown): void;
  /** Answers a message that was sent with `call`. */
  reply(message: IncomingMessage, body: unknown): void;
  /** Sends `body` to `to` and waits for its reply, or for `timeoutMs` (monotonic) to pass. */
  call(to: NodeId, body: unknown, options: CallOptions): Promise<CallResult>;
  /** Resolves after `delayMs` milliseconds of this node's monotonic clock. */
  sleep(delayMs: number): Promise<void>;
  /** Runs `callback` after `delayMs` milliseconds of this node's monotonic clock; returns its id. */
  setTimer(delayMs: number, callback: () => void): TimerId;
  /** Cancels a pending timer (no effect if it already fired). */
  cancelTimer(timer: TimerId): void;
  /** Answers a client request. Only the first answer to a request counts. */
  respond(request: ClientRequest, result: unknown): void;
  /** This node's disk; it survives crashes (what was synced, at least). */
  readonly disk: Disk;
  /** Writes a line to the run's trace, attributed to this node. */
  log(message: string): void;
  /**
   * Reports a fact about this node's state (e.g. `{ type: "leader", term: 3 }`) to the
   * harness: invariant checkers and viewers listen for these. Facts are plain data, are
   * digested into the trace, and change nothing in the simulation.
   */
  report(fact: unknown): void;
}

/** What `inspect()` returns: a small JSON-able summary. `role: "leader"` marks a leader. */
export interface NodeSummary {
  readonly role?: string;
  readonly [field: string]: unknown;
}

/** A running node. Every handler may be async; the simulator waits for it deterministically. */
export interface SystemNode {
  /** A message arrived from another node. */
  onMessage?(message: IncomingMessage): void | Promise<void>;
  /** A client request arrived. */
  onClientRequest?(request: ClientRequest): void | Promise<void>;
  /** A summary of this node's state for invariants, fault targeting and the terminal UI. */
  inspect?(): NodeSummary;
}

/** What a factory gets to build a node. */
export interface NodeInit {
  readonly id: NodeId;
  readonly peers: readonly NodeId[];
  readonly ctx: NodeContext;
  /** True when the node is being rebuilt after a crash (its disk holds what it synced). */
  readonly restarted: boolean;
}

/**
 * A system under test: builds one node. Called at the start of the run for every node and
 * again for a node each time it restarts after a crash.
 *
 * @example
 * ```ts
 * const echo: NodeFactory = ({ ctx }) => ({
 *   onMessage: (message) => ctx.send(message.from, message.body),
 * });
 * ```
 */
export type NodeFactory = (init: NodeInit) => SystemNode;
