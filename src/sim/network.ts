/**
 * The simulated network between nodes: seeded per-link latency, loss, duplication and
 * reordering, directed cuts (partitions, one-way partitions), and held links. Every link
 * draws from its own random stream, so traffic on one link never shifts another's draws.
 * Faults come in pairs of verbs: `partition`/`heal`, `cut`/`repair`, `hold`/`release`,
 * and storms (`setDropRate`, `setDuplicateRate`, `setExtraLatency`) ended by `calm`.
 */
import { assert } from "./assert.js";
import type { KernelState } from "./kernel-state.js";
import type { NodeId } from "./node-api.js";
import type { NetworkOptions } from "./options.js";
import type { PartitionPlan } from "./partition-shapes.js";
import { groupsPlan } from "./partition-shapes.js";
import type { RandomStream, RandomStreams } from "./random.js";
import type { SimEvent } from "./sim-event.js";
import { DropReason as importedDropReason, TraceKind as importedTraceKind } from "./trace.js";

// Imported bindings are read from memory, with a check, at every use, while a module's own
// `const` bindings are folded into the compiled code: the hot paths use these local copies.
const DropReason = importedDropReason;
const TraceKind = importedTraceKind;

class LinkState {
  cut = false;
  held = false;
  readonly heldMessages: SimEvent[] = [];
  lastDeliveryUs = 0;
  readonly random: RandomStream;

  constructor(random: RandomStream) {
    this.random = random;
  }
}

/** The network of one simulation. */
export class Network {
  readonly #state: KernelState;
  readonly #nodeIds: readonly NodeId[];
  readonly #indexes: Map<NodeId, number>;
  readonly #links: LinkState[];
  readonly #defaults: NetworkOptions;
  #dropRate = 0;
  #duplicateRate = 0;
  readonly #nodeCount: number;
  /** Smallest latency, and how many values latency can take (max - min + 1), in us. */
  readonly #latencyUsMin: number;
  readonly #latencySpanUs: number;
  #extraLatencyUsMin = 0;
  #extraLatencyUsMax = 0;
  #cutCount = 0;

  /** Built by the simulation; users reach it as `sim.network`. */
  constructor(
    state: KernelState,
    nodeIds: readonly NodeId[],
    options: NetworkOptions,
    streams: RandomStreams,
  ) {
    this.#state = state;
    this.#nodeIds = nodeIds;
    this.#indexes = new Map(nodeIds.map((id, index) => [id, index]));
    this.#defaults = options;
    this.#nodeCount = nodeIds.length;
    this.#latencyUsMin = options.latencyUsMin;
    this.#latencySpanUs = options.latencyUsMax - options.latencyUsMin + 1;
    this.#dropRate = options.dropRate;
    this.#duplicateRate = options.duplicateRate;
    this.#links = [];
    for (const from of nodeIds) {
      for (const to of nodeIds)
        this.#links.push(new LinkState(streams.stream(`network:${from}->${to}`)));
    }
  }

  /** The settings the network started with. */
  get defaults(): NetworkOptions {
    return this.#defaults;
  }

  /** Current loss rate. */
  get dropRate(): number {
    return this.#dropRate;
  }

  /** Current duplication rate. */
  get duplicateRate(): number {
    return this.#duplicateRate;
  }

  /** Whether any link is cut. */
  get partitioned(): boolean {
    return this.#cutCount > 0;
  }

  /** Whether messages from `from` to `to` are cut. */
  isCut(from: NodeId, to: NodeId): boolean {
    return this.#link(this.#index(from), this.#index(to)).cut;
  }

  /** Whether the link from node index `from` to node index `to` is cut (hot path). */
  isCutAt(from: number, to: number): boolean {
    return this.#links[from * this.#nodeCount + to]!.cut;
  }

