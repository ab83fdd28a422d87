/**
 * The sessions of the coordination service, as replicated state. A session is a lease
 * with a time to live: a client opens it, renews it, and loses it when the leader expires
 * it (see `session-keeper.ts`); its id is the log index of the command that opened it, so
 * every replica names it alike.
 */
import { assert } from "../../sim/index.js";

/** One open session. */
export interface SessionRecord {
  readonly id: number;
  /** The client that opened it. */
  readonly client: string;
  /** How long it lives without a renewal, in ms. */
  readonly ttlMs: number;
}

/** Shortest and longest TTL a client may ask for, in ms. */
export const SESSION_TTL_MS = { min: 100, max: 60_000 } as const;

/** The open sessions, in the order they were opened. */
export class SessionTable {
  readonly #sessions = new Map<number, SessionRecord>();

  /** Opens session `id` (a log index, so never reused) for `client`; the TTL is clamped to `SESSION_TTL_MS`. */
  open(id: number, client: string, ttlMs: number): SessionRecord {
    assert(!this.#sessions.has(id), `session ${id} opened twice`);
    const ttl = Math.min(SESSION_TTL_MS.max, Math.max(SESSION_TTL_MS.min, Math.round(ttlMs)));
    const record = { id, client, ttlMs: ttl };
    this.#sessions.set(id, record);
    return record;
  }

  /** The session `id`, if open. */
  get(id: number): SessionRecord | undefined {
    return this.#sessions.get(id);
  }

  /** Whether session `id` is open. */
  has(id: number): boolean {
    return this.#sessions.has(id);
  }

  /** Ends session `id`; returns whether it was open. */
  remove(id: number): boolean {
    return this.#sessions.delete(id);
  }

  /** The open sessions' ids, oldest first. */
  ids(): number[] {
    return [...this.#sessions.keys()];
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#sessions.size;
  }
}
