/**
 * The replicated state machine: a map from keys to integers with read, write and
 * compare-and-set, plus client sessions. A session remembers, per client, the sequence
 * number of the last write or cas it applied and that operation's result, so a retried
 * operation (the same `seq`, appended twice to the log) takes effect once and both copies
 * answer the same. Clients number their operations increasingly; reads do not touch the
 * session because applying them twice changes nothing.
 */
import { CAS_MISMATCH, type ClientResult, type KvOp } from "../../workload/protocol.js";
import type { Command } from "./log-entry.js";

interface Session {
  readonly seq: number;
  readonly result: ClientResult;
}

/** The KV store of one node, rebuilt by applying the log from the start after a restart. */
export class KvStateMachine {
  readonly #values = new Map<string, number>();
  readonly #sessions = new Map<string, Session>();

  /** The current value of `key`, or null when absent. */
  read(key: string): number | null {
    return this.#values.get(key) ?? null;
  }

  /**
   * The stored answer when `client`'s operation `seq` was already applied (or superseded),
   * undefined when it has not been applied yet.
   */
  sessionAnswer(client: string, seq: number): ClientResult | undefined {
    const session = this.#sessions.get(client);
    if (session === undefined || seq > session.seq) return undefined;
    if (seq === session.seq) return session.result;
    return { type: "unknown", error: `superseded: client already moved on to seq ${session.seq}` };
  }

  /** Applies a committed command and returns the answer for the client that sent it. */
  apply(command: Command): ClientResult {
    if (command.type === "noop") return { type: "ok" };
    const { client, op } = command;
    if (op.f === "read") return { type: "ok", value: this.read(op.key) };
    const stored = this.sessionAnswer(client, op.seq);
    if (stored !== undefined) return stored;
    const result = this.#mutate(op);
    this.#sessions.set(client, { seq: op.seq, result });
    return result;
  }

  #mutate(op: Exclude<KvOp, { f: "read" }>): ClientResult {
    if (op.f === "write") {
      this.#values.set(op.key, op.value);
      return { type: "ok" };
    }
    if (this.read(op.key) !== op.from) return { type: "fail", error: CAS_MISMATCH };
    this.#values.set(op.key, op.to);
    return { type: "ok" };
  }
}
