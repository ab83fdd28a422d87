/**
 * The life of a node: it is built by the system's factory at the start of the run, may be
 * crashed (volatile state, timers, pending calls, held messages and unsynced writes are
 * lost; events meant for that life are recognised and dropped), restarted (the factory
 * builds it again from its disk, with `restarted: true`), paused (its timers and
 * deliveries are held) and resumed (what it missed arrives now, in arrival order).
 */
import type { NodeFactory, NodeId, NodeInit, NodeSummary } from "./node-api.js";
import { type NodeSlot, NodeState, type NodeStatus } from "./node-slot.js";
import type { SimCore } from "./sim-core.js";
import { type SimEvent, SimEventType } from "./sim-event.js";
import { DropReason, TraceKind } from "./trace.js";

/** Builds the context of a node's current life. */
export type ContextFactory = (slot: NodeSlot) => NodeInit["ctx"];

/** Starts, crashes, restarts, pauses and resumes nodes. */
export class NodeLifecycle {
  readonly #core: SimCore;
  readonly #factory: NodeFactory;
  readonly #makeContext: ContextFactory;

  constructor(core: SimCore, factory: NodeFactory, makeContext: ContextFactory) {
    this.#core = core;
    this.#factory = factory;
    this.#makeContext = makeContext;
  }

  /** A node's status. */
  status(node: NodeId): NodeStatus {
    return this.#core.slot(node).status;
  }

  /** A node's `inspect()` summary, or undefined when it is crashed or has no `inspect`. */
  inspect(node: NodeId): NodeSummary | undefined {
    const slot = this.#core.slot(node);
    if (slot.state === NodeState.crashed || slot.instance?.inspect === undefined) return undefined;
    return slot.instance.inspect();
  }

  /** Builds a node with the factory (a start event of the run, or a restart). */
  start(slot: NodeSlot, restarted: boolean): void {
    const core = this.#core;
    core.trace.record(TraceKind.start, core.state.nowUs, slot.index, -1, slot.incarnation, 0);
    const context = this.#makeContext(slot);
    slot.context = context;
    const peers = core.nodeIds.filter((id) => id !== slot.id);
    const init = { id: slot.id, peers, ctx: context, restarted };
    const build = (argument: NodeInit) => {
      slot.instance = this.#factory(argument);
    };
    core.invoke(slot, build, undefined, init);
  }

  /** Crashes a node; returns false if it was already down. */
  crash(node: NodeId): boolean {
    const core = this.#core;
    const slot = core.slot(node);
    if (slot.state === NodeState.crashed) return false;
    const lostWrites = slot.disk.crash();
    const held = slot.held;
    slot.dropVolatileState();
    slot.state = NodeState.crashed;
    slot.endIncarnation();
    core.trace.record(TraceKind.crash, core.state.nowUs, slot.index, -1, lostWrites, 0);
    this.#dropHeld(held);
    return true;
  }

  /** Restarts a crashed node from its disk; returns false if it was not crashed. */
  restart(node: NodeId): boolean {
    const core = this.#core;
    const slot = core.slot(node);
    if (slot.state !== NodeState.crashed) return false;
    slot.state = NodeState.up;
    core.trace.record(TraceKind.restart, core.state.nowUs, slot.index, -1, slot.incarnation, 0);
    this.start(slot, true);
    return true;
  }

  /** Pauses a node (its clocks run on); returns false if it was not up. */
  pause(node: NodeId): boolean {
    const core = this.#core;
    const slot = core.slot(node);
    if (slot.state !== NodeState.up) return false;
    slot.state = NodeState.paused;
    core.trace.record(TraceKind.pause, core.state.nowUs, slot.index, -1, 0, 0);
    return true;
  }

  /** Resumes a paused node; returns false if it was not paused. */
  resume(node: NodeId): boolean {
    const core = this.#core;
    const slot = core.slot(node);
    if (slot.state !== NodeState.paused) return false;
    slot.state = NodeState.up;
    core.trace.record(TraceKind.resume, core.state.nowUs, slot.index, -1, slot.held.length, 0);
    for (const event of slot.held) {
      event.time = core.state.nowUs;
      core.schedule(event);
    }
    slot.held = [];
    return true;
  }

  /** Traces the drop of the messages and requests a node held while paused. */
  #dropHeld(held: readonly SimEvent[]): void {
    const core = this.#core;
    for (const event of held) {
      if (event.type !== SimEventType.deliver && event.type !== SimEventType.clientDeliver)
        continue;
      core.traceDrop(event, DropReason.crashed);
      if (event.type === SimEventType.deliver) core.state.pool.recycle(event);
    }
  }
}