  /** Cuts every link between the groups (nodes in no group form one more group). */
  partition(groups: readonly (readonly NodeId[])[]): void {
    this.apply(groupsPlan(this.#nodeIds, groups));
  }

  /** Cuts the links of a partition plan (see `partition-shapes.ts` for named shapes). */
  apply(plan: PartitionPlan): void {
    for (const [from, to] of plan.cuts) this.#setCut(this.#index(from), this.#index(to), true);
    this.#note(`partition ${plan.description}`);
  }

  /** Cuts one direction of one link. */
  cut(from: NodeId, to: NodeId): void {
    this.#setCut(this.#index(from), this.#index(to), true);
    this.#note(`cut ${from}->${to}`);
  }

  /** Repairs one direction of one link. */
  repair(from: NodeId, to: NodeId): void {
    this.#setCut(this.#index(from), this.#index(to), false);
    this.#note(`repair ${from}->${to}`);
  }

  /** Repairs every cut link. */
  heal(): void {
    for (const link of this.#links) link.cut = false;
    this.#cutCount = 0;
    this.#note("heal");
  }

  /** Holds messages sent from `from` to `to` until `release` (those in flight still arrive). */
  hold(from: NodeId, to: NodeId): void {
    this.#link(this.#index(from), this.#index(to)).held = true;
    this.#note(`hold ${from}->${to}`);
  }

  /** Releases a held link: its held messages leave now, with fresh latency. */
  release(from: NodeId, to: NodeId): void {
    const link = this.#link(this.#index(from), this.#index(to));
    link.held = false;
    this.#note(`release ${from}->${to} (${link.heldMessages.length} held)`);
    for (const event of link.heldMessages.splice(0)) {
      event.time = this.#deliveryTime(link);
      this.#state.queue.push(event);
    }
  }

  /** Sets the loss rate (a loss storm); `calm` restores the default. */
  setDropRate(rate: number): void {
    assert(rate >= 0 && rate <= 1, `drop rate must be in [0, 1], got ${rate}`);
    this.#dropRate = rate;
    this.#note(`drop rate ${rate}`);
  }

  /** Sets the duplication rate (a duplication storm); `calm` restores the default. */
  setDuplicateRate(rate: number): void {
    assert(rate >= 0 && rate <= 1, `duplicate rate must be in [0, 1], got ${rate}`);
    this.#duplicateRate = rate;
    this.#note(`duplicate rate ${rate}`);
  }

  /** Adds extra latency, drawn uniformly in [minUs, maxUs], to every message (a delay storm). */
  setExtraLatency(minUs: number, maxUs: number): void {
    assert(
      Number.isInteger(minUs) && minUs >= 0 && maxUs >= minUs,
      `bad extra latency ${minUs}..${maxUs}`,
    );
    this.#extraLatencyUsMin = minUs;
    this.#extraLatencyUsMax = maxUs;
    this.#note(`extra latency ${minUs}..${maxUs}us`);
  }

  /** Ends every storm: loss, duplication and latency go back to the defaults. Cuts stay. */
  calm(): void {
    this.#dropRate = this.#defaults.dropRate;
    this.#duplicateRate = this.#defaults.duplicateRate;
    this.#extraLatencyUsMin = 0;
    this.#extraLatencyUsMax = 0;
    this.#note("calm");
  }

  /**
   * Sends a message from node index `from` to node index `to`: traces the send, then drops,
   * holds or schedules it (and maybe a duplicate). `event` is the delivery to schedule.
   */
  transmit(event: SimEvent): void {
    const from = event.source;
    const to = event.target;
    const trace = this.#state.trace;
    const sent = trace.record(TraceKind.send, this.#state.nowUs, from, to, event.id, event.digest);
    if (trace.keepPayloads) trace.attachPayload(sent, event.body);
    const link = this.#links[from * this.#nodeCount + to]!;
    if (link.cut) {
      this.#drop(event, DropReason.partition);
      return;
    }
    // A node's messages to itself are never lost or duplicated.
    const remote = from !== to;
    if (remote && link.random.chance(this.#dropRate)) {
      this.#drop(event, DropReason.loss);
      return;
    }
    this.#dispatch(link, event);
    if (remote && link.random.chance(this.#duplicateRate)) this.#duplicate(link, event);
  }

  #drop(event: SimEvent, reason: number): void {
    const { nowUs, trace } = this.#state;
    trace.record(TraceKind.drop, nowUs, event.source, event.target, event.id, reason);
    this.#state.pool.recycle(event);
  }

  #duplicate(link: LinkState, event: SimEvent): void {
    const { nowUs, trace } = this.#state;
    trace.record(TraceKind.duplicate, nowUs, event.source, event.target, event.id, event.digest);
    this.#dispatch(link, this.#copy(event));
  }

  #dispatch(link: LinkState, event: SimEvent): void {
    event.incarnation = this.#state.incarnations[event.target]!;
    if (link.held) {
      link.heldMessages.push(event);
      return;
    }
    event.time = this.#deliveryTime(link);
    this.#state.queue.push(event);
  }

  /** Now plus a latency drawn from the link's stream (and after its last delivery, if fifo). */
  #deliveryTime(link: LinkState): number {
    let latency = this.#latencyUsMin;
    if (this.#latencySpanUs > 1) latency += Math.floor(link.random.next() * this.#latencySpanUs);
    if (this.#extraLatencyUsMax > 0) latency += this.#extraLatency(link);
    const time = this.#state.nowUs + latency;
    return this.#defaults.fifo ? this.#inOrder(link, time) : time;
  }

  #extraLatency(link: LinkState): number {
    return link.random.between(this.#extraLatencyUsMin, this.#extraLatencyUsMax);
  }

  #inOrder(link: LinkState, time: number): number {
    const inOrder = Math.max(time, link.lastDeliveryUs);
    link.lastDeliveryUs = inOrder;
    return inOrder;
  }

  #copy(event: SimEvent): SimEvent {
    const copy = this.#state.pool.message(event.target);
    copy.source = event.source;
    copy.id = event.id;
    copy.callId = event.callId;
    copy.isReply = event.isReply;
    copy.body = event.body;
    copy.digest = event.digest;
    return copy;
  }

  #setCut(from: number, to: number, cut: boolean): void {
    if (from === to) return;
    const link = this.#link(from, to);
    if (link.cut !== cut) this.#cutCount += cut ? 1 : -1;
    link.cut = cut;
  }

  #link(from: number, to: number): LinkState {
    return this.#links[from * this.#nodeCount + to]!;
  }

  #index(node: NodeId): number {
    const index = this.#indexes.get(node);
    if (index === undefined) throw new RangeError(`unknown node "${node}"`);
    return index;
  }

  #note(text: string): void {
    this.#state.trace.recordText(TraceKind.network, this.#state.nowUs, -1, -1, text);
  }
}
