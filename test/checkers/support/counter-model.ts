/**
 * A counter model for tests: `add(n)` adds n and `read` returns the total. Unlike a
 * register, crashed additions commute, which exercises the search's ordering rules.
 */
import type { Model } from "../../../src/checkers/model.js";

/** A counter operation. */
export interface CounterOp {
  readonly add: number;
  readonly read: number | undefined;
}

/** The counter model (read-only hint included, as users may provide it). */
export const counterModel: Model<number, CounterOp> = {
  name: "counter",
  prepare: (operation) => {
    if (operation.f === "add" && typeof operation.input === "number") {
      return { ok: true, op: { add: operation.input, read: undefined } };
    }
    if (operation.f === "read") {
      const read = operation.status === "ok" ? (operation.output as number) : undefined;
      return { ok: true, op: { add: 0, read } };
    }
    return { ok: false, expected: "add(n) or read", found: operation.f };
  },
  init: () => 0,
  step: (state, op) =>
    op.read === undefined || op.read === state
      ? { legal: true, state: state + op.add }
      : { legal: false },
  equal: (a, b) => a === b,
  hash: (state) => state | 0,
  readOnly: (op) => op.add === 0 && op.read !== undefined,
};
