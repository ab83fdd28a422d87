/**
 * SWIM membership for one node (Das, Gupta & Motivala, 2002): every protocol period the
 * node probes one member (round-robin over a shuffled list), first directly, then through
 * `indirectProbes` other members; a member that answers neither way becomes suspect, and a
 * suspect that does not refute within the suspicion timeout is declared dead. A member
 * refutes a suspicion about itself by raising its incarnation. News travels piggybacked on
 * every gossip message; a periodic full exchange of views with a random peer (dead ones
 * included) lets two sides of a healed partition find each other again.
 *
 * The planted bug `no-refute` makes the node never raise its incarnation (neither to refute
 * nor when it restarts): once suspected, a live node is declared dead and stays dead.
 */
import { assert } from "../../sim/assert.js";
import type { IncomingMessage, NodeContext, NodeId, TimerId } from "../../sim/node-api.js";
import { DisseminationQueue } from "./dissemination-queue.js";
import { readDurably } from "./durable-read.js";
import type {
  GossipMessage,
  MembersSyncMessage,
  PingMessage,
  PingRequestMessage,
} from "./gossip-messages.js";
import type { GossipOptions } from "./gossip-options.js";
import { isMemberUpdate, type MemberRecord, type MemberUpdate } from "./member-state.js";
import { MembershipView } from "./membership-view.js";

/** Where the node keeps its incarnation on disk. */
const INCARNATION_KEY = "swim/incarnation";

/** A membership change, as reported with `ctx.report` (for invariants and viewers). */
export interface MemberFact {
  readonly type: "member";
  readonly member: NodeId;
  readonly status: MemberRecord["status"];
  readonly incarnation: number;
}

/** The requests SWIM answers. */
export type SwimRequest = PingMessage | PingRequestMessage | MembersSyncMessage;

/** The SWIM failure detector and membership view of one node. */
export class SwimMembership {
  /** What this node believes about its peers. */
  readonly view: MembershipView;
  readonly #ctx: NodeContext;
  readonly #options: GossipOptions;
  readonly #queue: DisseminationQueue;
  readonly #suspicionTimers = new Map<NodeId, TimerId>();
  #incarnation: number;
  #probeOrder: NodeId[] = [];
  #probing = false;

  /** Loads the incarnation from disk; a restarted node comes back with a higher one. */
  constructor(ctx: NodeContext, options: GossipOptions, restarted: boolean) {
    this.#ctx = ctx;
    this.#options = options;
    this.view = new MembershipView(ctx.peers);
    this.#queue = new DisseminationQueue(ctx.peers.length + 1, options.retransmitMultiplier);
    const stored = readDurably(() => ctx.disk.get(INCARNATION_KEY));
    this.#incarnation = typeof stored === "number" ? stored : 0;
    if (restarted && options.bug !== "no-refute") this.#raiseIncarnation(this.#incarnation + 1);
  }

  /** This node's own incarnation. */
  get incarnation(): number {
    return this.#incarnation;
  }

  /** Starts the probe and membership-exchange timers. */
  start(): void {
    const { protocolPeriodMs, membershipSyncIntervalMs } = this.#options;
    this.#ctx.setTimer(this.#ctx.rng.between(1, protocolPeriodMs), () => this.#probeTick());
    this.#ctx.setTimer(this.#ctx.rng.between(1, membershipSyncIntervalMs), () => this.#syncTick());
  }

  /** Peers not believed dead, in the cluster's order. */
  liveMembers(): NodeId[] {
    return this.view.withStatus("alive", "suspect");
  }

  /** Membership news to piggyback on an outgoing message. */
  piggyback(): MemberUpdate[] {
    return this.#queue.take(this.#options.maxPiggyback);
  }

