/**
 * Node timers. A timer's deadline is a reading of its node's monotonic clock; the queue
 * event that fires it is placed at the true time at which that clock reaches the deadline.
 * Only a change of the clock's rate (drift, reset) moves that time, and then the timer is
 * queued again; wall-clock jumps leave timers be, as they leave `setTimeout` be. A timer
 * that comes due while its node is paused waits for the resume.
 */
import { assert } from "./assert.js";
import { NodeState as importedNodeState, type NodeSlot } from "./node-slot.js";
import type { SimCore } from "./sim-core.js";
import { SimEventType as importedSimEventType, SimEvent, type TimerRecord } from "./sim-event.js";
import { TraceKind as importedTraceKind } from "./trace.js";

// Local copies of imported constants, for the hot path (see sim-core.ts).
const NodeState = importedNodeState;
const SimEventType = importedSimEventType;
const TraceKind = importedTraceKind;

/** Sets, cancels, re-queues and fires the timers of every node. */
export class NodeTimers {
  readonly #core: SimCore;

  constructor(core: SimCore) {
    this.#core = core;
  }

  /** Runs `callback` on `slot`'s node after `delayMs` of its monotonic clock; returns the id. */
  set(slot: NodeSlot, delayMs: number, callback: () => void): number {
    assert(Number.isFinite(delayMs) && delayMs >= 0, `timer delay must be >= 0 ms, got ${delayMs}`);
    const core = this.#core;
    const id = ++core.sequence;
    const deadlineUs = slot.clock.monotonicAt(core.state.nowUs) + Math.round(delayMs * 1000);
    // `event` is filled in by `queue` just below.
    const timer: TimerRecord = {
      id,
      deadlineUs,
      callback,
      event: undefined as unknown as SimEvent,
    };
    slot.timers.set(id, timer);
    this.queue(slot, timer);
    return id;
  }

  /** Cancels a pending timer (no effect if it fired or never was). */
  cancel(slot: NodeSlot, id: number): void {
    const timer = slot.timers.get(id);
    if (timer === undefined) return;
    timer.event.cancelled = true;
    slot.timers.delete(id);
  }

  /** Puts `timer` in the queue at the true time its node's monotonic clock reaches its deadline. */
  queue(slot: NodeSlot, timer: TimerRecord): void {
    const core = this.#core;
    const time = slot.clock.trueTimeWhenMonotonicReaches(timer.deadlineUs, core.state.nowUs);
    const event = new SimEvent(time, SimEventType.timer, slot.index);
    event.incarnation = slot.incarnation;
    event.timer = timer;
    timer.event = event;
    core.schedule(event);
  }

  /** The node's clock changed rate: every pending timer is queued again. */
  requeueAll(slot: NodeSlot): void {
    for (const timer of slot.timers.values()) {
      timer.event.cancelled = true;
      this.queue(slot, timer);
    }
  }

  /** A timer event came due: fire it, or hold it while the node is paused. */
  fire(event: SimEvent): void {
    const core = this.#core;
    const slot = core.slots[event.target]!;
    const timer = event.timer!;
    if (slot.state === NodeState.paused) {
      slot.held.push(event);
      return;
    }
    slot.timers.delete(timer.id);
    core.trace.record(TraceKind.timer, core.state.nowUs, slot.index, -1, timer.id, 0);
    core.invoke(slot, timer.callback, undefined, undefined);
  }
}
