/**
 * Property tests of the transactional checker against a brute-force search over serial
 * orders, on small random histories, in both directions:
 * - no false alarm: a history produced by running transactions one at a time (at points
 *   within their invoke..complete windows, with failed and indeterminate ones mixed in) is
 *   valid under every model, for lists and registers alike;
 * - no missed cycle: for list-append histories where every append is observed (the class in
 *   which Elle's inference is complete), the checker's verdict under serializable and
 *   strict-serializable agrees with the brute-force search exactly.
 * And the verdict is the same when the check runs twice.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { HistoryEvent } from "../../../src/checkers/history.js";
import { CONSISTENCY_MODELS } from "../../../src/checkers/txn/consistency-models.js";
import { checkTransactions } from "../../../src/checkers/txn/index.js";
import type { Value } from "../../../src/checkers/value.js";
import { bruteForceSerializable } from "./brute-force.js";

type Model = "list-append" | "rw-register";
type Op = ["append" | "w" | "r", string, Value];

const KEYS = ["x", "y"];

interface Plan {
  /** Micro-ops with reads unfilled. */
  readonly ops: readonly Op[];
  /** Invoke time, linearization time, completion time. */
  readonly times: readonly [number, number, number];
  readonly outcome: "ok" | "fail" | "info-applied" | "info-lost";
}

const opArbitrary = fc.record({ write: fc.boolean(), key: fc.constantFrom(...KEYS) });

const planArbitrary = fc.record({
  ops: fc.array(opArbitrary, { minLength: 1, maxLength: 3 }),
  start: fc.nat(20),
  lengths: fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })),
  outcome: fc.constantFrom("ok", "ok", "ok", "ok", "fail", "info-applied", "info-lost"),
});

/** Runs plans in linearization order, filling reads, and renders the history. */
interface RandomPlan {
  readonly ops: readonly { readonly write: boolean; readonly key: string }[];
  readonly start: number;
  readonly lengths: readonly [number, number];
  readonly outcome: string;
}

function execute(plans: readonly RandomPlan[], model: Model): HistoryEvent[] {
  let nextValue = 1;
  const filled: Plan[] = plans.map((plan) => ({
    ops: plan.ops.map(({ write, key }): Op => {
      if (!write) return ["r", key, null];
      return [model === "list-append" ? "append" : "w", key, nextValue++];
    }),
    times: [
      plan.start,
      plan.start + plan.lengths[0],
      plan.start + plan.lengths[0] + plan.lengths[1],
    ],
    outcome: plan.outcome as Plan["outcome"],
  }));
  const state = new Map<string, Value>();
  const results: Op[][] = filled.map((plan) => plan.ops.map((op) => [...op] as Op));
  const byLinearization = filled
    .map((_, index) => index)
    .sort((a, b) => filled[a]!.times[1] - filled[b]!.times[1] || a - b);
  for (const index of byLinearization) {
    const plan = filled[index]!;
    if (plan.outcome === "fail" || plan.outcome === "info-lost") continue;
    for (const op of results[index]!) {
      const [f, key, value] = op;
      if (f === "append")
        state.set(key, [...((state.get(key) as Value[] | undefined) ?? []), value]);
      else if (f === "w") state.set(key, value);
      else op[2] = state.get(key) ?? (model === "list-append" ? [] : null);
    }
  }
  return render(filled, results);
}

function render(plans: readonly Plan[], results: readonly Op[][]): HistoryEvent[] {
  const events: { time: number; order: number; event: HistoryEvent }[] = [];
  plans.forEach((plan, process) => {
    const invoked = plan.ops as unknown as Value;
    events.push({
      time: plan.times[0],
      order: process * 2,
      event: { process, type: "invoke", f: "txn", value: invoked },
    });
    if (plan.outcome === "info-applied" || plan.outcome === "info-lost") return;
    const value = plan.outcome === "ok" ? (results[process] as unknown as Value) : invoked;
    events.push({
      time: plan.times[2],
      order: process * 2 + 1,
      event: { process, type: plan.outcome, f: "txn", value },
    });
  });
  events.sort((a, b) => a.time - b.time || a.order - b.order);
  return events.map(({ event }) => event);
}

