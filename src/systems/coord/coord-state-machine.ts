/**
 * The coordination service's replicated state machine, plugged into the reference Raft:
 * sessions (leases with a TTL), locks with fencing tokens, and the service registry with
 * watches. Every replica applies the same commands in log order and reaches the same state;
 * the leader's duty of expiring silent sessions lives in `session-keeper.ts`.
 *
 * As it applies commands, each replica reports what happened to sessions and ephemeral
 * entries (locks count as ephemeral entries `lock:<name>` of their holder's session) as
 * `session-events` facts, which the sessions invariant judges.
 */

import type { AppliedSessionEvent, SessionEventsFact } from "../../checkers/sessions-invariant.js";
import { digestValue } from "../../sim/index.js";
import type { ClientResult } from "../../workload/protocol.js";
import { ClientSessions } from "../raft/client-sessions.js";
import type { Command } from "../raft/log-entry.js";
import type { OperationKind, StateMachine } from "../raft/state-machine.js";
import type { CoordBug } from "./coord-options.js";
import { LockTable } from "./lock-table.js";
import {
  isServiceOp,
  type LeaderOp,
  type ListOp,
  SERVICE_READS,
  type ServiceOp,
  type WatchOp,
} from "./service-ops.js";
import { ServiceRegistry } from "./service-registry.js";
import { SessionKeeper } from "./session-keeper.js";
import { SessionTable } from "./session-table.js";

const UNSUPPORTED: ClientResult = { type: "fail", error: "unsupported operation" };
const OK: ClientResult = { type: "ok" };

/** The error of an operation on a session that does not exist (any more). */
export const SESSION_EXPIRED = "session-expired";
/** The error of an acquire while another session holds the lock. */
export const LOCK_BUSY = "busy";
/** The error of a release of a lock the session does not hold. */
export const LOCK_NOT_HELD = "not-held";

/** The ephemeral-entry path a held lock is reported as. */
export function lockPath(lock: string): string {
  return `lock:${lock}`;
}

/** How a replica's state machine is built. */
export interface CoordMachineOptions {
  /** How often the leader looks for sessions to expire, in ms. */
  readonly expiryCheckMs: number;
  /** The planted bug, or "none". */
  readonly bug: CoordBug | "none";
  /** Where facts go (`ctx.report`). */
  readonly report: (fact: unknown) => void;
}

/** One replica's coordination state. */
export class CoordStateMachine implements StateMachine {
  readonly #sessions = new SessionTable();
  readonly #locks = new LockTable();
  readonly #registry = new ServiceRegistry();
  readonly #clients = new ClientSessions();
  readonly #keeper: SessionKeeper;
  readonly #options: CoordMachineOptions;
  /** The last applied log index: the registry's revision. */
  #revision = 0;
  #events: AppliedSessionEvent[] = [];

