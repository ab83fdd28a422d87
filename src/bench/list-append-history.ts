/**
 * Generated list-append histories for the `elle` benchmark: up to 100 processes run
 * transactions of 1-6 micro-operations (half appends, half reads) over a pool of active
 * keys; each key retires after a fixed number of appends and a fresh key takes its place, as
 * Jepsen's list-append workload does, so reads stay short however long the history. Each
 * transaction takes effect at its invocation, so the history is strict serializable: the
 * checker must find nothing. Seeded xorshift, so every run checks the same history.
 */
import type { HistoryEvent } from "../checkers/history.js";
import type { Value } from "../checkers/value.js";

/** How a history is generated. */
export interface ListAppendHistoryOptions {
  readonly transactions: number;
  readonly processes: number;
  readonly activeKeys: number;
  readonly appendsPerKey: number;
  readonly seed: number;
}

/** The defaults of the benchmark. */
export const LIST_APPEND_BENCH_DEFAULTS: Omit<ListAppendHistoryOptions, "transactions"> = {
  processes: 100,
  activeKeys: 100,
  appendsPerKey: 16,
  seed: 1,
};

class Xorshift {
  constructor(private state: number) {}

  /** An integer in [0, bound). */
  below(bound: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return (x >>> 0) % bound;
  }
}

type MicroOp = [string, number, Value];

/** Generates the events of one history; see the module comment. */
export function generateListAppendHistory(options: ListAppendHistoryOptions): HistoryEvent[] {
  const random = new Xorshift(options.seed | 0 || 1);
  const lists: number[][] = [];
  const active: number[] = [];
  // One unfilled read per key and one snapshot per key state, shared by every transaction
  // that reads it, as a recorder that interns its values would keep them.
  const readInvokes: MicroOp[] = [];
  const snapshots: (MicroOp | undefined)[] = [];
  for (let key = 0; key < options.activeKeys; key++) {
    active.push(key);
    lists.push([]);
    readInvokes.push(["r", key, null]);
    snapshots.push(undefined);
  }
  const pending: (MicroOp[] | undefined)[] = new Array(options.processes).fill(undefined);
  const events: HistoryEvent[] = [];
  let nextValue = 1;
  let started = 0;
  let open = 0;
  while (started < options.transactions || open > 0) {
    const process = random.below(options.processes);
    const done = pending[process];
    if (done !== undefined) {
      events.push({ process, type: "ok", f: "txn", value: done as Value });
      pending[process] = undefined;
      open--;
      continue;
    }
    if (started >= options.transactions) continue;
    started++;
    open++;
    const invoked: MicroOp[] = [];
    const completed: MicroOp[] = [];
    const count = 1 + random.below(6);
    for (let index = 0; index < count; index++) {
      const slot = random.below(active.length);
      const key = active[slot]!;
      const list = lists[key]!;
      if (random.below(2) === 0) {
        const op: MicroOp = ["append", key, nextValue++];
        list.push(op[2] as number);
        invoked.push(op);
        completed.push(op);
        snapshots[key] = undefined;
        if (list.length >= options.appendsPerKey) {
          active[slot] = lists.length;
          readInvokes.push(["r", lists.length, null]);
          snapshots.push(undefined);
          lists.push([]);
        }
      } else {
        invoked.push(readInvokes[key]!);
        let snapshot = snapshots[key];
        if (snapshot === undefined) {
          snapshot = ["r", key, list.slice()];
          snapshots[key] = snapshot;
        }
        completed.push(snapshot);
      }
    }
    events.push({ process, type: "invoke", f: "txn", value: invoked as Value });
    pending[process] = completed;
  }
  return events;
}
