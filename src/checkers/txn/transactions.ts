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
  if (!Array.isArray(raw) || raw.length !== 3) {
    return {
      expected: `a micro-operation [f key value] with f one of ${functions.join(", ")}`,
      found: describe(raw),
    };
  }
  const [f, key, value] = raw as readonly Value[];
  if (typeof f !== "string" || !functions.includes(f as MicroOpFunction)) {
    return {
      expected: `a micro-operation function ${functions.map((name) => `"${name}"`).join(" or ")} for ${model}`,
      found: describe(f),
    };
  }
  if (
    f === "r" &&
    completed &&
    model === "list-append" &&
    value !== null &&
    !Array.isArray(value)
  ) {
    return {
      expected: "a read of a list (or nil) in a completed transaction",
      found: describe(value),
    };
  }
  if (f !== "r" && (value === null || value === undefined)) {
    return { expected: `a value to ${f === "w" ? "write" : "append"}`, found: "nil" };
  }
  return [
    f as MicroOpFunction,
    key as Value,
    f === "r" && completed && model === "list-append" && value === null ? [] : (value as Value),
  ];
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
  const ops: MicroOp[] = [];
  for (const raw of value as readonly Value[]) {
    const op = readMicroOp(raw, model, completed);
    if (!Array.isArray(op)) return op as { expected: string; found: string };
    ops.push(op as MicroOp);
  }
  return ops;
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
  const open = new Map<ProcessId, Open & { slot: number }>();
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
    open.delete(event.process);
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
  for (const pending of open.values()) {
    slots[pending.slot] = makeTransaction(pending.slot, pending, "info", pending.ops, undefined);
  }
  return { ok: true, value: { transactions: slots as Transaction[], eventCount: events.length } };
}
