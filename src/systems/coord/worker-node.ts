/**
 * A worker: an application server that uses the coordination service the way applications
 * do. It keeps a session open (renewing it every `keepaliveMs`), registers itself in the
 * service registry as an ephemeral entry, watches the registry, and serves the workload's
 * lock clients: `acquire` takes the lock through the service and starts the critical
 * section's work; `release` waits for that work and frees the lock.
 *
 * The work is a read-modify-write of the storage node's resource named after the lock:
 * check that the session's lease is still valid (by the worker's own clock), read, compute
 * for a while, write. A pause during the computation is the classic story: the lease runs
 * out, another worker takes the lock and writes, and this one wakes up and writes too. The
 * worker passes its fencing token with both requests so the storage node can refuse the
 * late write; the planted bug `no-fencing` does not.
 *
 * What the worker answers its clients follows what it knows: `ok` with the fencing token
 * when the service granted the lock, `fail` when it certainly did not (busy), and `unknown`
 * when it cannot tell, including a release of a lock it lost when its session expired
 * (the lock was freed at some moment it did not see).
 */

import { SESSION_RENEWAL, type SessionRenewalFact } from "../../checkers/sessions-invariant.js";
import {
  assert,
  type ClientRequest,
  digestValue,
  type NodeContext,
  type NodeSummary,
  type SystemNode,
  type TimerId,
} from "../../sim/index.js";
import { type ClientResult, isLockOp } from "../../workload/protocol.js";
import type { ClusterLayout } from "./cluster-layout.js";
import type { CoordOptions } from "./coord-options.js";
import { LOCK_NOT_HELD, SESSION_EXPIRED } from "./coord-state-machine.js";
import { ServiceClient } from "./service-client.js";
import type { RegistryChange, RegistryEntryView, WatchBatch } from "./service-ops.js";
import type { StorageReply, StorageRequest } from "./storage-node.js";

/** Where workers register themselves. */
export const WORKERS_PREFIX = "/services/workers/";
/** How often a worker refreshes its view of the registry, in ms. */
const WATCH_MS = 1_000;

interface Session {
  readonly id: number;
  readonly ttlMs: number;
}

interface HeldLock {
  readonly token: number;
}

const UNKNOWN_LOST: ClientResult = { type: "unknown", error: "lock lost: the session expired" };
/** A release after a crash: the worker's past life may have held the lock (until its session expired). */
const UNKNOWN_PAST_LIFE: ClientResult = {
  type: "unknown",
  error: "not held now; the worker restarted and may have held it before",
};

/** One worker. */
export class WorkerNode implements SystemNode {
  readonly #ctx: NodeContext;
  readonly #options: CoordOptions;
  readonly #storage: string;
  readonly #service: ServiceClient;
  #session: Session | undefined;
  #opening: Promise<boolean> | undefined;
  /** Local clock reading when the latest acknowledged renewal (or the opening) was sent. */
  #leaseSentUs = 0;
  #renewals = 0;
  #renewing = false;
  /** The session the worker's registry entry belongs to, once registered. */
  #registered: number | undefined;
  #registering = false;
  /** Locks held under the current session, as far as the worker knows. */
  readonly #held = new Map<string, HeldLock>();
  /** Locks an acquire of unknown outcome may have taken. */
  readonly #uncertain = new Set<string>();
  /** Locks the worker held when its session expired (or that it gave up holding). */
  readonly #lost = new Set<string>();
  readonly #jobs = new Map<string, Promise<void>>();
  readonly #holdTimers = new Map<string, TimerId>();
  #chain: Promise<unknown> = Promise.resolve();
  /** After a crash, the worker does not know which locks its past life held... */
  readonly #restarted: boolean;
  /** ...until it has acquired or released them since. */
  readonly #known = new Set<string>();
  #sections = 0;
  #view: { revision: number; entries: Map<string, RegistryEntryView> } | undefined;

