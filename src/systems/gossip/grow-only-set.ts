/**
 * A grow-only set of integers (a G-Set, the simplest state-based CRDT), as the gossip
 * reference system's replicated state. An update is a sorted list of values; merging is
 * set union. The digest is the size and a 32-bit hash of the sorted members, so two
 * replicas can tell in one message whether they differ; when they do, each sends the other
 * all of its members (the sets in these tests are small, so that is cheaper than a
 * finer-grained exchange would be to get right).
 */
import { digestValue } from "../../sim/digest.js";
import type { SetOp } from "../../workload/protocol.js";
import type { ReplicatedState, ServedOperation } from "./replicated-state.js";

/** Whether `update` is a list of safe integers. */
function isValueList(update: unknown): update is number[] {
  return Array.isArray(update) && update.every((value) => Number.isSafeInteger(value));
}

/** A grow-only set of integers. */
export class GrowOnlySet implements ReplicatedState {
  readonly #members = new Set<number>();
  #sorted: number[] | undefined = [];

  serve(op: SetOp): ServedOperation {
    if (op.f === "read-set") return { result: { type: "ok", value: [...this.values()] } };
    if (!Number.isSafeInteger(op.value)) {
      return { result: { type: "fail", error: `add needs an integer, got ${String(op.value)}` } };
    }
    const update = this.apply([op.value]);
    return update === undefined ? { result: { type: "ok" } } : { result: { type: "ok" }, update };
  }

  apply(update: unknown): number[] | undefined {
    if (!isValueList(update)) return undefined;
    const fresh = update.filter((value) => !this.#members.has(value));
    if (fresh.length === 0) return undefined;
    for (const value of fresh) this.#members.add(value);
    this.#sorted = undefined;
    return [...new Set(fresh)].sort((a, b) => a - b);
  }

  digest(): string {
    const values = this.values();
    return `${values.length}:${digestValue(values).toString(16)}`;
  }

  deltaFor(peerDigest: string): number[] | undefined {
    if (peerDigest === this.digest() || this.#members.size === 0) return undefined;
    return [...this.values()];
  }

  values(): readonly number[] {
    this.#sorted ??= [...this.#members].sort((a, b) => a - b);
    return this.#sorted;
  }
}
