/**
 * The state every part of a simulation shares: the settings, the nodes' slots, the trace,
 * the event queue and virtual clock (`KernelState`), the network, the run's counters and
 * its outcome, and the two ways into a node's code (`invoke`, `awaitHandler`) with what
 * happens when that code fails or breaks determinism. The parts (node lifecycle, timers,
 * clock faults, deliveries, clients, the run loop) each hold this one object; its fields
 * are plain and public so that the hot paths read them directly.
 */
import { AssertionError } from "./assert.js";
import { NodeClock } from "./clock.js";
import type { ViolationReport } from "./determinism-guard.js";
import { SimDisk } from "./disk.js";
import { KernelState } from "./kernel-state.js";
import { Network } from "./network.js";
import type { NodeId } from "./node-api.js";
import { NodeSlot } from "./node-slot.js";
import type { SimulationConfig } from "./options.js";
import { RandomStreams } from "./random.js";
import type { RunFailure } from "./run-stop.js";
import { SimEvent, SimEventType } from "./sim-event.js";
import { TraceKind as importedTraceKind, Trace } from "./trace.js";

// Imported bindings are read from memory, with a check, at every use, while a module's own
// `const` bindings are folded into the compiled code: the hot paths use these local copies.
const TraceKind = importedTraceKind;

/** What every part of one simulation shares. */
export class SimCore {
  /** The effective settings. */
  readonly config: SimulationConfig;
  /** Node names in order. */
  readonly nodeIds: readonly NodeId[];
  /** The run's seeded random streams, by name. */
  readonly streams: RandomStreams;
  /** The trace of this run. */
  readonly trace: Trace;
  /** Virtual time, the event queue and the nodes' incarnations. */
  readonly state: KernelState;
  /** Each node's slot, by index. */
  readonly slots: NodeSlot[];
  /** Node index by name. */
  readonly indexes = new Map<string, number>();
  /** The network between nodes. */
  readonly network: Network;
  /** Events processed. */
  events = 0;
  /** The last id handed out (timers, messages, calls, client requests share it). */
  sequence = 0;
  /** Bumped whenever a node touches the simulation (the run loop watches it). */
  activity = 0;
  /** Set when an event involved a promise: the run loop must let continuations run. */
  asyncTouched = false;
  /** The failure that ended the run, if any. */
  failure: RunFailure | undefined = undefined;
  /** Set by `stop(reason)`: the run ends after the current event. */
  stopReason: string | undefined = undefined;
  /** The node whose code is running (index; -1 for harness code). */
  currentNode = -1;
  /** The node whose event last woke promise continuations (-1: harness code). */
  lastEventNode = -1;

  constructor(config: SimulationConfig) {
    this.config = config;
    this.nodeIds = config.nodeIds;
    this.streams = new RandomStreams(config.seed);
    this.trace = new Trace(config.trace, config.keepPayloads);
    this.state = new KernelState(this.trace, this.nodeIds.length);
    this.slots = this.nodeIds.map((id, index) => this.#createSlot(id, index));
    this.network = new Network(this.state, this.nodeIds, config.network, this.streams);
  }

  /** Puts an event in the queue; an event in the past is a bug in the kernel. */
  schedule(event: SimEvent): void {
    if (event.time < this.state.nowUs) {
      throw new AssertionError(`event scheduled in the past: ${event.time} < ${this.state.nowUs}`);
    }
    this.state.queue.push(event);
  }

  /** Runs `action` (harness code) at virtual time `timeUs` (now, if that has passed). */
  at(timeUs: number, action: () => void): void {
    const event = new SimEvent(Math.max(timeUs, this.state.nowUs), SimEventType.harness, -1);
    event.action = action;
    this.schedule(event);
  }

  /** A node's slot by name; an unknown name is a usage error. */
  slot(node: NodeId): NodeSlot {
    const index = this.indexes.get(node);
    if (index === undefined)
      throw new RangeError(`unknown node "${node}"; nodes are ${this.nodeIds.join(", ")}`);
    return this.slots[index]!;
  }

  /** Calls a node's handler as `target.handler(argument)`; a throw or rejection is a finding. */
  invoke<A>(slot: NodeSlot, handler: (argument: A) => unknown, target: unknown, argument: A): void {
    this.currentNode = slot.index;
    try {
      const result = handler.call(target, argument);
      if (result instanceof Promise) this.awaitHandler(slot, result);
    } catch (error) {
      this.nodeFailed(slot, error);
    } finally {
      this.currentNode = -1;
    }
  }

  /** An async handler: its continuations are settled by the run loop; a rejection is a finding. */
  awaitHandler(slot: NodeSlot, result: Promise<unknown>): void {
    this.asyncTouched = true;
    result.then(undefined, (error: unknown) => this.nodeFailed(slot, error));
  }

  /** A node's code threw: the run fails with a `node-failure` (the first finding wins). */
  nodeFailed(slot: NodeSlot, error: unknown): void {
    if (this.failure !== undefined) return;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    this.trace.recordText(TraceKind.nodeFailure, this.state.nowUs, slot.index, -1, message);
    this.failure = { kind: "node-failure", node: slot.id, message, stack };
  }

  /** The determinism guard caught a call: the run fails, naming the node whose code ran. */
  nondeterminism({ call, stack }: ViolationReport): void {
    if (this.failure !== undefined) return;
    const node = this.currentNode >= 0 ? this.slots[this.currentNode]!.id : undefined;
    const text = `nondeterminism: ${call}`;
    this.trace.recordText(TraceKind.nodeFailure, this.state.nowUs, this.currentNode, -1, text);
    this.failure = { kind: "nondeterminism", node, call, stack };
  }

  /** Records that `event`'s message or request was not delivered, and why (a `DropReason`). */
  traceDrop(event: SimEvent, reason: number): void {
    const { nowUs } = this.state;
    this.trace.record(TraceKind.drop, nowUs, event.source, event.target, event.id, reason);
  }

  #createSlot(id: NodeId, index: number): NodeSlot {
    this.indexes.set(id, index);
    this.trace.endpoints.push(id);
    const disk = new SimDisk(this.streams.stream(`disk:${id}`));
    disk.setFaults(this.config.diskFaults);
    const clock = new NodeClock();
    const { offsetUs, driftPpm } = this.config.clocks[id]!;
    clock.bump(0, offsetUs);
    clock.setDrift(0, driftPpm);
    const random = this.streams.stream(`node:${id}`);
    return new NodeSlot(id, index, this.state.incarnations, disk, clock, random);
  }
}