  /** A worker of `layout`; `restarted` when it comes back after a crash. */
  constructor(ctx: NodeContext, layout: ClusterLayout, options: CoordOptions, restarted: boolean) {
    this.#ctx = ctx;
    this.#options = options;
    this.#restarted = restarted;
    this.#storage = layout.storage;
    const name = `${ctx.id}.${ctx.rng.int(2 ** 30).toString(36)}`;
    this.#service = new ServiceClient(ctx, layout.servers, name, options);
    // Every entry point returns its promise, so the simulator runs what it starts at once.
    ctx.setTimer(0, () => this.#ensureSession());
    ctx.setTimer(options.keepaliveMs, () => this.#onKeepaliveTimer());
    ctx.setTimer(WATCH_MS, () => this.#onWatchTimer());
  }

  /** Serves a lock client's acquire or release, one operation at a time. */
  onClientRequest(request: ClientRequest): Promise<void> | undefined {
    const op = request.op;
    if (!isLockOp(op)) {
      this.#ctx.respond(request, { type: "fail", error: "unsupported operation" });
      return undefined;
    }
    const run = () => (op.f === "acquire" ? this.#acquire(op.key) : this.#release(op.key));
    const answer = this.#chain.then(run);
    this.#chain = answer;
    return answer.then((result) => this.#ctx.respond(request, result));
  }

  /** The worker's session and the locks it believes it holds. */
  inspect(): NodeSummary {
    return {
      role: "worker",
      client: this.#service.name,
      session: this.#session?.id ?? null,
      holding: [...this.#held.keys()],
      registered: this.#view === undefined ? null : [...this.#view.entries.keys()],
    };
  }

  // ------------------------------------------------------------------ session

  #ensureSession(): Promise<boolean> {
    if (this.#session !== undefined) return Promise.resolve(true);
    this.#opening ??= this.#openSession().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #openSession(): Promise<boolean> {
    const renewal = this.#renewalSent();
    const sentUs = this.#ctx.monotonicNowUs();
    const result = await this.#service.submit({
      f: "open-session",
      ttlMs: this.#options.sessionTtlMs,
    });
    if (result.type !== "ok") return false;
    const { session, ttlMs } = result.value as { session: number; ttlMs: number };
    this.#session = { id: session, ttlMs };
    this.#leaseSentUs = sentUs;
    this.#renewalAcknowledged(renewal, session);
    this.#ctx.log(`opened session ${session}`);
    void this.#register(this.#session);
    return true;
  }

  /** Registers this worker under its session (ephemeral: it goes with the session). */
  async #register(session: Session): Promise<void> {
    if (this.#registering) return;
    this.#registering = true;
    const result = await this.#service.submit({
      f: "register",
      path: `${WORKERS_PREFIX}${this.#ctx.id}-${session.id}`,
      value: this.#service.name,
      session: session.id,
    });
    this.#registering = false;
    if (result.type === "ok") this.#registered = session.id;
  }

  #onKeepaliveTimer(): Promise<unknown> {
    this.#ctx.setTimer(this.#options.keepaliveMs, () => this.#onKeepaliveTimer());
    const session = this.#session;
    if (session === undefined) return this.#ensureSession();
    return Promise.all([
      this.#renewing ? undefined : this.#renew(session),
      this.#registered === session.id ? undefined : this.#register(session),
    ]);
  }

  async #renew(session: Session): Promise<void> {
    this.#renewing = true;
    const renewal = this.#renewalSent();
    const sentUs = this.#ctx.monotonicNowUs();
    const result = await this.#service.submit({ f: "keepalive", session: session.id });
    this.#renewing = false;
    if (this.#session !== session) return;
    if (result.type === "ok") {
      this.#leaseSentUs = Math.max(this.#leaseSentUs, sentUs);
      this.#renewalAcknowledged(renewal, session.id);
    } else if (result.type === "fail" && result.error === SESSION_EXPIRED) {
      this.#sessionLost();
    }
  }

  /** The session expired: every lock held under it is gone. */
  #sessionLost(): void {
    this.#ctx.log(`session ${this.#session?.id} expired`);
    for (const lock of [...this.#held.keys(), ...this.#uncertain]) this.#lost.add(lock);
    this.#held.clear();
    this.#uncertain.clear();
    this.#session = undefined;
    void this.#ensureSession();
  }

  /** Whether the session's lease is still valid by this worker's monotonic clock. */
  #leaseValid(): boolean {
    const session = this.#session;
    if (session === undefined) return false;
    const promisedMs = session.ttlMs - this.#options.sessionDriftMarginMs;
    return this.#ctx.monotonicNowUs() < this.#leaseSentUs + promisedMs * 1000;
  }

  #renewalSent(): string {
    const renewal = `${this.#service.name}:${++this.#renewals}`;
    const fact: SessionRenewalFact = { type: SESSION_RENEWAL, renewal, phase: "sent" };
    this.#ctx.report(fact);
    return renewal;
  }

