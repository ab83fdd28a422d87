/**
 * The entries of the simulator's event queue. One class for every kind keeps the queue and
 * the dispatch loop monomorphic (fast); `type` says which fields matter.
 */
import { AssertionError } from "./assert.js";
import type { QueueEntry } from "./event-queue.js";

/** What an event does when its time comes. */
export const SimEventType = {
  /** Build a node (at the start of the run). */
  start: 0,
  /** Deliver a message (or a reply to a call) to a node. */
  deliver: 1,
  /** Fire a node's timer. */
  timer: 2,
  /** Deliver a client's request to a node. */
  clientDeliver: 3,
  /** Deliver a node's answer back to its client. */
  clientResponse: 4,
  /** Run harness code (workload, nemesis, checks). */
  harness: 5,
} as const;

// This module's own copy, for the pool's hot path: an exported binding is read from memory,
// with a check, at every use, where a module's own `const` is folded into the compiled code.
const EventType = SimEventType;

/** One of `SimEventType`'s codes. */
export type SimEventTypeCode = (typeof SimEventType)[keyof typeof SimEventType];

/** A node timer, shared by its queue events (a clock change re-queues it). */
export interface TimerRecord {
  readonly id: number;
  /** Deadline by the node's monotonic clock, in microseconds. */
  readonly deadlineUs: number;
  readonly callback: () => void;
  /** The queue event that currently represents this timer. */
  event: SimEvent;
}

/** One scheduled event. */
export class SimEvent implements QueueEntry {
  // Fields start with values of their final type (not `undefined`), so the engine keeps
  // numbers unboxed in every event.
  /** Virtual time, in microseconds. */
  time = 0;
  seq = 0;
  type: SimEventTypeCode = SimEventType.start;
  /** Endpoint the event happens at (receiving node, or client for responses). */
  target = -1;
  /** Sending endpoint, for messages and requests (-1 otherwise). */
  source = -1;
  /** The target node's incarnation when the event was scheduled. */
  incarnation = 0;
  /** Message id or request id (trace detail). */
  id = 0;
  /** Call id when the message belongs to `ctx.call` (0 otherwise). */
  callId = 0;
  /** Whether the message is a reply to a call. */
  isReply = false;
  /** Message body, request op or response result. */
  body: unknown = undefined;
  /** Digest of `body` as recorded at send time (signed 32-bit, see `digestInt32`). */
  digest = 0;
  /** Harness action. */
  action: (() => void) | undefined = undefined;
  /** Node timer. */
  timer: TimerRecord | undefined = undefined;
  /** Set when the event must be skipped (a cancelled or re-queued timer). */
  cancelled = false;

  constructor(time: number, type: SimEventTypeCode, target: number) {
    this.time = time;
    this.type = type;
    this.target = target;
  }
}

function notPoolable(event: SimEvent): never {
  throw new AssertionError(`only live message events are pooled, got type ${event.type}`);
}

/** Most message events kept for reuse. */
const MAX_POOLED_EVENTS = 65_536;

/**
 * Message events are the bulk of all events; reusing them spares the garbage collector.
 * An event goes back to the pool only once it has been dispatched and nothing refers to it.
 */
export class SimEventPool {
  readonly #free: SimEvent[] = [];

  /**
   * A message event addressed to `target`. Only message events are pooled, and a send sets
   * every field a message uses (source, id, call id, reply flag, body, digest; scheduling
   * sets the time, incarnation and sequence), so only the target is set here.
   */
  message(target: number): SimEvent {
    const event = this.#free.pop();
    if (event === undefined) return new SimEvent(0, EventType.deliver, target);
    event.target = target;
    return event;
  }

  /** Returns a dispatched message event to the pool. */
  recycle(event: SimEvent): void {
    if (event.type !== EventType.deliver || event.cancelled) notPoolable(event);
    event.body = undefined;
    if (this.#free.length < MAX_POOLED_EVENTS) this.#free.push(event);
  }
}
