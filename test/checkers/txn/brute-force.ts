/**
 * A brute-force serializability oracle for small transactional histories, independent of
 * the checker: it tries every order of the committed transactions (respecting real-time
 * order when asked), runs them one at a time on empty lists or registers, and says whether
 * any order reproduces every read the history shows.
 */
import type { HistoryEvent } from "../../../src/checkers/history.js";
import { sameValue, type Value } from "../../../src/checkers/value.js";

interface Txn {
  readonly ops: readonly (readonly [string, Value, Value])[];
  readonly invoke: number;
  readonly complete: number;
}

function committed(history: readonly HistoryEvent[]): Txn[] {
  const open = new Map<unknown, number>();
  const txns: Txn[] = [];
  history.forEach((event, position) => {
    if (event.type === "invoke") open.set(event.process, position);
    else if (event.type === "ok") {
      txns.push({
        ops: event.value as unknown as Txn["ops"],
        invoke: open.get(event.process)!,
        complete: position,
      });
    }
  });
  return txns;
}

function runs(order: readonly Txn[], model: "list-append" | "rw-register"): boolean {
  const state = new Map<string, Value>();
  for (const txn of order) {
    for (const [f, key, value] of txn.ops) {
      const name = JSON.stringify(key);
      if (f === "append")
        state.set(name, [...((state.get(name) as Value[] | undefined) ?? []), value]);
      else if (f === "w") state.set(name, value);
      else {
        const current = state.get(name) ?? (model === "list-append" ? [] : null);
        if (!sameValue(current, value)) return false;
      }
    }
  }
  return true;
}

/**
 * Whether some serial order of the `ok` transactions explains every read (with
 * `realtime`, only orders in which a transaction completed before another was invoked come
 * first). Only for histories without `info` or `fail` transactions.
 */
export function bruteForceSerializable(
  history: readonly HistoryEvent[],
  model: "list-append" | "rw-register",
  realtime: boolean,
): boolean {
  const txns = committed(history);
  const used = new Array<boolean>(txns.length).fill(false);
  const order: Txn[] = [];
  const search = (): boolean => {
    if (order.length === txns.length) return runs(order, model);
    for (let index = 0; index < txns.length; index++) {
      if (used[index]) continue;
      const txn = txns[index]!;
      // Every transaction that completed before this one was invoked must already be placed.
      if (realtime && txns.some((other, at) => !used[at] && other.complete < txn.invoke)) continue;
      used[index] = true;
      order.push(txn);
      const prefixOk = runs(order, model);
      if (prefixOk && search()) return true;
      order.pop();
      used[index] = false;
    }
    return false;
  };
  return search();
}
