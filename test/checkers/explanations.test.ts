import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPreparedHistory } from "../../src/checkers/check-linearizability.js";
import { minimizeViolation } from "../../src/checkers/explain/minimize-violation.js";
import { escapeHtml, renderHtml } from "../../src/checkers/explain/render-html.js";
import { renderLanes } from "../../src/checkers/explain/render-lanes.js";
import { renderViolation } from "../../src/checkers/explain/render-violation.js";
import { visualizationData } from "../../src/checkers/explain/visualization-data.js";
import type { HistoryEvent } from "../../src/checkers/history.js";
import { registerModel } from "../../src/checkers/models/register.js";
import type { Operation } from "../../src/checkers/operation.js";
import { prepareHistory } from "../../src/checkers/prepare-history.js";
import { smallRegisterHistory } from "./support/arbitraries.js";
import { bruteForceLinearizable } from "./support/brute-force.js";

function prepare(events: readonly HistoryEvent[]) {
  const prepared = prepareHistory(
    { events, source: { file: "h", lines: events.map((_, index) => index + 1) } },
    registerModel,
  );
  if (!prepared.ok) throw new Error("malformed");
  return prepared.value;
}

/** The operations with only `kept` outcomes known: the others may take effect any time after invocation, or never. */
function relaxAllBut(operations: readonly Operation[], kept: ReadonlySet<number>): Operation[] {
  return operations.map((op) =>
    kept.has(op.id) || op.status !== "ok" ? op : { ...op, status: "info", output: null },
  );
}

const staleRead: HistoryEvent[] = [
  { process: 0, type: "invoke", f: "write", value: 1 },
  { process: 0, type: "ok", f: "write", value: 1 },
  { process: 1, type: "invoke", f: "read", value: null },
  { process: 1, type: "ok", f: "read", value: 1 },
  { process: 0, type: "invoke", f: "write", value: 2 },
  { process: 0, type: "ok", f: "write", value: 2 },
  { process: 1, type: "invoke", f: "read", value: null },
  { process: 1, type: "ok", f: "read", value: 1 },
];

describe("minimal violations", () => {
  it("keeps only the operations whose outcomes cannot be ordered", () => {
    // Relaxed, write(1) could land after write(2); the first read pins it before.
    const prepared = prepare(staleRead);
    const result = checkPreparedHistory(prepared);
    if (result.verdict !== "violation") throw new Error("expected a violation");
    const minimal = minimizeViolation(registerModel, prepared.partitions[0]!, result.explanation);
    expect(minimal.minimal).toBe(true);
    expect(minimal.operations.map(({ description }) => description)).toEqual([
      "read() -> 1",
      "write(2)",
      "read() -> 1",
    ]);
  });

  it("finds sets that cannot be ordered and are minimal, by brute force", () => {
    let explained = 0;
    fc.assert(
      fc.property(smallRegisterHistory(6), (events) => {
        const prepared = prepare(events);
        const result = checkPreparedHistory(prepared);
        if (result.verdict !== "violation") return;
        explained++;
        const partition = prepared.partitions[0]!;
        const minimal = minimizeViolation(registerModel, partition, result.explanation);
        const kept = new Set(minimal.operations.map(({ operation }) => operation.id));
        expect(minimal.minimal).toBe(true);
        expect(bruteForceLinearizable(relaxAllBut(partition.operations, kept))).toBe(false);
        for (const id of kept) {
          const fewer = new Set([...kept].filter((other) => other !== id));
          expect(bruteForceLinearizable(relaxAllBut(partition.operations, fewer))).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    expect(explained).toBeGreaterThan(200);
  });
});

describe("text explanations", () => {
  it("draws operations as numbered intervals in lanes per process, with a legend", () => {
    const prepared = prepare([
      { process: 0, type: "invoke", f: "write", value: 1 },
      { process: 1, type: "invoke", f: "read", value: null },
      { process: 0, type: "ok", f: "write", value: 1 },
      { process: 2, type: "invoke", f: "write", value: 2 },
      { process: 1, type: "ok", f: "read", value: 2 },
    ]);
    const described = prepared.partitions[0]!.operations.map((operation, index) => ({
      operation,
      description: registerModel.describeOperation!(prepared.partitions[0]!.ops[index]!),
    }));
    expect(renderLanes(described, { maxWidth: 80 })).toBe(
      [
        "p0  |1------|",
        "p1      |2----------|",
        "p2              |3--------->",
        "",
        "1  p0  write(1)     line 1 – line 3",
        "2  p1  read() -> 2  line 2 – line 5",
        "3  p2  write(2)     line 4 – never completed, info",
      ].join("\n"),
    );
    expect(renderLanes(described, { maxWidth: 10 })).not.toContain("|");
  });

  it("says what cannot be ordered, then the longest prefix and the operation that cannot follow", () => {
    const prepared = prepare(staleRead);
    const result = checkPreparedHistory(prepared);
    if (result.verdict !== "violation") throw new Error("expected a violation");
    const minimal = minimizeViolation(registerModel, prepared.partitions[0]!, result.explanation);
    const text = renderViolation(result.explanation, minimal);
    expect(text).toContain("These 3 operations cannot be ordered");
    expect(text).toContain("The longest linearizable prefix has 3 operation(s):");
    expect(text).toContain(
      "Then p1 read() -> 1 (line 7 – line 8) cannot be placed: the state is 2",
    );
  });
});

describe("the HTML view", () => {
  it("computes roles apart from rendering: linearized order, blocker, culprits", () => {
    const prepared = prepare(staleRead);
    const result = checkPreparedHistory(prepared);
    if (result.verdict !== "violation") throw new Error("expected a violation");
    const minimal = minimizeViolation(registerModel, prepared.partitions[0]!, result.explanation);
    const data = visualizationData({ file: "h", prepared, result, minimal });
    const operations = data.partitions[0]!.operations;
    expect(operations.map((op) => [op.description, op.role, op.order, op.culprit])).toEqual([
      ["write(1)", "linearized", 1, false],
      ["read() -> 1", "linearized", 2, true],
      ["write(2)", "linearized", 3, true],
      ["read() -> 1", "blocker", null, true],
    ]);
    expect(operations[2]!.stateAfter).toBe("2");
  });

  it("numbers every completed operation of a linearizable history", () => {
    const prepared = prepare(staleRead.slice(0, 6));
    const result = checkPreparedHistory(prepared);
    const data = visualizationData({ file: "h", prepared, result });
    expect(data.partitions[0]!.operations.map((op) => op.order)).toEqual([1, 2, 3]);
  });

  it("renders a self-contained page that escapes what histories contain", () => {
    const events: HistoryEvent[] = [
      { process: "<b>x</b>", type: "invoke", f: "write", value: "<script>alert(1)</script>" },
      { process: "<b>x</b>", type: "ok", f: "write", value: "<script>alert(1)</script>" },
    ];
    const prepared = prepare(events);
    const page = renderHtml([
      visualizationData({ file: "a&b.jsonl", prepared, result: checkPreparedHistory(prepared) }),
    ]);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toContain("<script");
    expect(page).toContain(escapeHtml('"<script>alert(1)</script>"'));
    expect(page).toContain("a&amp;b.jsonl");
    expect(page).not.toMatch(/\b(src|href)=/);
    expect(page).toContain("<svg");
  });
});
