/**
 * The harness is the network. Every message, whether a node wrote it on stdout, a client
 * sent it or a service answered, passes through `send`: the network draws its latency from
 * the seeded stream, drops it if the nemesis is losing messages, sends a second copy if it
 * is duplicating them, and on delivery drops it if the link is cut by a partition or the
 * receiver is down. Delivery is in due order on the real clock, with one timer for the
 * earliest message.
 *
 * As in Maelstrom, partitions, loss and duplication touch only links between cluster
 * nodes; clients and services are always reachable (a node cut off from them would be
 * indistinguishable from a slow client, and is not what the faults are for).
 */
import type { RandomStream } from "../sim/random.js";
import { DeliveryQueue, type InFlight } from "./delivery-queue.js";
import { drawLatencyMs, type LatencySetting } from "./latency.js";
import type { ProcessRecorder } from "./process-recorder.js";

/** Something messages can be delivered to: a node process, a client or a service. */
export interface Endpoint {
  /** Whether it is a cluster node (partitions, loss and duplication apply to it). */
  readonly isNode: boolean;
  /** Why it cannot receive now (`crashed`), or `undefined` when it can. */
  unavailable(): string | undefined;
  /** Hands it one message. */
  deliver(item: InFlight): void;
}

/** Settings of the network. */
export interface ProcessNetworkOptions {
  readonly latency: LatencySetting;
  readonly random: RandomStream;
  readonly recorder: ProcessRecorder;
  /** Messages in flight at most; past it, `overflow` is called with the sender. */
  readonly maxInFlight: number;
  /** Called once when a sender pushes the network past `maxInFlight`. */
  readonly overflow: (from: string, line: string) => void;
}

/** The harness's network. */
export class ProcessNetwork {
  readonly #options: ProcessNetworkOptions;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #queue = new DeliveryQueue();
  readonly #cut = new Set<string>();
  #sequence = 0;
  #lossProbability = 0;
  #duplicateProbability = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerDueMs = Number.POSITIVE_INFINITY;
  #immediate: NodeJS.Immediate | undefined;
  #stopped = false;
  #overflowed = false;

  constructor(options: ProcessNetworkOptions) {
    this.#options = options;
  }

  /** Registers an endpoint under its id. */
  register(id: string, endpoint: Endpoint): void {
    this.#endpoints.set(id, endpoint);
  }

  /** Whether `id` is a known endpoint. */
  has(id: string): boolean {
    return this.#endpoints.has(id);
  }

  /** How many messages are in flight. */
  get inFlight(): number {
    return this.#queue.size;
  }

  /**
   * Sends `message` (already serialised as `line`) from `from` to `to`. The caller has
   * checked that `to` is registered.
   */
  send(from: string, to: string, message: { readonly body?: unknown }, line: string): void {
    if (this.#stopped) return;
    const recorder = this.#options.recorder;
    const recordId = recorder.sent(from, to, message.body);
    const betweenNodes = this.#isNode(from) && this.#isNode(to);
    if (betweenNodes && this.#options.random.chance(this.#lossProbability)) {
      recorder.dropped(recordId, "loss");
      return;
    }
    this.#enqueue(recordId, from, to, message, line);
    if (betweenNodes && this.#options.random.chance(this.#duplicateProbability)) {
      this.#enqueue(recorder.sent(from, to, message.body), from, to, message, line);
    }
  }

  /** Cuts the directed links `[from, to]` (on top of any cut already). */
  cut(links: readonly (readonly [string, string])[]): void {
    for (const [from, to] of links) this.#cut.add(`${from}\u0000${to}`);
  }

  /** Heals every cut link. */
  healPartitions(): void {
    this.#cut.clear();
  }

  /** Sets the probability that a message between nodes is lost (0 heals). */
  setLoss(probability: number): void {
    this.#lossProbability = probability;
  }

  /** Sets the probability that a message between nodes is delivered twice (0 heals). */
  setDuplication(probability: number): void {
    this.#duplicateProbability = probability;
  }

  /** Stops delivering: pending messages are recorded as dropped at the end of the run. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#immediate !== undefined) clearImmediate(this.#immediate);
    for (const item of this.#queue.drain()) this.#options.recorder.dropped(item.recordId, "end");
  }

  #isNode(id: string): boolean {
    return this.#endpoints.get(id)?.isNode === true;
  }

  #enqueue(recordId: number, from: string, to: string, message: unknown, line: string): void {
    const recorder = this.#options.recorder;
    const dueMs = recorder.nowMs() + drawLatencyMs(this.#options.latency, this.#options.random);
    this.#queue.push({ dueMs, sequence: this.#sequence++, recordId, from, to, line, message });
    if (this.#queue.size > this.#options.maxInFlight && !this.#overflowed) {
      this.#overflowed = true;
      this.#options.overflow(from, line);
    }
    this.#schedule();
  }

  #schedule(): void {
    const next = this.#queue.peek();
    if (next === undefined || this.#stopped || this.#immediate !== undefined) return;
    const waitMs = next.dueMs - this.#options.recorder.nowMs();
    if (waitMs <= 0.5) {
      if (this.#timer !== undefined) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#timerDueMs = Number.POSITIVE_INFINITY;
      }
      this.#immediate = setImmediate(this.#deliverDue);
      return;
    }
    if (this.#timer !== undefined && this.#timerDueMs <= next.dueMs) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerDueMs = next.dueMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerDueMs = Number.POSITIVE_INFINITY;
      this.#deliverDue();
    }, waitMs);
  }

  readonly #deliverDue = (): void => {
    this.#immediate = undefined;
    const nowMs = this.#options.recorder.nowMs() + 0.5;
    for (let next = this.#queue.peek(); next !== undefined && next.dueMs <= nowMs; ) {
      this.#queue.pop();
      this.#deliver(next);
      if (this.#stopped) return;
      next = this.#queue.peek();
    }
    this.#schedule();
  };

  #deliver(item: InFlight): void {
    const recorder = this.#options.recorder;
    const endpoint = this.#endpoints.get(item.to);
    if (endpoint === undefined) {
      recorder.dropped(item.recordId, "unknown destination");
      return;
    }
    if (this.#cut.has(`${item.from}\u0000${item.to}`)) {
      recorder.dropped(item.recordId, "partition");
      return;
    }
    const unavailable = endpoint.unavailable();
    if (unavailable !== undefined) {
      recorder.dropped(item.recordId, unavailable);
      return;
    }
    recorder.delivered(item.recordId);
    endpoint.deliver(item);
  }
}
