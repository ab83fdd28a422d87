/**
 * Turns a history's events into transactions: each process's invoke is paired with its
 * completion, and each value is read as a list of micro-operations. `ok` transactions take
 * their micro-operations from the completion (reads filled in), the others from the invoke
 * (an `info` or never-completed transaction's reads are unknown). Malformed input is a
 * problem naming the event, never a guess.
 */
import type { HistoryEvent, HistorySource, ProcessId } from "../history.js";
import type { Checked, HistoryProblem } from "../history-problem.js";
import { formatValue, type Value } from "../value.js";
import type { MicroOp, MicroOpFunction, TxnModel, TxnRef } from "./types.js";

/** A transaction with the positions of its events, as the inference uses it. */
export interface Transaction extends TxnRef {
  /** Its 0-based number: `id - 1`. */
  readonly index: number;
}

/** The transactions of a history, in order of invocation. */
export interface TransactionHistory {
  readonly transactions: readonly Transaction[];
  /** The number of events in the history (positions range over 0..eventCount-1). */
  readonly eventCount: number;
}

const FUNCTIONS: Readonly<Record<TxnModel, readonly MicroOpFunction[]>> = {
  "list-append": ["append", "r"],
  "rw-register": ["w", "r"],
};

function describe(value: Value | undefined): string {
  if (value === undefined) return "nothing";
  const text = formatValue(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads one micro-op, or says what is wrong with it. */
function readMicroOp(
  raw: Value,
  model: TxnModel,
  completed: boolean,
): MicroOp | { expected: string; found: string } {
  const functions = FUNCTIONS[model];
  // Elle and Maelstrom write an unfilled read as [r k] as well as [r k nil].
  const shortRead = Array.isArray(raw) && raw.length === 2 && raw[0] === "r";
  if (!Array.isArray(raw) || (raw.length !== 3 && !shortRead)) {
    return {
      expected: `a micro-operation [f key value] with f one of ${functions.join(", ")}`,
      found: describe(raw),
    };
  }
  const f = raw[0];
  const key = raw[1] as Value;
  const value = raw.length === 3 ? (raw[2] as Value) : null;
  if (typeof f !== "string" || !functions.includes(f as MicroOpFunction)) {
    return {
      expected: `a micro-operation function ${functions.map((name) => `"${name}"`).join(" or ")} for ${model}`,
      found: describe(f),
    };
  }
  const listRead = f === "r" && completed && model === "list-append";
  if (listRead && value !== null && !Array.isArray(value)) {
    return {
      expected: "a read of a list (or nil) in a completed transaction",
      found: describe(value),
    };
  }
  if (f !== "r" && value === null) {
    return { expected: `a value to ${f === "w" ? "write" : "append"}`, found: "nil" };
  }
  // The input's own array is kept when it already has the final shape (no copy per op).
  if (raw.length === 3 && !(listRead && value === null)) return raw as unknown as MicroOp;
  return [f as MicroOpFunction, key as Value, listRead && value === null ? [] : value];
}

function readMicroOps(
  value: Value | undefined,
  model: TxnModel,
  completed: boolean,
): readonly MicroOp[] | { expected: string; found: string } {
  if (!Array.isArray(value)) {
    return {
      expected: 'a transaction: a list of micro-operations such as [["r", 1, null]]',
      found: describe(value),
    };
  }
  // The input's own list is kept unless some micro-op had to be rewritten (no copy per event).
  let ops: MicroOp[] | undefined;
  const raws = value as readonly Value[];
  for (let index = 0; index < raws.length; index++) {
    const raw = raws[index]!;
    const op = readMicroOp(raw, model, completed);
    if (!Array.isArray(op)) return op as { expected: string; found: string };
    if (ops === undefined && op !== raw) ops = raws.slice(0, index) as unknown as MicroOp[];
    ops?.push(op as MicroOp);
  }
  return ops ?? (raws as unknown as readonly MicroOp[]);
}

/** Small non-negative integer process ids take the array fast path of `OpenTable`. */
const SMALL_PROCESS_LIMIT = 1 << 20;

function isSmallProcess(process: ProcessId): process is number {
  return typeof process === "number" && process >= 0 && process < SMALL_PROCESS_LIMIT;
}

/** Each process's open invocation: an array for small integer ids, a map for the rest. */
class OpenTable<T> {
  private readonly small: (T | undefined)[] = [];
  private readonly others = new Map<ProcessId, T>();

  get(process: ProcessId): T | undefined {
    return isSmallProcess(process) ? this.small[process] : this.others.get(process);
  }

  set(process: ProcessId, value: T | undefined): void {
    if (isSmallProcess(process)) this.small[process] = value;
    else if (value === undefined) this.others.delete(process);
    else this.others.set(process, value);
  }

  /** The invocations still open, small process ids first, then the others in insertion order. */
  remaining(): T[] {
    const open = this.small.filter((value): value is T => value !== undefined);
    return [...open, ...this.others.values()];
  }
}

interface Open {
  readonly event: HistoryEvent;
  readonly index: number;
  readonly ops: readonly MicroOp[];
}

function place(
  index: number,
  source: HistorySource | undefined,
): Pick<HistoryProblem, "file" | "line" | "eventIndex"> {
  const line = source?.lines[index];
  if (source === undefined || line === undefined) return { eventIndex: index };
  return { file: source.file, line };
}

function makeTransaction(
  index: number,
  open: Open,
  status: "ok" | "fail" | "info",
  ops: readonly MicroOp[],
  completeIndex: number | undefined,
): Transaction {
  return {
    index,
    id: index + 1,
    process: open.event.process,
    status,
    ops,
    invokeIndex: open.index,
    ...(completeIndex === undefined ? {} : { completeIndex }),
  };
}

/**
 * Pairs and reads a transactional history. Every event must have `f` `"txn"` (Jepsen's and
 * Maelstrom's name) and a list of micro-operations as its value.
 *
 * @example
 * ```ts
 * const parsed = parseTransactions(events, "list-append");
 * if (parsed.ok) console.log(parsed.value.transactions.length);
 * ```
 */
export function parseTransactions(
  events: readonly HistoryEvent[],
  model: TxnModel,
  source?: HistorySource,
): Checked<TransactionHistory> {
  const slots: (Transaction | undefined)[] = [];
  const open = new OpenTable<Open & { slot: number }>();
  const fail = (index: number, expected: string, found: string): Checked<TransactionHistory> => ({
    ok: false,
    problem: { ...place(index, source), expected, found },
  });
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (event.f !== "txn") return fail(index, 'f "txn" (a transaction)', `f "${event.f}"`);
    const pending = open.get(event.process);
    if (event.type === "invoke") {
      if (pending !== undefined) {
        return fail(
          index,
          `a completion of process ${String(event.process)}'s transaction first`,
          "a second invoke",
        );
      }
      const ops = readMicroOps(event.value, model, false);
      if (!Array.isArray(ops))
        return fail(
          index,
          (ops as { expected: string }).expected,
          (ops as { found: string }).found,
        );
      open.set(event.process, { event, index, ops: ops as readonly MicroOp[], slot: slots.length });
      slots.push(undefined);
      continue;
    }
    if (pending === undefined)
      return fail(
        index,
        "an invoke before this completion",
        `an ${event.type} with no open invocation`,
      );
    open.set(event.process, undefined);
    let ops = pending.ops;
    if (event.type === "ok") {
      const completed = readMicroOps(event.value, model, true);
      if (!Array.isArray(completed)) {
        return fail(
          index,
          (completed as { expected: string }).expected,
          (completed as { found: string }).found,
        );
      }
      ops = completed as readonly MicroOp[];
    }
    slots[pending.slot] = makeTransaction(pending.slot, pending, event.type, ops, index);
  }
  for (const pending of open.remaining()) {
    slots[pending.slot] = makeTransaction(pending.slot, pending, "info", pending.ops, undefined);
  }
  return { ok: true, value: { transactions: slots as Transaction[], eventCount: events.length } };
}
