/**
 * Delivering messages between nodes: a message reaches its node's `onMessage`, a reply
 * resolves the `ctx.call` waiting for it, and what cannot be delivered is dropped with a
 * reason in the trace (the node crashed or restarted since the send, the link is cut, the
 * reply came after the call gave up). A paused node holds what arrives until it resumes.
 * This is the kernel's hottest path: it is written for speed, with care.
 */
import type { IncomingMessage } from "./node-api.js";
import { NodeState as importedNodeState, type NodeSlot } from "./node-slot.js";
import type { NodeTimers } from "./node-timers.js";
import type { SimCore } from "./sim-core.js";
import type { SimEvent } from "./sim-event.js";
import { DropReason as importedDropReason, TraceKind as importedTraceKind } from "./trace.js";

// Local copies of imported constants, for the hot path (see sim-core.ts).
const NodeState = importedNodeState;
const DropReason = importedDropReason;
const TraceKind = importedTraceKind;

/** Delivers node-to-node messages and replies. */
export class Deliveries {
  readonly #core: SimCore;
  readonly #timers: NodeTimers;

  constructor(core: SimCore, timers: NodeTimers) {
    this.#core = core;
    this.#timers = timers;
  }

  /** A message or reply event came due. */
  deliver(event: SimEvent): void {
    const core = this.#core;
    const slot = core.slots[event.target]!;
    const deliverable =
      slot.state === NodeState.up &&
      slot.incarnation === event.incarnation &&
      !core.network.isCutAt(event.source, event.target);
    if (!deliverable && !this.#admit(slot, event)) return;
    if (event.isReply) {
      this.#deliverReply(slot, event);
    } else {
      this.#deliverMessage(slot, event);
    }
    core.state.pool.recycle(event);
  }

  /** Whether an event still finds its node alive in the same life; traces the drop if not. */
  reachable(slot: NodeSlot, event: SimEvent): boolean {
    if (slot.state !== NodeState.crashed && slot.incarnation === event.incarnation) return true;
    const reason = slot.state === NodeState.crashed ? DropReason.crashed : DropReason.restarted;
    this.#core.traceDrop(event, reason);
    return false;
  }

  /**
   * The unusual cases of a delivery: the node crashed or restarted since the send, the link
   * is cut, or the node is paused. Returns whether the message is delivered now.
   */
  #admit(slot: NodeSlot, event: SimEvent): boolean {
    const core = this.#core;
    if (!this.reachable(slot, event)) {
      core.state.pool.recycle(event);
      return false;
    }
    if (core.network.isCutAt(event.source, event.target)) {
      core.traceDrop(event, DropReason.partition);
      core.state.pool.recycle(event);
      return false;
    }
    if (slot.state === NodeState.paused) {
      slot.held.push(event);
      return false;
    }
    return true;
  }

  #deliverMessage(slot: NodeSlot, event: SimEvent): void {
    const core = this.#core;
    const { nowUs } = core.state;
    core.trace.record(TraceKind.deliver, nowUs, event.source, event.target, event.id, event.digest);
    const instance = slot.instance;
    if (instance?.onMessage === undefined) return;
    const message: IncomingMessage = {
      from: core.nodeIds[event.source]!,
      body: event.body,
      callId: event.callId === 0 ? undefined : event.callId,
    };
    // `core.invoke` by hand: a direct method call, which the compiler can inline, where
    // `invoke`'s `handler.call` is shared with every other handler and goes through the
    // generic call path.
    core.currentNode = slot.index;
    try {
      const result = instance.onMessage(message);
      if (result instanceof Promise) core.awaitHandler(slot, result);
    } catch (error) {
      core.nodeFailed(slot, error);
    } finally {
      core.currentNode = -1;
    }
  }

  #deliverReply(slot: NodeSlot, event: SimEvent): void {
    const core = this.#core;
    const pending = slot.calls.get(event.callId);
    if (pending === undefined) {
      core.traceDrop(event, DropReason.lateReply);
      return;
    }
    const { nowUs } = core.state;
    core.trace.record(TraceKind.deliver, nowUs, event.source, event.target, event.id, event.digest);
    slot.calls.delete(event.callId);
    this.#timers.cancel(slot, pending.timerId);
    core.asyncTouched = true;
    pending.resolve({ ok: true, body: event.body });
  }
}
