/**
 * Client sessions (Raft thesis §6.3): per client, the sequence number of the last write it
 * had applied and that write's answer. A retried write (the same `seq`, appended to the log
 * twice, e.g. once by each of two leaders) takes effect once and both copies answer the
 * same. Clients number their operations increasingly and keep at most one write
 * outstanding, so an older `seq` than the last applied one is a retry whose answer is gone.
 * Part of the replicated state: every replica builds the same table by applying the log.
 */
import type { ClientResult } from "../../workload/protocol.js";

interface Session {
  readonly seq: number;
  readonly result: ClientResult;
}

/** The last applied write of every client. */
export class ClientSessions {
  readonly #sessions = new Map<string, Session>();

  /**
   * The stored answer when `client`'s write `seq` was already applied (or superseded),
   * undefined when it has not been applied yet.
   */
  answer(client: string, seq: number): ClientResult | undefined {
    const session = this.#sessions.get(client);
    if (session === undefined || seq > session.seq) return undefined;
    if (seq === session.seq) return session.result;
    return { type: "unknown", error: `superseded: client already moved on to seq ${session.seq}` };
  }

  /** Records that `client`'s write `seq` was applied and answered `result`. */
  record(client: string, seq: number, result: ClientResult): void {
    this.#sessions.set(client, { seq, result });
  }

  /**
   * Applies `client`'s write `seq` once: the stored answer for a retry, otherwise `apply()`'s
   * answer, recorded.
   */
  applyOnce(client: string, seq: number, apply: () => ClientResult): ClientResult {
    const stored = this.answer(client, seq);
    if (stored !== undefined) return stored;
    const result = apply();
    this.record(client, seq, result);
    return result;
  }
}
