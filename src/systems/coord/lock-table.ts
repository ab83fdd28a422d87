/**
 * The locks of the coordination service, as replicated state. A lock is held by one
 * session; each grant comes with a fencing token, the log index of the command that
 * granted it, so tokens strictly increase per lock in every replica (asserted here). A
 * session that acquires a lock it already holds gets a fresh token: its newer work is
 * fenced from its own older work too.
 */
import { assert } from "../../sim/index.js";

/** Who holds a lock, with which token. */
export interface LockGrant {
  readonly session: number;
  readonly token: number;
}

/** What an acquire did. */
export type AcquireOutcome =
  | { readonly granted: true; readonly token: number; readonly renewed: boolean }
  | { readonly granted: false; readonly holder: LockGrant };

/** The held locks and the last token of every lock ever granted. */
export class LockTable {
  readonly #held = new Map<string, LockGrant>();
  readonly #lastToken = new Map<string, number>();

  /** Who holds `lock`, if anyone. */
  holder(lock: string): LockGrant | undefined {
    return this.#held.get(lock);
  }

  /** Grants `lock` to `session` with `token` unless another session holds it. */
  acquire(lock: string, session: number, token: number): AcquireOutcome {
    const holder = this.#held.get(lock);
    if (holder !== undefined && holder.session !== session) return { granted: false, holder };
    const last = this.#lastToken.get(lock) ?? 0;
    assert(token > last, `fencing token of ${lock} must increase: ${token} after ${last}`);
    this.#held.set(lock, { session, token });
    this.#lastToken.set(lock, token);
    return { granted: true, token, renewed: holder !== undefined };
  }

  /** Frees `lock` if `session` holds it; returns whether it did. */
  release(lock: string, session: number): boolean {
    if (this.#held.get(lock)?.session !== session) return false;
    this.#held.delete(lock);
    return true;
  }

  /** Frees every lock `session` holds; returns their names, in the order they were taken. */
  releaseAll(session: number): string[] {
    const released: string[] = [];
    for (const [lock, grant] of this.#held) if (grant.session === session) released.push(lock);
    for (const lock of released) this.#held.delete(lock);
    return released;
  }
}
