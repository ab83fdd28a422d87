/**
 * The simulator's bookkeeping for one node: its lifecycle status, the current incarnation
 * (bumped by every crash, so events meant for an earlier life are recognised and dropped),
 * the running instance, and what survives a crash (disk, clock, random stream) or does not
 * (timers, pending calls, held events).
 */
import type { NodeClock } from "./clock.js";
import type { SimDisk } from "./disk.js";
import type { CallResult, NodeContext, NodeId, SystemNode } from "./node-api.js";
import type { RandomStream } from "./random.js";
import type { SimEvent, TimerRecord } from "./sim-event.js";

/** Whether a node is running, crashed, or paused (alive but frozen). */
export type NodeStatus = "up" | "crashed" | "paused";

/** `NodeStatus` as small integers, for the hot path. */
export const NodeState = { up: 0, crashed: 1, paused: 2 } as const;
const STATUS_NAMES: readonly NodeStatus[] = ["up", "crashed", "paused"];

/** A `ctx.call` waiting for its reply. */
export interface PendingCall {
  readonly resolve: (result: CallResult) => void;
  readonly timerId: number;
}

/** One node's state inside the simulator. */
export class NodeSlot {
  readonly id: NodeId;
  readonly index: number;
  readonly disk: SimDisk;
  readonly clock: NodeClock;
  readonly random: RandomStream;
  /** One of `NodeState`. */
  state: number = NodeState.up;
  instance: SystemNode | undefined = undefined;
  context: NodeContext | undefined = undefined;
  /** Pending timers by id, in the order they were set. */
  readonly timers = new Map<number, TimerRecord>();
  /** Pending calls by call id. */
  readonly calls = new Map<number, PendingCall>();
  /** Events that arrived while paused, in arrival order. */
  held: SimEvent[] = [];
  /** Ends the clock strobe in progress, if any. */
  stopStrobe: (() => void) | undefined = undefined;

  readonly #incarnations: Int32Array;

  constructor(
    id: NodeId,
    index: number,
    incarnations: Int32Array,
    disk: SimDisk,
    clock: NodeClock,
    random: RandomStream,
  ) {
    this.id = id;
    this.index = index;
    this.#incarnations = incarnations;
    this.disk = disk;
    this.clock = clock;
    this.random = random;
  }

  /** The status as a name. */
  get status(): NodeStatus {
    return STATUS_NAMES[this.state]!;
  }

  /** Which life of the node this is: 0 at first, bumped by every crash. */
  get incarnation(): number {
    return this.#incarnations[this.index]!;
  }

  /**
   * The current life's flag: its node context checks it on every call, and it turns false
   * for good when the life ends, so a context that outlived its node does nothing.
   */
  life: { alive: boolean } = { alive: true };

  /** Ends this life: events addressed to it will be recognised as stale. */
  endIncarnation(): void {
    this.#incarnations[this.index] = this.incarnation + 1;
    this.life.alive = false;
    this.life = { alive: true };
  }

  /** Forgets everything volatile: timers are cancelled, calls never resolve, held events go. */
  dropVolatileState(): void {
    for (const timer of this.timers.values()) timer.event.cancelled = true;
    this.timers.clear();
    this.calls.clear();
    this.held = [];
    this.instance = undefined;
    this.context = undefined;
  }
}
