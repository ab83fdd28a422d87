/**
 * The key-value state machine the KV reference systems replicate: integer values under
 * string keys, with read, write and compare-and-set, and a table of the last operation
 * applied per client so that a retried operation (same client, same `seq`) is applied
 * once and answered with the result it had. It is plain data (`KvSnapshot`), so replicas
 * can copy it in messages and keep it on disk.
 */
import { assert } from "../../sim/assert.js";
import { CAS_MISMATCH, type ClientResult, type KvOp } from "../../workload/protocol.js";

/** The last write or cas a client had applied, and its result. */
export interface AppliedOperation {
  readonly seq: number;
  readonly result: ClientResult;
}

/** The state machine as plain data. */
export interface KvSnapshot {
  /** Current values by key. */
  readonly data: Readonly<Record<string, number>>;
  /** Last applied write or cas per client. */
  readonly applied: Readonly<Record<string, AppliedOperation>>;
}

/** An empty state machine. */
export function emptyKvSnapshot(): KvSnapshot {
  return { data: {}, applied: {} };
}

/** A key-value state machine. */
export class KvStateMachine {
  readonly #data: Map<string, number>;
  readonly #applied: Map<string, AppliedOperation>;

  /** A state machine holding `snapshot` (copied). */
  constructor(snapshot: KvSnapshot = emptyKvSnapshot()) {
    this.#data = new Map(Object.entries(snapshot.data));
    this.#applied = new Map(Object.entries(snapshot.applied));
  }

  /** Number of keys present. */
  get size(): number {
    return this.#data.size;
  }

  /** Applies `op` for `client` and returns its result (a retry gets the first result). */
  apply(client: string, op: KvOp): ClientResult {
    if (op.f === "read") return { type: "ok", value: this.#data.get(op.key) ?? null };
    const previous = this.#applied.get(client);
    if (previous !== undefined && previous.seq === op.seq) return previous.result;
    const result = this.#mutate(op);
    this.#applied.set(client, { seq: op.seq, result });
    return result;
  }

  #mutate(op: Exclude<KvOp, { f: "read" }>): ClientResult {
    if (op.f === "write") {
      assert(Number.isSafeInteger(op.value), `write needs an integer value, got ${op.value}`);
      this.#data.set(op.key, op.value);
      return { type: "ok" };
    }
    if ((this.#data.get(op.key) ?? null) !== op.from) return { type: "fail", error: CAS_MISMATCH };
    this.#data.set(op.key, op.to);
    return { type: "ok" };
  }

  /** The state as plain data (keys sorted, so equal states give equal snapshots). */
  snapshot(): KvSnapshot {
    const data: Record<string, number> = {};
    for (const key of [...this.#data.keys()].sort()) data[key] = this.#data.get(key)!;
    const applied: Record<string, AppliedOperation> = {};
    for (const client of [...this.#applied.keys()].sort())
      applied[client] = this.#applied.get(client)!;
    return { data, applied };
  }
}