  #renewalAcknowledged(renewal: string, session: number): void {
    const fact: SessionRenewalFact = {
      type: SESSION_RENEWAL,
      renewal,
      phase: "acknowledged",
      session: String(session),
    };
    this.#ctx.report(fact);
  }

  // ------------------------------------------------------------------ locks

  async #acquire(lock: string): Promise<ClientResult> {
    if (!(await this.#ensureSession())) return { type: "fail", error: "no session" };
    await this.#jobs.get(lock);
    const session = this.#session!;
    const result = await this.#service.submit({ f: "acquire-lock", session: session.id, lock });
    if (result.type === "unknown" || result.type === "redirect") {
      this.#uncertain.add(lock);
      return { type: "unknown", error: result.type === "unknown" ? result.error : "no leader" };
    }
    if (result.type === "fail") {
      if (result.error === SESSION_EXPIRED && this.#session === session) this.#sessionLost();
      return result;
    }
    const { token } = result.value as { token: number };
    this.#uncertain.delete(lock);
    this.#lost.delete(lock);
    this.#known.add(lock);
    if (this.#session === session) this.#startWork(lock, token);
    else this.#lost.add(lock);
    return { type: "ok", value: token };
  }

  async #release(lock: string): Promise<ClientResult> {
    this.#clearHoldTimer(lock);
    await this.#jobs.get(lock);
    if (this.#lost.delete(lock)) return UNKNOWN_LOST;
    const session = this.#session;
    const held = this.#held.get(lock);
    const maybeHeld = this.#held.delete(lock) || this.#uncertain.has(lock);
    this.#uncertain.delete(lock);
    if (session === undefined) return this.#notHeld(lock, maybeHeld);
    const result = await this.#service.submit({ f: "release-lock", session: session.id, lock });
    this.#lost.delete(lock); // this release settles whatever happened to the lock meanwhile
    if (result.type === "ok") {
      this.#known.add(lock);
      return result;
    }
    if (result.type === "fail") {
      if (result.error === SESSION_EXPIRED && this.#session === session) this.#sessionLost();
      return this.#notHeld(lock, maybeHeld);
    }
    // The release may not have happened: keep holding, so the hold limit frees the lock.
    if (this.#session === session) this.#hold(lock, held?.token ?? 0);
    return { type: "unknown", error: result.type === "unknown" ? result.error : "no leader" };
  }

  /**
   * The answer to a release of a lock the session does not hold: it certainly did nothing,
   * but the lock may have been held and lost (with an expired session, or a past life).
   */
  #notHeld(lock: string, maybeHeld: boolean): ClientResult {
    const known = !this.#restarted || this.#known.has(lock);
    this.#known.add(lock);
    if (!known) return UNKNOWN_PAST_LIFE;
    return maybeHeld ? UNKNOWN_LOST : { type: "fail", error: LOCK_NOT_HELD };
  }

  /** Starts the critical section's work under `lock`. */
  #startWork(lock: string, token: number): void {
    this.#hold(lock, token);
    const holder = `${this.#service.name}#${++this.#sections}`;
    const job = this.#work(lock, token, holder).finally(() => {
      if (this.#jobs.get(lock) === job) this.#jobs.delete(lock);
    });
    this.#jobs.set(lock, job);
  }

  /** Notes that `lock` is held, with a limit on how long it waits for its release. */
  #hold(lock: string, token: number): void {
    this.#held.set(lock, { token });
    this.#clearHoldTimer(lock);
    this.#holdTimers.set(
      lock,
      this.#ctx.setTimer(this.#options.holdMsMax, () => this.#giveUp(lock)),
    );
  }

  /** No release came in time: free the lock, and answer a late release "unknown". */
  #giveUp(lock: string): Promise<unknown> | undefined {
    this.#holdTimers.delete(lock);
    const session = this.#session;
    if (session === undefined || !this.#held.has(lock)) return undefined;
    this.#ctx.log(`releasing ${lock}: held for ${this.#options.holdMsMax} ms without a release`);
    this.#held.delete(lock);
    this.#lost.add(lock);
    this.#chain = this.#chain.then(() =>
      this.#service.submit({ f: "release-lock", session: session.id, lock }),
    );
    return this.#chain;
  }

  #clearHoldTimer(lock: string): void {
    const timer = this.#holdTimers.get(lock);
    if (timer === undefined) return;
    this.#ctx.cancelTimer(timer);
    this.#holdTimers.delete(lock);
  }

  /** Read, compute, write: the work a lock protects. */
  async #work(lock: string, token: number, holder: string): Promise<void> {
    if (!this.#leaseValid()) {
      this.#ctx.log(`skipping the work under ${lock}: the session's lease ran out`);
      return;
    }
    // The planted bug: the worker does not pass its fencing token, so the storage node
    // cannot refuse a holder whose lock has passed to another.
    const fence = this.#options.bug === "no-fencing" ? null : token;
    const read = await this.#storageCall({
      type: "storage-read",
      resource: lock,
      holder,
      token: fence,
    });
    if (read?.ok !== true) return;
    await this.#ctx.sleep(this.#ctx.rng.between(this.#options.workMsMin, this.#options.workMsMax));
    await this.#storageCall({
      type: "storage-write",
      resource: lock,
      holder,
      token: fence,
      value: read.value + 1,
    });
  }

  async #storageCall(request: StorageRequest): Promise<StorageReply | undefined> {
    const reply = await this.#ctx.call(this.#storage, request, {
      timeoutMs: this.#options.storageTimeoutMs,
    });
    return reply.ok ? (reply.body as StorageReply) : undefined;
  }

  // ------------------------------------------------------------------ registry

  #onWatchTimer(): Promise<void> {
    this.#ctx.setTimer(WATCH_MS, () => this.#onWatchTimer());
    return this.#refreshView();
  }

  /** Lists the registry, or applies the changes since the view's revision and checks them. */
  async #refreshView(): Promise<void> {
    const view = this.#view;
    if (view === undefined) {
      const result = await this.#service.submit({ f: "list", prefix: WORKERS_PREFIX });
      if (result.type !== "ok") return;
      const listing = result.value as { revision: number; entries: RegistryEntryView[] };
      this.#view = {
        revision: listing.revision,
        entries: new Map(listing.entries.map((entry) => [entry.path, entry])),
      };
      return;
    }
    const result = await this.#service.submit({
      f: "watch",
      prefix: WORKERS_PREFIX,
      since: view.revision,
    });
    if (result.type === "fail") this.#view = undefined; // compacted: list again
    if (result.type !== "ok" || this.#view !== view) return;
    const batch = result.value as WatchBatch;
    if (batch.revision < view.revision) return; // an older leader's answer
    for (const change of batch.changes) applyChange(view.entries, change);
    view.revision = batch.revision;
    const listing = [...view.entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    assert(
      digestValue(listing) === batch.digest,
      `${this.#ctx.id}: the registry seen through watch differs from the registry at revision ${batch.revision}`,
    );
  }
}

/** Applies one registry change to a watcher's view. */
function applyChange(entries: Map<string, RegistryEntryView>, change: RegistryChange): void {
  if (change.kind === "delete") {
    entries.delete(change.path);
    return;
  }
  entries.set(change.path, {
    path: change.path,
    value: change.value ?? "",
    session: change.session ?? null,
    revision: change.revision,
  });
}
