/**
 * The reference Raft's default state machine: a map from keys to integers with read, write
 * and compare-and-set, plus client sessions (`client-sessions.ts`), so a retried write
 * takes effect once and both copies answer the same. Reads do not touch the session
 * because applying them twice changes nothing.
 */
import { CAS_MISMATCH, type ClientResult, isKvOp, type KvOp } from "../../workload/protocol.js";
import { ClientSessions } from "./client-sessions.js";
import type { Command } from "./log-entry.js";
import type { OperationKind, StateMachine } from "./state-machine.js";

const UNSUPPORTED: ClientResult = { type: "fail", error: "unsupported operation" };

/** The KV store of one node, rebuilt by applying the log from the start after a restart. */
export class KvStateMachine implements StateMachine {
  readonly #values = new Map<string, number>();
  readonly #sessions = new ClientSessions();

  /** The current value of `key`, or null when absent. */
  read(key: string): number | null {
    return this.#values.get(key) ?? null;
  }

  /** Reads are served by the read path; writes and compare-and-sets go through the log. */
  classify(op: unknown): OperationKind | undefined {
    if (!isKvOp(op)) return undefined;
    return op.f === "read" ? "read" : "write";
  }

  /** Answers a read of `op.key` from the applied state. */
  query(op: unknown): ClientResult {
    if (!isKvOp(op) || op.f !== "read") return UNSUPPORTED;
    return { type: "ok", value: this.read(op.key) };
  }

  /**
   * The stored answer when `client`'s operation `seq` was already applied (or superseded),
   * undefined when it has not been applied yet.
   */
  sessionAnswer(client: string, seq: number): ClientResult | undefined {
    return this.#sessions.answer(client, seq);
  }

  /** Applies a committed command and returns the answer for the client that sent it. */
  apply(command: Command): ClientResult {
    if (command.type !== "kv") return command.type === "op" ? UNSUPPORTED : { type: "ok" };
    const { client, op } = command;
    if (op.f === "read") return { type: "ok", value: this.read(op.key) };
    return this.#sessions.applyOnce(client, op.seq, () => this.#mutate(op));
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
