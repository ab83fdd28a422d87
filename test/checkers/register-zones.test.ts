import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerHistory } from "../../src/bench/register-histories.js";
import { checkLinearizability } from "../../src/checkers/check-linearizability.js";
import type { HistoryEvent } from "../../src/checkers/history.js";
import { kvModel } from "../../src/checkers/models/kv.js";
import { registerModel } from "../../src/checkers/models/register.js";
import { pairOperations } from "../../src/checkers/pair-operations.js";
import { prepareHistory } from "../../src/checkers/prepare-history.js";
import { decideByZones } from "../../src/checkers/search/register-zones.js";
import { smallUniqueWriteHistory } from "./support/arbitraries.js";
import { bruteForceLinearizable } from "./support/brute-force.js";
import { witnessProblem } from "./support/witness.js";

function preparedRegister(events: readonly HistoryEvent[]) {
  const prepared = prepareHistory(events, registerModel);
  if (!prepared.ok) throw new Error("generator made a malformed history");
  return prepared.value;
}

describe("deciding register partitions by zones", () => {
  it("agrees with brute-force enumeration, decides every such history, and its conflicts hold on their own", () => {
    let violations = 0;
    fc.assert(
      fc.property(smallUniqueWriteHistory(8), (events) => {
        const paired = pairOperations({ events });
        if (!paired.ok) throw new Error("generator made an unpaired history");
        const expected = bruteForceLinearizable(paired.value);
        const prepared = preparedRegister(events);
        const partition = prepared.partitions[0];
        if (partition === undefined) return;
        const zones = decideByZones(registerModel, partition);
        expect(zones?.kind).toBe(expected ? "linearizable" : "violation");
        if (zones?.kind !== "violation") return;
        violations++;
        const core = zones.core.map((index) => partition.operations[index]!);
        expect(bruteForceLinearizable(core)).toBe(false);
        expect(core.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 3000 },
    );
    expect(violations).toBeGreaterThan(300);
  });

  it("gives a witness the checker's own witness test accepts", () => {
    fc.assert(
      fc.property(smallUniqueWriteHistory(8), (events) => {
        const prepared = preparedRegister(events);
        const partition = prepared.partitions[0];
        if (partition === undefined) return;
        const zones = decideByZones(registerModel, partition);
        if (zones?.kind !== "linearizable") return;
        const order = zones.order.map((index) => partition.operations[index]!.id);
        expect(witnessProblem(prepared, [order])).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it("stands aside for compare-and-set and for writes of equal values", () => {
    const cas: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "cas", value: [null, 1] },
      { process: 0, type: "ok", f: "cas", value: [null, 1] },
    ];
    const twice: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "write", value: 1 },
      { process: 0, type: "ok", f: "write", value: 1 },
      { process: 0, type: "invoke", f: "write", value: 1 },
      { process: 0, type: "ok", f: "write", value: 1 },
    ];
    for (const events of [cas, twice]) {
      const partition = preparedRegister(events).partitions[0]!;
      expect(decideByZones(registerModel, partition)).toBeUndefined();
    }
  });

  it("names the few operations of a stale read among thousands, and the checker explains it", () => {
    const history = registerHistory({ ops: 20_000, clients: 50, badRead: true });
    const result = checkLinearizability(history, registerModel, { maxSteps: 1_000_000 });
    expect(result.verdict).toBe("violation");
    if (result.verdict !== "violation") return;
    const { longestPrefix, blocker } = result.explanation;
    expect(longestPrefix.length).toBeLessThan(6);
    expect(blocker.operation.f).toMatch(/read|write/);
  });

  it("decides each key of the kv model on its own", () => {
    const events: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "write", key: "a", value: 1 },
      { process: 0, type: "ok", f: "write", key: "a", value: 1 },
      { process: 1, type: "invoke", f: "read", key: "b", value: null },
      { process: 1, type: "ok", f: "read", key: "b", value: 1 },
    ];
    const result = checkLinearizability(events, kvModel);
    expect(result.verdict).toBe("violation");
    if (result.verdict === "violation") expect(result.explanation.partition).toBe("b");
  });
});
