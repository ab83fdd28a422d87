/**
 * The cycle search is bounded: a caller's `shouldStop` ends it, and with no violation of
 * the chosen model found by then the verdict is `unknown` with a reason, never a guess.
 */
import { expect, test } from "vitest";
import type { HistoryEvent } from "../../../src/checkers/history.js";
import { checkTransactions } from "../../../src/checkers/txn/index.js";

/** A ring of `size` transactions, each reading one key empty and appending to the next key: one big rw cycle (G2-item). */
function ring(size: number): HistoryEvent[] {
  const ops = (index: number, read: unknown) => [
    ["r", index, read],
    ["append", (index + 1) % size, index],
  ];
  const events: HistoryEvent[] = [];
  for (let index = 0; index < size; index++) {
    events.push({ process: index, type: "invoke", f: "txn", value: ops(index, null) as never });
  }
  for (let index = 0; index < size; index++) {
    events.push({ process: index, type: "ok", f: "txn", value: ops(index, []) as never });
  }
  return events;
}

test("without a stop, the ring is one G2-item cycle through every transaction", () => {
  const result = checkTransactions(ring(50), { model: "list-append" });
  expect(result.verdict).toBe("violation");
  expect(result.anomalies.map((anomaly) => anomaly.type)).toEqual(["G2-item"]);
  expect(result.anomalies[0]!.cycle).toHaveLength(50);
});

test("shouldStop ends the search: unknown under a model the anomalies found so far allow", () => {
  let polls = 0;
  const result = checkTransactions(ring(6000), {
    model: "list-append",
    consistency: "read-uncommitted",
    shouldStop: () => ++polls > 0,
  });
  expect(polls).toBeGreaterThan(0);
  expect(result.verdict).toBe("unknown");
  expect(result.reason).toBe("stopped before every component was searched");
});
