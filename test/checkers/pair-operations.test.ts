import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../src/checkers/history.js";
import { pairOperations } from "../../src/checkers/pair-operations.js";

const source = (count: number) => ({
  file: "h.jsonl",
  lines: Array.from({ length: count }, (_, index) => 10 + index),
});

describe("pairing invocations with completions", () => {
  it("pairs by process, keeps outcomes, and leaves unfinished operations open", () => {
    const events: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "write", value: 1, time: 1 },
      { process: 1, type: "invoke", f: "read", value: null },
      { process: 0, type: "ok", f: "write", value: 1, time: 4 },
      { process: 2, type: "invoke", f: "cas", value: [1, 2] },
      { process: 1, type: "fail", f: "read", value: null },
      { process: 0, type: "invoke", f: "write", value: 3 },
      { process: 0, type: "info", f: "write", value: null },
    ];
    const paired = pairOperations({ events, source: source(events.length) });
    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    expect(
      paired.value.map((op) => [
        op.id,
        op.process,
        op.f,
        op.status,
        op.invokeIndex,
        op.completeIndex,
      ]),
    ).toEqual([
      [0, 0, "write", "ok", 0, 2],
      [1, 1, "read", "fail", 1, 4],
      [2, 2, "cas", "info", 3, undefined],
      [3, 0, "write", "info", 5, 6],
    ]);
    expect(paired.value[0]).toMatchObject({
      input: 1,
      output: 1,
      invokeLine: 10,
      completeLine: 12,
      invokeTime: 1,
      completeTime: 4,
    });
    expect(paired.value[3]!.output).toBeNull();
  });

  it("rejects a completion with no open invocation, naming the line", () => {
    const events: HistoryEvent[] = [{ process: 5, type: "ok", f: "read", value: 1 }];
    expect(pairOperations({ events, source: source(1) })).toEqual({
      ok: false,
      problem: {
        file: "h.jsonl",
        line: 10,
        expected: "an invoke by p5 before this completion",
        found: "an ok with no open invocation",
      },
    });
  });

  it("rejects a process that invokes twice", () => {
    const events: HistoryEvent[] = [
      { process: 1, type: "invoke", f: "read" },
      { process: 1, type: "invoke", f: "read" },
    ];
    const paired = pairOperations({ events, source: source(2) });
    expect(paired).toMatchObject({
      ok: false,
      problem: { line: 11, expected: "a completion of p1's operation invoked at line 10 first" },
    });
  });

  it("rejects a completion whose f or key differ from the invocation", () => {
    const wrongF: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "read" },
      { process: 0, type: "ok", f: "write", value: 1 },
    ];
    expect(pairOperations({ events: wrongF })).toMatchObject({
      ok: false,
      problem: { eventIndex: 1, expected: 'f "read" as invoked at event #0', found: 'f "write"' },
    });
    const wrongKey: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "read", key: "a" },
      { process: 0, type: "ok", f: "read", key: "b", value: 1 },
    ];
    expect(pairOperations({ events: wrongKey })).toMatchObject({
      ok: false,
      problem: { found: 'key "b"' },
    });
  });
});
