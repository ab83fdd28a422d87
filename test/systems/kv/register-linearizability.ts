/**
 * A small linearizability check for key-value histories, for these tests only (the
 * project's full checker lives in `src/checkers`). Per key, it searches for an order of
 * the operations that respects real time and the register's semantics (Wing & Gong, with
 * memoisation of (linearized set, value)). An operation invoked at the instant another
 * completed comes after it (the client saw the answer first). Operations that failed or were redirected did
 * not happen and are left out; operations that timed out or answered `unknown` may or may
 * not have happened, at any time after their invocation. The search has a bound: past it,
 * the answer is "unknown", never a wrong verdict.
 */
import type { HistoryEntry } from "./client-driver.js";

/** The verdict for a history. */
export type RegisterVerdict =
  | { readonly type: "linearizable"; readonly operations: number }
  | {
      readonly type: "not-linearizable";
      readonly key: string;
      readonly operations: readonly string[];
    }
  | { readonly type: "unknown"; readonly key: string };

interface Operation {
  readonly invokeUs: number;
  /** Infinity when the operation may or may not have happened. */
  readonly completeUs: number;
  readonly definite: boolean;
  readonly f: string;
  readonly value: number | null;
  readonly from: number | null;
  readonly text: string;
}

/** Most search states explored per key before the answer is "unknown". */
const MAX_STATES = 500_000;

/** Checks a history of read/write/cas operations on integer registers. */
export function checkRegisters(history: readonly HistoryEntry[]): RegisterVerdict {
  const byKey = new Map<string, Operation[]>();
  for (const entry of history) {
    const operation = toOperation(entry);
    if (operation === undefined) continue;
    const key = entry.op.key as string;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(operation);
  }
  let count = 0;
  for (const key of [...byKey.keys()].sort()) {
    const operations = byKey.get(key)!.sort((a, b) => a.invokeUs - b.invokeUs);
    count += operations.length;
    const verdict = searchKey(operations);
    if (verdict === "unknown") return { type: "unknown", key };
    if (verdict === "no") {
      return { type: "not-linearizable", key, operations: operations.map((op) => op.text) };
    }
  }
  return { type: "linearizable", operations: count };
}

function toOperation(entry: HistoryEntry): Operation | undefined {
  const { op, outcome } = entry;
  if (outcome.type === "fail" || outcome.type === "redirect") return undefined;
  const definite = outcome.type === "ok";
  if (op.f === "read" && !definite) return undefined;
  const value =
    op.f === "read"
      ? ((outcome as { value?: number | null }).value ?? null)
      : ((op.value ?? op.to) as number);
  const from = op.f === "cas" ? (op.from as number) : null;
  const text =
    `${entry.client} ${op.f}(${op.f === "cas" ? `${from}->` : ""}${value}) ` +
    `[${entry.invokeUs}, ${definite ? entry.completeUs : "?"}] via ${entry.node}: ${outcome.type}`;
  return {
    invokeUs: entry.invokeUs,
    completeUs: definite ? entry.completeUs : Number.POSITIVE_INFINITY,
    definite,
    f: op.f,
    value,
    from,
    text,
  };
}

/** "yes", "no" or "unknown" for one key's operations (sorted by invocation). */
function searchKey(operations: readonly Operation[]): "yes" | "no" | "unknown" {
  const done = new Array<boolean>(operations.length).fill(false);
  const seen = new Set<string>();
  let definiteLeft = operations.filter((op) => op.definite).length;
  let states = 0;
  const search = (value: number | null): boolean | "unknown" => {
    if (definiteLeft === 0) return true;
    const memo = `${done.map((d) => (d ? 1 : 0)).join("")}:${value}`;
    if (seen.has(memo)) return false;
    seen.add(memo);
    if (++states > MAX_STATES) return "unknown";
    let horizon = Number.POSITIVE_INFINITY;
    operations.forEach((op, i) => {
      if (!done[i]) horizon = Math.min(horizon, op.completeUs);
    });
    for (let i = 0; i < operations.length; i++) {
      const op = operations[i]!;
      if (done[i] || op.invokeUs >= horizon) continue; // invoked after some pending op completed
      const next = step(op, value);
      if (next === undefined) continue;
      done[i] = true;
      if (op.definite) definiteLeft--;
      const found = search(next.value);
      done[i] = false;
      if (op.definite) definiteLeft++;
      if (found !== false) return found;
    }
    return false;
  };
  const result = search(null);
  return result === "unknown" ? "unknown" : result ? "yes" : "no";
}

function step(op: Operation, value: number | null): { value: number | null } | undefined {
  switch (op.f) {
    case "read":
      return op.value === value ? { value } : undefined;
    case "write":
      return { value: op.value };
    default:
      return op.from === value ? { value: op.value } : undefined;
  }
}
