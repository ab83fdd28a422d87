/**
 * Where clients meet nodes. A client's request travels with client latency (client links
 * are not cut by partitions) to the node's `onClientRequest`; the node's `ctx.respond`
 * travels back to the client's callback. Only the first answer to a request counts, and a
 * crashed node never answers: clients need timeouts. Facts nodes `report` go to the
 * harness's listeners (invariants) from here too.
 */
import { assert } from "./assert.js";
import type { Deliveries } from "./deliveries.js";
import { digestInt32 } from "./digest.js";
import type { ClientRequest, NodeId } from "./node-api.js";
import { type NodeSlot, NodeState } from "./node-slot.js";
import type { RandomStream } from "./random.js";
import type { SimCore } from "./sim-core.js";
import { SimEvent, SimEventType } from "./sim-event.js";
import { TraceKind } from "./trace.js";

/** Receives the facts nodes report with `ctx.report`. */
export type ReportListener = (node: NodeId, fact: unknown) => void;

/** A client's pending request. */
interface PendingRequest {
  readonly client: number;
  readonly node: number;
  readonly onResponse: (result: unknown) => void;
  answered: boolean;
}

/** Client requests and responses, and node reports. */
export class ClientGateway {
  readonly #core: SimCore;
  readonly #deliveries: Deliveries;
  readonly #clients = new Map<string, number>();
  readonly #clientRandom: RandomStream;
  readonly #requests = new Map<number, PendingRequest>();
  readonly #reportListeners: ReportListener[] = [];

  constructor(core: SimCore, deliveries: Deliveries) {
    this.#core = core;
    this.#deliveries = deliveries;
    this.#clientRandom = core.streams.stream("clients");
  }

  /** Sends a client operation to a node; returns the request id (see `Simulation.request`). */
  request(client: string, node: NodeId, op: unknown, onResponse: (result: unknown) => void) {
    const core = this.#core;
    const slot = core.slot(node);
    const clientIndex = this.#clientIndex(client);
    const id = ++core.sequence;
    const digest = digestInt32(op);
    const { nowUs } = core.state;
    const sent = core.trace.record(
      TraceKind.clientRequest,
      nowUs,
      clientIndex,
      slot.index,
      id,
      digest,
    );
    core.trace.attachPayload(sent, op);
    this.#requests.set(id, { client: clientIndex, node: slot.index, onResponse, answered: false });
    const event = new SimEvent(
      nowUs + this.#clientLatency(),
      SimEventType.clientDeliver,
      slot.index,
    );
    event.source = clientIndex;
    event.incarnation = slot.incarnation;
    event.id = id;
    event.body = op;
    event.digest = digest;
    core.schedule(event);
    return id;
  }

  /** Forgets a request the client gave up on; a later answer is dropped. */
  abandon(requestId: number): void {
    this.#requests.delete(requestId);
  }

  /** A request came due at its node. */
  deliverRequest(event: SimEvent): void {
    const core = this.#core;
    const slot = core.slots[event.target]!;
    if (!this.#deliveries.reachable(slot, event)) return;
    if (slot.state === NodeState.paused) {
      slot.held.push(event);
      return;
    }
    const { nowUs } = core.state;
    core.trace.record(
      TraceKind.clientDeliver,
      nowUs,
      event.source,
      slot.index,
      event.id,
      event.digest,
    );
    const instance = slot.instance;
    const client = core.trace.endpoints[event.source]!;
    const request: ClientRequest = { id: event.id, client, op: event.body };
    if (instance?.onClientRequest === undefined) {
      const error = new Error(`node ${slot.id} got a client request but has no onClientRequest`);
      core.nodeFailed(slot, error);
      return;
    }
    core.invoke(slot, instance.onClientRequest, instance, request);
  }

  /** A node answered a request (`ctx.respond`): the answer travels back to its client. */
  respond(slot: NodeSlot, request: ClientRequest, result: unknown): void {
    const core = this.#core;
    const pending = this.#requests.get(request.id);
    if (pending === undefined || pending.answered || pending.node !== slot.index) return;
    pending.answered = true;
    const digest = digestInt32(result);
    const { nowUs } = core.state;
    const kind = TraceKind.clientReply;
    const sent = core.trace.record(kind, nowUs, slot.index, pending.client, request.id, digest);
    core.trace.attachPayload(sent, result);
    const type = SimEventType.clientResponse;
    const event = new SimEvent(nowUs + this.#clientLatency(), type, pending.client);
    event.source = slot.index;
    event.id = request.id;
    event.body = result;
    event.digest = digest;
    core.schedule(event);
  }

  /** An answer came due at its client. */
  deliverResponse(event: SimEvent): void {
    const core = this.#core;
    const pending = this.#requests.get(event.id);
    const { nowUs } = core.state;
    const kind = TraceKind.clientResponse;
    core.trace.record(kind, nowUs, event.source, event.target, event.id, event.digest);
    if (pending === undefined) return;
    this.#requests.delete(event.id);
    pending.onResponse(event.body);
  }

  /** Adds a listener for the facts nodes report. */
  onReport(listener: ReportListener): void {
    this.#reportListeners.push(listener);
  }

  /** A node reported a fact (`ctx.report`): traced, then told to every listener. */
  report(slot: NodeSlot, fact: unknown): void {
    const core = this.#core;
    const digest = digestInt32(fact);
    const index = core.trace.record(TraceKind.report, core.state.nowUs, slot.index, -1, 0, digest);
    core.trace.attachPayload(index, fact);
    for (const listener of this.#reportListeners) listener(slot.id, fact);
  }

  #clientIndex(client: string): number {
    let index = this.#clients.get(client);
    if (index === undefined) {
      const core = this.#core;
      assert(!core.indexes.has(client), `client name "${client}" is also a node name`);
      index = core.trace.endpoints.length;
      core.trace.endpoints.push(client);
      this.#clients.set(client, index);
    }
    return index;
  }

  #clientLatency(): number {
    const { clientLatencyUsMin: min, clientLatencyUsMax: max } = this.#core.config.network;
    return min + Math.floor(this.#clientRandom.next() * (max - min + 1));
  }
}