  /** An empty replica state; the log is applied to it from the first entry. */
  constructor(options: CoordMachineOptions) {
    this.#options = options;
    this.#keeper = new SessionKeeper(this.#sessions, {
      expiryCheckMs: options.expiryCheckMs,
      trustsClock: options.bug === "lease-local-clock",
      deletesEntriesFromMemory: options.bug === "ephemeral-leak",
    });
  }

  /** The leader's session expiry. */
  get leaderDuties(): SessionKeeper {
    return this.#keeper;
  }

  /** Reads (keepalive, list, watch) go by the read path; everything else through the log. */
  classify(op: unknown): OperationKind | undefined {
    if (!isServiceOp(op)) return undefined;
    return SERVICE_READS.has(op.f) ? "read" : "write";
  }

  /** The stored answer of a retried write. */
  sessionAnswer(client: string, seq: number): ClientResult | undefined {
    return this.#clients.answer(client, seq);
  }

  /** Applies one committed command. */
  apply(command: Command, index: number): ClientResult {
    this.#revision = index;
    const result = this.#applyCommand(command, index);
    if (this.#events.length > 0) {
      const fact: SessionEventsFact = { type: "session-events", index, events: this.#events };
      this.#options.report(fact);
      this.#events = [];
    }
    return result;
  }

  /** Answers a read from the applied state. */
  query(op: unknown): ClientResult {
    if (!isServiceOp(op)) return UNSUPPORTED;
    switch (op.f) {
      case "keepalive":
        if (!this.#sessions.has(op.session)) return { type: "fail", error: SESSION_EXPIRED };
        if (this.#keeper.isExpiring(op.session))
          return { type: "unknown", error: "session expiring" };
        return OK;
      case "list":
        return { type: "ok", value: this.#list(op) };
      case "watch":
        return this.#watch(op);
      default:
        return UNSUPPORTED;
    }
  }

  #applyCommand(command: Command, index: number): ClientResult {
    switch (command.type) {
      case "noop":
        return OK;
      case "kv":
        return UNSUPPORTED;
      case "leader":
        this.#applyLeaderOp(command.body as LeaderOp, index);
        return OK;
      case "op": {
        const op = command.op;
        if (!isServiceOp(op)) return UNSUPPORTED;
        if (SERVICE_READS.has(op.f)) return this.query(op);
        return this.#clients.applyOnce(command.client, op.seq, () =>
          this.#write(command.client, op, index),
        );
      }
    }
  }

  #write(client: string, op: ServiceOp, index: number): ClientResult {
    switch (op.f) {
      case "open-session": {
        const session = this.#sessions.open(index, client, op.ttlMs);
        this.#keeper.opened(session.id);
        return { type: "ok", value: { session: session.id, ttlMs: session.ttlMs } };
      }
      case "close-session":
        if (!this.#sessions.has(op.session)) return { type: "fail", error: SESSION_EXPIRED };
        this.#endSession(op.session, index, true);
        return OK;
      case "acquire-lock":
        return this.#acquire(op.session, op.lock, index);
      case "release-lock":
        if (!this.#locks.release(op.lock, op.session))
          return { type: "fail", error: LOCK_NOT_HELD };
        this.#events.push({
          kind: "deleted",
          session: String(op.session),
          path: lockPath(op.lock),
        });
        return OK;
      case "register":
        return this.#register(op.path, op.value, op.session, index);
      case "unregister":
        this.#deleteEntry(op.path, index);
        return OK;
      default:
        return UNSUPPORTED;
    }
  }

  #acquire(session: number, lock: string, index: number): ClientResult {
    if (!this.#sessions.has(session)) return { type: "fail", error: SESSION_EXPIRED };
    const outcome = this.#locks.acquire(lock, session, index);
    if (!outcome.granted) return { type: "fail", error: LOCK_BUSY };
    if (!outcome.renewed) {
      this.#events.push({ kind: "created", session: String(session), path: lockPath(lock) });
    }
    return { type: "ok", value: { token: outcome.token } };
  }

  #register(path: string, value: string, session: number | null, index: number): ClientResult {
    if (session !== null && !this.#sessions.has(session)) {
      return { type: "fail", error: SESSION_EXPIRED };
    }
    const replaced = this.#registry.put(path, value, session, index);
    if (replaced?.session != null) {
      this.#events.push({ kind: "deleted", session: String(replaced.session), path });
    }
    if (session !== null) {
      this.#events.push({ kind: "created", session: String(session), path });
      this.#keeper.entryCreated(session, path);
    }
    return { type: "ok", value: { revision: index } };
  }

  #deleteEntry(path: string, index: number): void {
    const removed = this.#registry.delete(path, index);
    if (removed?.session != null) {
      this.#events.push({ kind: "deleted", session: String(removed.session), path });
    }
  }

  #applyLeaderOp(op: LeaderOp, index: number): void {
    if (op.f === "expire-session") {
      if (!this.#sessions.has(op.session)) return;
      this.#events.push({ kind: "expired", session: String(op.session) });
      // The planted bug: the expiry leaves the session's registrations to the leader, which
      // deletes (with "delete-entries") only those it saw created while it led.
      this.#endSession(op.session, index, this.#options.bug !== "ephemeral-leak");
      return;
    }
    if (op.f === "delete-entries") {
      for (const path of op.paths) {
        if (this.#registry.get(path)?.session === op.session) this.#deleteEntry(path, index);
      }
    }
  }

  /** Ends a session: frees its locks and (unless told not to) deletes its registrations. */
  #endSession(session: number, index: number, deletesRegistrations: boolean): void {
    this.#sessions.remove(session);
    this.#keeper.ended(session);
    for (const lock of this.#locks.releaseAll(session)) {
      this.#events.push({ kind: "deleted", session: String(session), path: lockPath(lock) });
    }
    if (!deletesRegistrations) return;
    for (const path of this.#registry.ephemeralPaths(session)) this.#deleteEntry(path, index);
  }

  #list(op: ListOp) {
    return { revision: this.#revision, entries: this.#registry.list(op.prefix) };
  }

  #watch(op: WatchOp): ClientResult {
    const changes = this.#registry.changesSince(op.prefix, op.since);
    if (changes === "compacted") return { type: "fail", error: "compacted" };
    const digest = digestValue(this.#registry.list(op.prefix));
    return { type: "ok", value: { revision: this.#revision, changes, digest } };
  }
}
