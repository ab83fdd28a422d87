/**
 * Epidemic broadcast of a replicated state's updates, for one node. A node that learns
 * something new (from a client or a peer) persists it, then pushes it to `fanout` random
 * live members, which do the same: news spreads like an infection, in about log(n) rounds.
 * Pushes can be lost (drops, partitions, crashes), so every `antiEntropyIntervalMs` the node
 * also runs a push-pull exchange of digests with a random live member: whoever lacks
 * something receives it. Anti-entropy is what guarantees convergence after faults heal.
 *
 * The planted bug `no-anti-entropy` switches the exchange off: a push that is lost is lost
 * for good, so values added on one side of a partition never reach the other.
 */
import { TornRecord } from "../../sim/disk.js";
import type { IncomingMessage, NodeContext, NodeId } from "../../sim/node-api.js";
import { readDurably } from "./durable-read.js";
import type {
  DeltaMessage,
  DigestMessage,
  DigestReplyMessage,
  GossipMessage,
  RumorMessage,
} from "./gossip-messages.js";
import type { GossipOptions } from "./gossip-options.js";
import type { ReplicatedState } from "./replicated-state.js";
import type { SwimMembership } from "./swim-membership.js";

/** The disk log holding every update this node learned, in order. */
export const UPDATES_LOG = "gossip/updates";

/** The messages the broadcast answers. */
export type BroadcastMessage = RumorMessage | DigestMessage | DeltaMessage;

/** Epidemic broadcast and anti-entropy for one node. */
export class EpidemicBroadcast {
  readonly #ctx: NodeContext;
  readonly #options: GossipOptions;
  readonly #membership: SwimMembership;
  readonly #state: ReplicatedState;

  constructor(
    ctx: NodeContext,
    options: GossipOptions,
    membership: SwimMembership,
    state: ReplicatedState,
  ) {
    this.#ctx = ctx;
    this.#options = options;
    this.#membership = membership;
    this.#state = state;
  }

  /** Replays the updates persisted by earlier lives into the state. */
  restore(): void {
    for (const record of readDurably(() => this.#ctx.disk.read(UPDATES_LOG))) {
      if (!(record instanceof TornRecord)) this.#state.apply(record);
    }
  }

  /** Starts anti-entropy (unless the `no-anti-entropy` bug is on). */
  start(): void {
    if (this.#options.bug === "no-anti-entropy") return;
    const first = this.#ctx.rng.between(1, this.#options.antiEntropyIntervalMs);
    this.#ctx.setTimer(first, () => this.#antiEntropyTick());
  }

  /** Persists a new update (durably: it may have been acknowledged) and starts spreading it. */
  publish(update: unknown, except?: NodeId): void {
    this.#ctx.disk.append(UPDATES_LOG, update);
    this.#ctx.disk.sync();
    const targets = this.#membership.liveMembers().filter((member) => member !== except);
    for (const target of this.#ctx.rng.shuffle(targets).slice(0, this.#options.fanout)) {
      const rumor: RumorMessage = { type: "rumor", update, updates: this.#membership.piggyback() };
      this.#ctx.send(target, rumor);
    }
  }

  /** Handles a rumor, a digest or a delta (piggybacked updates were absorbed by the caller). */
  handle(message: IncomingMessage, body: BroadcastMessage): void {
    switch (body.type) {
      case "rumor":
      case "delta": {
        const fresh = this.#state.apply(body.type === "rumor" ? body.update : body.delta);
        if (fresh !== undefined) this.publish(fresh, message.from);
        return;
      }
      case "digest":
        this.#answerDigest(message, body);
        return;
    }
  }

  #answerDigest(message: IncomingMessage, body: DigestMessage): void {
    if (message.callId === undefined || typeof body.digest !== "string") return;
    const reply: DigestReplyMessage = {
      type: "digest-reply",
      digest: this.#state.digest(),
      delta: this.#state.deltaFor(body.digest),
      updates: this.#membership.piggyback(),
    };
    this.#ctx.reply(message, reply);
  }

  async #antiEntropyTick(): Promise<void> {
    this.#ctx.setTimer(this.#options.antiEntropyIntervalMs, () => this.#antiEntropyTick());
    const live = this.#membership.liveMembers();
    const peer = this.#ctx.rng.pick(live.length > 0 ? live : this.#ctx.peers);
    const request: DigestMessage = {
      type: "digest",
      digest: this.#state.digest(),
      updates: this.#membership.piggyback(),
    };
    const answer = await this.#ctx.call(peer, request, {
      timeoutMs: this.#options.antiEntropyIntervalMs,
    });
    if (!answer.ok) return;
    const reply = answer.body as Partial<DigestReplyMessage> | null;
    if (reply?.type !== "digest-reply" || typeof reply.digest !== "string") return;
    if (Array.isArray(reply.updates)) this.#membership.absorb(reply.updates);
    if (reply.delta !== undefined) {
      const fresh = this.#state.apply(reply.delta);
      if (fresh !== undefined) this.publish(fresh, peer);
    }
    const delta = this.#state.deltaFor(reply.digest);
    if (delta === undefined) return;
    const push: GossipMessage = { type: "delta", delta, updates: this.#membership.piggyback() };
    this.#ctx.send(peer, push);
  }
}
