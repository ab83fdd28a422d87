/**
 * A brute-force linearizability oracle for small histories, written independently of the
 * checker: it tries every subset of the operations with unknown outcome and every order of
 * the chosen operations that respects real time, against its own sequential semantics
 * (a register, or a counter whose additions commute).
 */
import type { Operation } from "../../../src/checkers/operation.js";
import { sameValue, type Value } from "../../../src/checkers/value.js";

/** A sequential specification for the oracle. */
export type BruteStep = (state: Value, op: Operation) => { legal: boolean; state: Value };

/** Register semantics: read, write, cas (an ok cas with output false failed its compare). */
export function stepRegister(state: Value, op: Operation): { legal: boolean; state: Value } {
  const known = op.status === "ok";
  switch (op.f) {
    case "read":
      return { legal: !known || sameValue(state, op.output), state };
    case "write":
      return { legal: true, state: op.input };
    case "cas": {
      const [from, to] = op.input as [Value, Value];
      const matches = sameValue(state, from);
      if (!known) return { legal: true, state: matches ? to : state };
      if (op.output === false) return { legal: !matches, state };
      return { legal: matches, state: to };
    }
    default:
      throw new Error(`brute force: unknown f ${op.f}`);
  }
}

/** Counter semantics: `add(n)` adds n, `read` returns the total (initially 0). */
export function stepCounter(state: Value, op: Operation): { legal: boolean; state: Value } {
  const total = state as number;
  if (op.f === "add") return { legal: true, state: total + (op.input as number) };
  return { legal: op.status !== "ok" || op.output === total, state };
}

/** Text-cell semantics (one key of the kv model): get, put, append; absent reads as "". */
export function stepText(state: Value, op: Operation): { legal: boolean; state: Value } {
  const text = state === null ? "" : String(state);
  if (op.f === "append") return { legal: true, state: text + (op.input as string) };
  if (op.f === "put") return { legal: true, state: op.input };
  return { legal: op.status !== "ok" || op.output === text, state };
}

/** Whether operation a must precede b: a completed before b was invoked. */
function precedes(a: Operation, b: Operation): boolean {
  return a.status === "ok" && a.completeIndex !== undefined && a.completeIndex < b.invokeIndex;
}

function existsOrder(
  chosen: readonly Operation[],
  state: Value,
  placed: Set<number>,
  step: BruteStep,
): boolean {
  if (placed.size === chosen.length) return true;
  for (const op of chosen) {
    if (placed.has(op.id)) continue;
    const blocked = chosen.some(
      (other) => !placed.has(other.id) && other !== op && precedes(other, op),
    );
    if (blocked) continue;
    const next = step(state, op);
    if (!next.legal) continue;
    placed.add(op.id);
    const found = existsOrder(chosen, next.state, placed, step);
    placed.delete(op.id);
    if (found) return true;
  }
  return false;
}

/** Whether a paired history is linearizable, by exhaustive enumeration. */
export function bruteForceLinearizable(
  operations: readonly Operation[],
  step: BruteStep = stepRegister,
  initial: Value = null,
): boolean {
  const live = operations.filter((op) => op.status !== "fail");
  const known = live.filter((op) => op.status === "ok");
  const unknown = live.filter((op) => op.status !== "ok");
  for (let mask = 0; mask < 1 << unknown.length; mask++) {
    const chosen = [...known, ...unknown.filter((_, index) => (mask >> index) & 1)];
    if (existsOrder(chosen, initial, new Set(), step)) return true;
  }
  return false;
}
