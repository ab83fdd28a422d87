/**
 * One node of `kv-primary-backup`. The active primary of the current view serves every
 * client operation, reads included, one at a time: it applies the operation, sends it to
 * every backup of the view, and answers only once all of them have applied it. Backups and
 * nodes outside the view redirect clients to the primary. A node that hears nothing from a
 * primary for the failure timeout (plus jitter) runs a view change (`view-change.ts`); a
 * primary whose backup does not answer runs one too, to leave that backup out, and one that
 * hears from a node outside its view runs one to take it in.
 *
 * Reads go through the backups as well: it is how a primary that was deposed without
 * knowing it (partitioned away) is prevented from answering reads from a stale state.
 *
 * Planted bug `async-replication`: the primary answers as soon as it has applied an
 * operation, and ships its state to the backups only with its heartbeats. A primary crash,
 * or a partition that isolates the primary long enough for a new view to form, loses the
 * operations acknowledged since the last shipment.
 */
import type {
  ClientRequest,
  IncomingMessage,
  NodeContext,
  NodeId,
  NodeInit,
  NodeSummary,
  SystemNode,
} from "../../../sim/node-api.js";
import type { ClientResult, KvOp } from "../../../workload/protocol.js";
import { clusterOrder } from "../cluster-order.js";
import { kvOpProblem } from "../kv-op-check.js";
import { callWithRetries } from "./call-with-retries.js";
import {
  type HeartbeatMessage,
  isPrimaryBackupMessage,
  type PrepareMessage,
  type PrimaryBackupMessage,
  type ReplicateMessage,
  type StartViewMessage,
} from "./primary-backup-messages.js";
import type { PrimaryBackupOptions } from "./primary-backup-options.js";
import { ReplicaCore, type View } from "./replica-core.js";
import { designatedPrimary } from "./successor-order.js";
import { runViewChange } from "./view-change.js";

/** The fact a node reports when it becomes the active primary of a view. */
export interface ViewStartedFact {
  readonly type: "view-started";
  readonly epoch: number;
  readonly primary: NodeId;
  readonly members: readonly NodeId[];
}

/** Builds one node of `kv-primary-backup`. */
export function createPrimaryBackupNode(init: NodeInit, options: PrimaryBackupOptions): SystemNode {
  return new PrimaryBackupNode(init.ctx, options);
}

class PrimaryBackupNode implements SystemNode {
  readonly #ctx: NodeContext;
  readonly #options: PrimaryBackupOptions;
  readonly #order: readonly NodeId[];
  readonly #core: ReplicaCore;
  readonly #queue: ClientRequest[] = [];
  #active = false;
  #proposing = false;
  #serving = false;
  #knownPrimary: NodeId | undefined = undefined;
  #lastHeardMs: number;
  #patienceMs = 0;
  #lastJoinChangeMs = Number.NEGATIVE_INFINITY;

