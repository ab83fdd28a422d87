import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPreparedHistory } from "../../src/checkers/check-linearizability.js";
import type { HistoryEvent } from "../../src/checkers/history.js";
import type { Model } from "../../src/checkers/model.js";
import { kvModel } from "../../src/checkers/models/kv.js";
import { registerModel } from "../../src/checkers/models/register.js";
import { pairOperations } from "../../src/checkers/pair-operations.js";
import { prepareHistory } from "../../src/checkers/prepare-history.js";
import {
  smallCounterHistory,
  smallRegisterHistory,
  smallTextHistory,
  widenedKvHistory,
} from "./support/arbitraries.js";
import { bruteForceLinearizable, stepCounter, stepText } from "./support/brute-force.js";
import { counterModel } from "./support/counter-model.js";
import { witnessProblem } from "./support/witness.js";

/** Checks, and when the answer is "linearizable" insists on a valid witness. */
function verdictWithWitness<State, Op>(
  events: readonly HistoryEvent[],
  model: Model<State, Op>,
): string {
  const prepared = prepareHistory(events, model);
  if (!prepared.ok) throw new Error("generator made a malformed history");
  const result = checkPreparedHistory(prepared.value);
  if (result.verdict === "linearizable")
    expect(witnessProblem(prepared.value, result.witness)).toBeUndefined();
  return result.verdict;
}

describe("linearizability search, properties", () => {
  it("finds every sequential execution widened into intervals linearizable", () => {
    fc.assert(
      fc.property(widenedKvHistory("none"), (events) => {
        expect(verdictWithWitness(events, kvModel)).toBe("linearizable");
      }),
      { numRuns: 400 },
    );
  });

  it("still does when some operations crash, fail, or never took effect", () => {
    fc.assert(
      fc.property(widenedKvHistory("some"), (events) => {
        expect(verdictWithWitness(events, kvModel)).toBe("linearizable");
      }),
      { numRuns: 400 },
    );
  });

  it("agrees with brute-force enumeration on small register histories", () => {
    let violations = 0;
    fc.assert(
      fc.property(smallRegisterHistory(7), (events) => {
        const paired = pairOperations({ events });
        if (!paired.ok) throw new Error("generator made an unpaired history");
        const expected = bruteForceLinearizable(paired.value);
        const verdict = verdictWithWitness(events, registerModel);
        if (!expected) violations++;
        expect(verdict).toBe(expected ? "linearizable" : "violation");
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise both answers, or the agreement proves little.
    expect(violations).toBeGreaterThan(300);
  });

  it("agrees with brute-force enumeration on small counter histories (commuting crashes)", () => {
    let violations = 0;
    fc.assert(
      fc.property(smallCounterHistory(7), (events) => {
        const paired = pairOperations({ events });
        if (!paired.ok) throw new Error("generator made an unpaired history");
        const expected = bruteForceLinearizable(paired.value, stepCounter, 0);
        const verdict = verdictWithWitness(events, counterModel);
        if (!expected) violations++;
        expect(verdict).toBe(expected ? "linearizable" : "violation");
      }),
      { numRuns: 3000 },
    );
    expect(violations).toBeGreaterThan(300);
  });

  it("agrees with brute-force enumeration on small text histories (get, put, append)", () => {
    let violations = 0;
    fc.assert(
      fc.property(smallTextHistory(8), (events) => {
        const paired = pairOperations({ events });
        if (!paired.ok) throw new Error("generator made an unpaired history");
        const expected = bruteForceLinearizable(paired.value, stepText, null);
        const verdict = verdictWithWitness(events, kvModel);
        if (!expected) violations++;
        expect(verdict).toBe(expected ? "linearizable" : "violation");
      }),
      { numRuns: 3000 },
    );
    expect(violations).toBeGreaterThan(300);
    expect(violations).toBeLessThan(2700);
  });
});
