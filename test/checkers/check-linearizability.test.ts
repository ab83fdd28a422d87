import { describe, expect, it } from "vitest";
import { checkLinearizability } from "../../src/checkers/check-linearizability.js";
import type { HistoryEvent } from "../../src/checkers/history.js";
import { HistoryError } from "../../src/checkers/history-problem.js";
import { registerModel } from "../../src/checkers/models/register.js";

/** Many overlapping writes, then a read nobody wrote: a violation found only by exhausting. */
/**
 * Overlapping writes, then a read of a value nobody wrote. The last two writers write the
 * same value, so the zones stand aside and the search must try every order to refute it.
 */
function hardViolation(writers: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (let process = 0; process < writers; process++)
    events.push({ process, type: "invoke", f: "write", value: process % (writers - 1) });
  for (let process = 0; process < writers; process++)
    events.push({ process, type: "ok", f: "write", value: process % (writers - 1) });
  events.push(
    { process: writers, type: "invoke", f: "read", value: null },
    { process: writers, type: "ok", f: "read", value: 99 },
  );
  return events;
}

describe("checkLinearizability", () => {
  it("answers linearizable with a witness for a concurrent write and read", () => {
    const result = checkLinearizability(
      [
        { process: 0, type: "invoke", f: "write", value: 1 },
        { process: 1, type: "invoke", f: "read", value: null },
        { process: 0, type: "ok", f: "write", value: 1 },
        { process: 1, type: "ok", f: "read", value: 1 },
      ],
      registerModel,
    );
    expect(result).toMatchObject({
      verdict: "linearizable",
      operations: 2,
      partitions: 1,
      witness: [[0, 1]],
    });
  });

  it("explains a stale read: the longest prefix and the operation that cannot follow", () => {
    const result = checkLinearizability(
      [
        { process: 0, type: "invoke", f: "write", value: 1 },
        { process: 0, type: "ok", f: "write", value: 1 },
        { process: 0, type: "invoke", f: "write", value: 2 },
        { process: 0, type: "ok", f: "write", value: 2 },
        { process: 1, type: "invoke", f: "read", value: null },
        { process: 1, type: "ok", f: "read", value: 1 },
      ],
      registerModel,
    );
    expect(result.verdict).toBe("violation");
    if (result.verdict !== "violation") return;
    const { longestPrefix, blocker, stateAfterPrefix } = result.explanation;
    expect(longestPrefix.map((step) => [step.description, step.stateAfter])).toEqual([
      ["write(1)", "1"],
      ["write(2)", "2"],
    ]);
    expect(blocker.description).toBe("read() -> 1");
    expect(blocker.operation.process).toBe(1);
    expect(stateAfterPrefix).toBe("2");
  });

  it("throws a HistoryError naming the event when the history is malformed", () => {
    expect(() =>
      checkLinearizability([{ process: 0, type: "ok", f: "read", value: 1 }], registerModel),
    ).toThrow(HistoryError);
    expect(() =>
      checkLinearizability([{ process: 0, type: "invoke", f: "incr", value: 1 }], registerModel),
    ).toThrow(/event #0: expected an f the register model knows/);
  });

  it("answers unknown, never a verdict, when the step limit runs out", () => {
    const events = hardViolation(10);
    expect(checkLinearizability(events, registerModel).verdict).toBe("violation");
    const limited = checkLinearizability(events, registerModel, { maxSteps: 500 });
    expect(limited).toMatchObject({ verdict: "unknown", reason: "step-limit" });
    expect(limited.steps).toBeLessThanOrEqual(501);
  });

  it("polls shouldStop every pollEverySteps steps and stops when it says so", () => {
    let polls = 0;
    const result = checkLinearizability(hardViolation(10), registerModel, {
      pollEverySteps: 100,
      shouldStop: () => ++polls === 3,
    });
    expect(result).toMatchObject({ verdict: "unknown", reason: "stopped" });
    expect(polls).toBe(3);
    expect(result.steps).toBeGreaterThanOrEqual(300);
    expect(result.steps).toBeLessThan(400);
  });

  it("answers unknown (memory-limit) when the memo would pass its memory budget", () => {
    const events = hardViolation(18);
    const limited = checkLinearizability(events, registerModel, { maxMemoryMb: 1 });
    expect(limited).toMatchObject({ verdict: "unknown", reason: "memory-limit" });
    // 1 MiB holds about 43,690 configurations; the check stops within one poll of that.
    expect(limited.steps).toBeLessThan(200_000);
    expect(checkLinearizability(events, registerModel).verdict).toBe("violation");
  });

  it("answers unknown (internal-error) with the message when the model throws", () => {
    const throwing = {
      ...registerModel,
      step: () => {
        throw new Error("step exploded");
      },
    };
    const result = checkLinearizability(hardViolation(3), throwing);
    expect(result).toMatchObject({
      verdict: "unknown",
      reason: "internal-error",
      detail: "step exploded",
    });
  });

  it("rejects budgets that are not positive integers", () => {
    expect(() => checkLinearizability([], registerModel, { maxSteps: 0 })).toThrow(
      /maxSteps must be a positive integer/,
    );
    expect(() => checkLinearizability([], registerModel, { pollEverySteps: 1.5 })).toThrow(
      RangeError,
    );
  });

  it("gives the same answer and explanation every time", () => {
    const events = hardViolation(6);
    expect(checkLinearizability(events, registerModel)).toEqual(
      checkLinearizability(events, registerModel),
    );
  });
});