  constructor(ctx: NodeContext, options: PrimaryBackupOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#order = clusterOrder(ctx.id, ctx.peers);
    this.#core = new ReplicaCore(ctx);
    this.#lastHeardMs = ctx.monotonicNow();
    this.#drawPatience();
    ctx.setTimer(options.heartbeatIntervalMs, () => this.#tick());
  }

  onClientRequest(request: ClientRequest): void | Promise<void> {
    const problem = kvOpProblem(request.op);
    if (problem !== undefined) return this.#ctx.respond(request, problem);
    if (!this.#active) return this.#redirect(request);
    if (this.#queue.length >= this.#options.maxQueuedRequests) {
      return this.#ctx.respond(request, { type: "fail", error: "overloaded" });
    }
    this.#queue.push(request);
    if (!this.#serving) return this.#serveQueue();
  }

  onMessage(message: IncomingMessage): void | Promise<void> {
    const body = message.body;
    if (!isPrimaryBackupMessage(body)) return;
    return this.#dispatch(message, body);
  }

  inspect(): NodeSummary {
    const view = this.#core.view;
    return {
      role: this.#active ? "leader" : view !== undefined ? "backup" : "idle",
      epoch: view?.epoch ?? null,
      promised: this.#core.promised,
      opCount: this.#core.opCount,
      keys: this.#core.keys,
      members: view?.members ?? [],
    };
  }

  #dispatch(message: IncomingMessage, body: PrimaryBackupMessage): void | Promise<void> {
    switch (body.type) {
      case "prepare":
        return this.#onPrepare(message, body);
      case "start-view":
        return this.#onStartView(message, body);
      case "replicate":
        return this.#onReplicate(message, body);
      case "ship-state":
        if (this.#core.view?.primary === message.from) this.#core.takeShippedState(body.state);
        return;
      case "heartbeat":
        return this.#onHeartbeat(message.from, body);
      case "join":
        return this.#onJoin(message.from, body.epoch);
      default:
        return; // promises, rejections and acknowledgements arrive as answers to calls
    }
  }

  // ------------------------------------------------------------ timers and view changes

  #tick(): void | Promise<void> {
    this.#ctx.setTimer(this.#options.heartbeatIntervalMs, () => this.#tick());
    if (this.#active) return this.#sendHeartbeats();
    if (this.#proposing) return;
    const firstEver = this.#core.promised === 0 && this.#order[0] === this.#ctx.id;
    if (firstEver || this.#ctx.monotonicNow() - this.#lastHeardMs > this.#patienceMs)
      return this.#propose();
  }

  async #propose(): Promise<void> {
    if (this.#proposing) return;
    this.#proposing = true;
    this.#active = false;
    const outcome = await runViewChange({
      ctx: this.#ctx,
      core: this.#core,
      order: this.#order,
      promiseTimeoutMs: this.#options.viewChangeTimeoutMs,
      startRetry: {
        timeoutMs: this.#options.replicationTimeoutMs,
        attempts: this.#options.replicationAttempts,
      },
    });
    this.#proposing = false;
    this.#heard();
    if (outcome.type !== "started") {
      this.#ctx.log(`view change failed: ${JSON.stringify(outcome)}`);
      return;
    }
    this.#active = true;
    this.#knownPrimary = this.#ctx.id;
    const fact: ViewStartedFact = { type: "view-started", ...outcome.view };
    this.#ctx.report(fact);
    this.#sendHeartbeats();
  }

  #sendHeartbeats(): void {
    const view = this.#core.view!;
    const heartbeat: HeartbeatMessage = { type: "heartbeat", epoch: view.epoch };
    for (const peer of this.#ctx.peers) this.#ctx.send(peer, heartbeat);
    if (this.#options.bug !== "async-replication") return;
    const shipment = { type: "ship-state", epoch: view.epoch, state: this.#core.state() };
    for (const member of view.members)
      if (member !== this.#ctx.id) this.#ctx.send(member, shipment);
  }

  #heard(): void {
    this.#lastHeardMs = this.#ctx.monotonicNow();
    this.#drawPatience();
  }

  /**
   * How long to wait for a silent primary: the failure timeout times one plus this node's
   * rank among the primary's successors, plus jitter below half a timeout. The immediate
   * successor acts first, so views usually pass down the successor order.
   */
  #drawPatience(): void {
    const { failureTimeoutMs } = this.#options;
    const n = this.#order.length;
    const self = this.#order.indexOf(this.#ctx.id);
    const primary = this.#knownPrimary === undefined ? -1 : this.#order.indexOf(this.#knownPrimary);
    const rank = (((self - primary - 1) % n) + n) % n;
    const jitterMs = this.#ctx.rng.between(0, Math.floor(failureTimeoutMs / 2));
    this.#patienceMs = failureTimeoutMs * (1 + rank) + jitterMs;
  }

  /** Applies a higher promise; a primary or backup of an older view leaves it. */
  #promise(epoch: number): void {
    this.#core.promise(epoch);
    if (this.#core.view === undefined) this.#active = false;
  }

  // ------------------------------------------------------------ serving clients

  async #serveQueue(): Promise<void> {
    this.#serving = true;
    while (this.#queue.length > 0) {
      const request = this.#queue.shift()!;
      if (this.#active) await this.#serveOne(request);
      else this.#redirect(request);
    }
    this.#serving = false;
  }

  async #serveOne(request: ClientRequest): Promise<void> {
    const view = this.#core.view!;
    const op = request.op as KvOp;
    const count = this.#core.opCount + 1;
    const result = this.#core.applyNext(count, request.client, op);
    if (this.#options.bug === "async-replication") return this.#ctx.respond(request, result);
    if (await this.#replicate(view, count, request.client, op)) {
      return this.#ctx.respond(request, result);
    }
    const noEffect = op.f === "read" || result.type === "fail";
    const error = "not every backup applied the operation";
    const uncertain: ClientResult = noEffect ? { type: "fail", error } : { type: "unknown", error };
    this.#ctx.respond(request, uncertain);
    if (this.#active && this.#core.view === view) await this.#propose();
  }

  /** Sends operation `count` to every backup of `view`; true when all of them applied it. */
  async #replicate(view: View, count: number, client: string, op: KvOp): Promise<boolean> {
    const message: ReplicateMessage = { type: "replicate", epoch: view.epoch, count, client, op };
    const backups = view.members.filter((member) => member !== this.#ctx.id);
    const retry = {
      timeoutMs: this.#options.replicationTimeoutMs,
      attempts: this.#options.replicationAttempts,
    };
    const answers = await Promise.all(
      backups.map((backup) => callWithRetries(this.#ctx, backup, message, retry)),
    );
    return answers.every((answer) => {
      const body = answer.ok ? (answer.body as { type?: unknown; count?: unknown }) : undefined;
      return body?.type === "replicate-ack" && body.count === count;
    });
  }

  #redirect(request: ClientRequest): void {
    const leader = this.#knownPrimary;
    const result: ClientResult =
      leader !== undefined && leader !== this.#ctx.id
        ? { type: "redirect", leader }
        : { type: "redirect" };
    this.#ctx.respond(request, result);
  }

  // ------------------------------------------------------------ replica handlers

  #onPrepare(message: IncomingMessage, body: PrepareMessage): void {
    if (message.callId === undefined) return;
    if (body.epoch < this.#core.promised) {
      this.#ctx.reply(message, { type: "reject", promised: this.#core.promised });
      return;
    }
    this.#promise(body.epoch);
    this.#heard();
    this.#ctx.reply(message, { type: "promise", epoch: body.epoch, ...this.#core.state() });
  }

  #onStartView(message: IncomingMessage, body: StartViewMessage): void {
    const { epoch, members, state } = body;
    if (message.callId === undefined || epoch !== this.#core.promised) return;
    if (message.from !== designatedPrimary(this.#order, epoch) || !members.includes(this.#ctx.id)) {
      return;
    }
    if (this.#core.view?.epoch !== epoch) {
      this.#core.startView({ epoch, primary: message.from, members: [...members] }, state);
      this.#active = false;
    }
    this.#knownPrimary = message.from;
    this.#heard();
    this.#ctx.reply(message, { type: "start-view-ack", epoch });
  }

  #onReplicate(message: IncomingMessage, body: ReplicateMessage): void {
    const view = this.#core.view;
    if (message.callId === undefined || view === undefined) return;
    if (view.epoch !== body.epoch || view.primary !== message.from) return;
    this.#heard();
    if (body.count === this.#core.opCount + 1) {
      this.#core.applyNext(body.count, body.client, body.op);
    }
    if (body.count > this.#core.opCount) return; // a gap: the primary will time out
    this.#ctx.reply(message, { type: "replicate-ack", epoch: body.epoch, count: body.count });
  }

  #onHeartbeat(from: NodeId, body: HeartbeatMessage): void {
    const view = this.#core.view;
    if (view?.epoch === body.epoch && view.primary === from) {
      this.#knownPrimary = from;
      this.#heard();
      return;
    }
    if (body.epoch < this.#core.promised || from !== designatedPrimary(this.#order, body.epoch)) {
      return;
    }
    this.#promise(body.epoch);
    this.#knownPrimary = from;
    this.#heard();
    this.#ctx.send(from, { type: "join", epoch: body.epoch });
  }

  #onJoin(from: NodeId, epoch: number): void | Promise<void> {
    const view = this.#core.view;
    if (!this.#active || view?.epoch !== epoch || view.members.includes(from)) return;
    if (this.#ctx.monotonicNow() - this.#lastJoinChangeMs < this.#options.failureTimeoutMs) return;
    this.#lastJoinChangeMs = this.#ctx.monotonicNow();
    return this.#propose();
  }
}