  /** Applies news that arrived on any message (malformed entries are ignored). */
  absorb(updates: readonly unknown[]): void {
    for (const update of updates) {
      if (!isMemberUpdate(update)) continue;
      if (update.member === this.#ctx.id) this.#hearAboutSelf(update);
      else this.#apply(update);
    }
  }

  /** Handles a SWIM request (its piggybacked updates were absorbed by the caller). */
  handle(message: IncomingMessage, body: SwimRequest): void | Promise<void> {
    switch (body.type) {
      case "ping":
        this.#answer(message, "ack");
        return;
      case "ping-req":
        return this.#pingOnBehalf(message, body.target);
      case "members-sync":
        if (Array.isArray(body.view)) this.absorb(body.view);
        if (message.callId !== undefined) this.#ctx.reply(message, this.#syncMessage());
        return;
    }
  }

  /** Everything this node believes, itself included. */
  fullView(): MemberUpdate[] {
    const self: MemberUpdate = {
      member: this.#ctx.id,
      status: "alive",
      incarnation: this.#incarnation,
    };
    return [self, ...this.view.entries()];
  }

  // ------------------------------------------------------------ probing

  #probeTick(): Promise<void> {
    this.#ctx.setTimer(this.#options.protocolPeriodMs, () => this.#probeTick());
    if (this.#probing) return Promise.resolve();
    this.#probing = true;
    return this.#probeOne().finally(() => {
      this.#probing = false;
    });
  }

  async #probeOne(): Promise<void> {
    const target = this.#nextTarget();
    if (target === undefined) return;
    if (await this.#ping(target, this.#options.pingTimeoutMs)) return;
    if (await this.#pingIndirectly(target)) return;
    const record = this.view.record(target);
    if (record?.status === "alive") {
      this.#apply({ member: target, status: "suspect", incarnation: record.incarnation });
    }
  }

  /** The next member to probe: round-robin over a shuffled list of members not believed dead. */
  #nextTarget(): NodeId | undefined {
    for (let attempts = 0; attempts < 2; attempts++) {
      while (this.#probeOrder.length > 0) {
        const next = this.#probeOrder.shift()!;
        if (this.view.record(next)?.status !== "dead") return next;
      }
      this.#probeOrder = this.#ctx.rng.shuffle(this.liveMembers());
    }
    return undefined;
  }

  async #ping(target: NodeId, timeoutMs: number): Promise<boolean> {
    const ping: GossipMessage = { type: "ping", updates: this.piggyback() };
    const result = await this.#ctx.call(target, ping, { timeoutMs });
    if (!result.ok) return false;
    this.#absorbBody(result.body);
    return true;
  }

  async #pingIndirectly(target: NodeId): Promise<boolean> {
    const helpers = this.#ctx.rng
      .shuffle(this.liveMembers().filter((member) => member !== target))
      .slice(0, this.#options.indirectProbes);
    const timeoutMs = this.#options.protocolPeriodMs - this.#options.pingTimeoutMs;
    const answers = await Promise.all(
      helpers.map((helper) => {
        const request: GossipMessage = { type: "ping-req", target, updates: this.piggyback() };
        return this.#ctx.call(helper, request, { timeoutMs });
      }),
    );
    let acked = false;
    for (const answer of answers) {
      if (!answer.ok) continue;
      this.#absorbBody(answer.body);
      if ((answer.body as { type?: unknown }).type === "ack") acked = true;
    }
    return acked;
  }

  async #pingOnBehalf(message: IncomingMessage, target: NodeId): Promise<void> {
    if (message.callId === undefined || typeof target !== "string") return;
    const known = target === this.#ctx.id || this.view.record(target) !== undefined;
    const acked = known && (await this.#ping(target, this.#options.pingTimeoutMs));
    this.#answer(message, acked ? "ack" : "nack");
  }

  #answer(message: IncomingMessage, type: "ack" | "nack"): void {
    if (message.callId === undefined) return;
    this.#ctx.reply(message, { type, updates: this.piggyback() } satisfies GossipMessage);
  }

  #absorbBody(body: unknown): void {
    const updates = (body as { updates?: unknown } | null)?.updates;
    if (Array.isArray(updates)) this.absorb(updates);
  }

  // ------------------------------------------------------------ full view exchange

  async #syncTick(): Promise<void> {
    this.#ctx.setTimer(this.#options.membershipSyncIntervalMs, () => this.#syncTick());
    const peer = this.#ctx.rng.pick(this.#ctx.peers);
    const result = await this.#ctx.call(peer, this.#syncMessage(), {
      timeoutMs: this.#options.protocolPeriodMs,
    });
    if (!result.ok) return;
    const view = (result.body as Partial<MembersSyncMessage> | null)?.view;
    if (Array.isArray(view)) this.absorb(view);
  }

  #syncMessage(): MembersSyncMessage {
    return { type: "members-sync", view: this.fullView(), updates: this.piggyback() };
  }

  // ------------------------------------------------------------ state changes

  #apply(update: MemberUpdate): void {
    const change = this.view.apply(update);
    if (change.type === "unchanged") return;
    const timer = this.#suspicionTimers.get(update.member);
    if (timer !== undefined) {
      this.#ctx.cancelTimer(timer);
      this.#suspicionTimers.delete(update.member);
    }
    if (update.status === "suspect") this.#startSuspicion(update);
    this.#queue.push(update);
    const fact: MemberFact = { type: "member", ...update };
    this.#ctx.report(fact);
  }

  #startSuspicion(update: MemberUpdate): void {
    const timer = this.#ctx.setTimer(this.#options.suspicionTimeoutMs, () => {
      this.#suspicionTimers.delete(update.member);
      const record = this.view.record(update.member);
      if (record?.status !== "suspect" || record.incarnation !== update.incarnation) return;
      this.#apply({ member: update.member, status: "dead", incarnation: update.incarnation });
    });
    this.#suspicionTimers.set(update.member, timer);
  }

  /** News about this node itself: a suspicion or death notice is refuted (unless the bug). */
  #hearAboutSelf(update: MemberUpdate): void {
    if (update.status === "alive" || update.incarnation < this.#incarnation) return;
    if (this.#options.bug === "no-refute") {
      this.#ctx.log(`${update.status} at incarnation ${update.incarnation}: not refuting (bug)`);
      return;
    }
    this.#raiseIncarnation(update.incarnation + 1);
  }

  #raiseIncarnation(incarnation: number): void {
    assert(
      incarnation > this.#incarnation,
      `incarnation must grow: ${this.#incarnation} -> ${incarnation}`,
    );
    this.#incarnation = incarnation;
    this.#ctx.disk.put(INCARNATION_KEY, incarnation);
    this.#ctx.disk.sync();
    this.#queue.push({ member: this.#ctx.id, status: "alive", incarnation });
  }
}