describe("transactional checker properties", () => {
  for (const model of ["list-append", "rw-register"] as const) {
    test(`no false alarm: executed ${model} histories are valid under every model`, () => {
      fc.assert(
        fc.property(fc.array(planArbitrary, { minLength: 1, maxLength: 7 }), (plans) => {
          const history = execute(plans, model);
          for (const consistency of CONSISTENCY_MODELS) {
            const result = checkTransactions(history, { model, consistency });
            expect(result.anomalies).toEqual([]);
            expect(result.verdict).toBe("valid");
          }
        }),
        { seed: 20261204, numRuns: 150 },
      );
    });
  }

  /** Random list-append histories with arbitrary prefixes read, then one full read of each key. */
  const observedHistory = fc
    .record({
      txns: fc.array(
        fc.record({
          ops: fc.array(
            fc.record({ write: fc.boolean(), key: fc.constantFrom(...KEYS), cut: fc.nat(6) }),
            { minLength: 1, maxLength: 3 },
          ),
          start: fc.nat(12),
          length: fc.integer({ min: 1, max: 8 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      shuffle: fc.array(fc.nat(100), { minLength: 12, maxLength: 12 }),
    })
    .map(({ txns, shuffle }) => {
      let nextValue = 1;
      const appends = new Map<string, number[]>(KEYS.map((key) => [key, []]));
      const ops = txns.map((txn) =>
        txn.ops.map(({ write, key, cut }) => {
          if (!write) return { key, cut, read: true as const, value: 0 };
          const value = nextValue++;
          appends.get(key)!.push(value);
          return { key, cut, read: false as const, value };
        }),
      );
      // Each key's version order: its appends in a shuffled order.
      const orders = new Map(
        KEYS.map((key) => [
          key,
          [...appends.get(key)!].sort((a, b) => shuffle[a % 12]! - shuffle[b % 12]! || a - b),
        ]),
      );
      const plans: Plan[] = txns.map((txn, index) => ({
        ops: ops[index]!.map(
          ({ key, read, value }): Op => (read ? ["r", key, null] : ["append", key, value]),
        ),
        times: [txn.start, txn.start, txn.start + txn.length],
        outcome: "ok",
      }));
      const results = ops.map((txnOps) =>
        txnOps.map(({ key, cut, read, value }): Op => {
          const order = orders.get(key)!;
          return read
            ? ["r", key, order.slice(0, cut % (order.length + 1))]
            : ["append", key, value];
        }),
      );
      const last = 1000;
      plans.push({
        ops: KEYS.map((key): Op => ["r", key, null]),
        times: [last, last, last + 1],
        outcome: "ok",
      });
      results.push(KEYS.map((key): Op => ["r", key, orders.get(key)!]));
      return render(plans, results);
    });

  test("no missed cycle: with every append observed, list-append verdicts match brute force", () => {
    let violations = 0;
    fc.assert(
      fc.property(observedHistory, (history) => {
        for (const realtime of [false, true]) {
          const consistency = realtime ? "strict-serializable" : "serializable";
          const result = checkTransactions(history, { model: "list-append", consistency });
          const serializable = bruteForceSerializable(history, "list-append", realtime);
          if (!serializable) violations++;
          expect(result.verdict).toBe(serializable ? "valid" : "violation");
        }
      }),
      { seed: 4122026, numRuns: 300 },
    );
    // The generator must produce both kinds, or the property says little.
    expect(violations).toBeGreaterThan(50);
  });

  test("run-twice determinism: the same history gives the same result", () => {
    fc.assert(
      fc.property(observedHistory, (history) => {
        const first = checkTransactions(history, {
          model: "list-append",
          consistency: "strict-serializable",
        });
        const second = checkTransactions(history, {
          model: "list-append",
          consistency: "strict-serializable",
        });
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
