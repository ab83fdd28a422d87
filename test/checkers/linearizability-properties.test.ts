import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkLinearizability } from "../../src/checkers/check-linearizability.js";
import { kvModel } from "../../src/checkers/models/kv.js";
import { registerModel } from "../../src/checkers/models/register.js";
import { pairOperations } from "../../src/checkers/pair-operations.js";
import {
  smallCounterHistory,
  smallRegisterHistory,
  smallTextHistory,
  widenedKvHistory,
} from "./support/arbitraries.js";
import { bruteForceLinearizable, stepCounter, stepText } from "./support/brute-force.js";
import { counterModel } from "./support/counter-model.js";

describe("linearizability search, properties", () => {
  it("finds every sequential execution widened into intervals linearizable", () => {
    fc.assert(
      fc.property(widenedKvHistory("none"), (events) => {
        expect(checkLinearizability(events, kvModel).verdict).toBe("linearizable");
      }),
      { numRuns: 400 },
    );
  });

  it("still does when some operations crash, fail, or never took effect", () => {
    fc.assert(
      fc.property(widenedKvHistory("some"), (events) => {
        expect(checkLinearizability(events, kvModel).verdict).toBe("linearizable");
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
        const verdict = checkLinearizability(events, registerModel).verdict;
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
        const verdict = checkLinearizability(events, counterModel).verdict;
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
        const verdict = checkLinearizability(events, kvModel).verdict;
        if (!expected) violations++;
        expect(verdict).toBe(expected ? "linearizable" : "violation");
      }),
      { numRuns: 3000 },
    );
    expect(violations).toBeGreaterThan(300);
    expect(violations).toBeLessThan(2700);
  });
});
