/**
 * The few pieces of kernel state that the simulation and its network both touch on every
 * message: the virtual clock, the event queue, the trace, and each node's incarnation.
 * Sharing one plain object keeps that hot path free of callbacks and getters.
 */
import { EventQueue } from "./event-queue.js";
import { type SimEvent, SimEventPool } from "./sim-event.js";
import type { Trace } from "./trace.js";

/** State shared by `Simulation` and `Network`. */
export class KernelState {
  /** Current virtual time, in microseconds. */
  nowUs = 0;
  /** Events waiting, in (time, sequence) order. */
  readonly queue = new EventQueue<SimEvent>();
  /** The run's trace. */
  readonly trace: Trace;
  /** Reusable message events. */
  readonly pool = new SimEventPool();
  /** Each node's incarnation (bumped by every crash), by node index. */
  readonly incarnations: Int32Array;

  constructor(trace: Trace, nodeCount: number) {
    this.trace = trace;
    this.incarnations = new Int32Array(nodeCount);
  }
}
