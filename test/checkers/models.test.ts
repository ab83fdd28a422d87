import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../src/checkers/history.js";
import type { Model } from "../../src/checkers/model.js";
import { kvModel } from "../../src/checkers/models/kv.js";
import { registerModel } from "../../src/checkers/models/register.js";
import { prepareHistory } from "../../src/checkers/prepare-history.js";

function run<State, Op>(model: Model<State, Op>, events: HistoryEvent[]) {
  const prepared = prepareHistory(
    { events, source: { file: "h", lines: events.map((_, index) => index + 1) } },
    model,
  );
  if (!prepared.ok) return { problem: prepared.problem };
  const partition = prepared.value.partitions[0]!;
  let state = model.init();
  const trace: string[] = [];
  for (const op of partition.ops) {
    const step = model.step(state, op);
    trace.push(
      `${model.describeOperation!(op)} ${step.legal ? `=> ${model.describeState!(step.legal ? step.state : state)}` : "illegal"}`,
    );
    if (step.legal) state = step.state;
  }
  return { trace, partitions: prepared.value.partitions.map((p) => p.key) };
}

const ok = (
  process: number,
  f: string,
  input: unknown,
  output: unknown,
  extra: object = {},
): HistoryEvent[] => [
  { process, type: "invoke", f, value: input as never, ...extra },
  { process, type: "ok", f, value: output as never, ...extra },
];

describe("register model", () => {
  it("reads, writes and compares-and-sets from nil", () => {
    const { trace } = run(registerModel, [
      ...ok(0, "read", null, null),
      ...ok(0, "write", null, 3).map((e, i) => (i === 0 ? { ...e, value: 3 } : e)),
      ...ok(0, "cas", [3, 4], [3, 4]),
      ...ok(0, "cas", [3, 5], false),
      ...ok(0, "cas", [4, 5], false),
      ...ok(0, "read", null, 4),
    ]);
    expect(trace).toEqual([
      "read() -> nil => nil",
      "write(3) => 3",
      "cas(3, 4) -> ok => 4",
      "cas(3, 5) -> failed => 4",
      "cas(4, 5) -> failed illegal",
      "read() -> 4 => 4",
    ]);
  });

  it("treats an operation with unknown outcome as taking any effect it could", () => {
    const events: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "write", value: 1 },
      { process: 0, type: "ok", f: "write", value: 1 },
      { process: 1, type: "invoke", f: "cas", value: [1, 2] },
      { process: 2, type: "invoke", f: "read", value: null },
      { process: 2, type: "info", f: "read", value: null },
    ];
    expect(run(registerModel, events).trace).toEqual([
      "write(1) => 1",
      "cas(1, 2) -> ? => 2",
      "read() -> ? => 2",
    ]);
  });

  it("rejects an unknown f, a malformed cas and a keyed operation, naming the line", () => {
    expect(run(registerModel, ok(0, "incr", 1, 1)).problem).toEqual({
      file: "h",
      line: 1,
      expected: "an f the register model knows (read, write, cas)",
      found: 'f "incr"',
    });
    expect(run(registerModel, ok(0, "cas", 1, 1)).problem).toMatchObject({
      expected: "a cas value [from to]",
      found: "1",
    });
    expect(run(registerModel, ok(0, "cas", [1, 2], 7)).problem).toMatchObject({ found: "7" });
    expect(run(registerModel, ok(0, "read", null, 1, { key: "k" })).problem?.expected).toContain(
      "use the kv model",
    );
  });
});

describe("kv model", () => {
  it("checks each key as its own cell, with get / put / append where absent reads as empty", () => {
    const { trace, partitions } = run(kvModel, [
      ...ok(0, "get", null, "", { key: "a" }),
      ...ok(0, "append", "x", "x", { key: "a" }),
      ...ok(0, "append", "y", "y", { key: "a" }),
      ...ok(0, "get", null, "xy", { key: "a" }),
      ...ok(0, "read", null, "xy", { key: "a" }),
      ...ok(0, "put", "z", "z", { key: "a" }),
      ...ok(0, "get", null, "", { key: "b" }),
    ]);
    expect(partitions).toEqual(["a", "b"]);
    expect(trace).toEqual([
      'get("a") -> "" => nil',
      'append("a", "x") => "x"',
      'append("a", "y") => "xy"',
      'get("a") -> "xy" => "xy"',
      'read("a") -> "xy" => "xy"',
      'put("a", "z") => "z"',
    ]);
  });

  it("reads Jepsen's independent [key value] tuples", () => {
    const { trace, partitions } = run(kvModel, [
      ...ok(0, "write", [7, 1], [7, 1]),
      ...ok(1, "cas", [7, [1, 2]], [7, [1, 2]]),
      ...ok(2, "read", [7, null], [7, 2]),
    ]);
    expect(partitions).toHaveLength(1);
    expect(trace).toEqual(["write(7, 1) => 1", "cas(7, 1, 2) -> ok => 2", "read(7) -> 2 => 2"]);
  });

  it("rejects operations without a key, and non-string appends", () => {
    expect(run(kvModel, ok(0, "write", 1, 1)).problem?.expected).toBe(
      "a key (a key field or a [key value] tuple)",
    );
    expect(run(kvModel, ok(0, "append", 5, 5, { key: "k" })).problem).toMatchObject({
      expected: "a string value for append",
      found: "5",
    });
  });

  it("says a get can never be reached once the text has diverged, and only then", () => {
    const prepared = prepareHistory(
      [
        ...ok(0, "append", "ab", "ab", { key: "k" }),
        ...ok(1, "get", null, "abc", { key: "k" }),
        ...ok(2, "get", null, "b", { key: "k" }),
      ],
      kvModel,
    );
    if (!prepared.ok) throw new Error("malformed");
    const [append, getAbc, getB] = prepared.value.partitions[0]!.ops;
    const empty = kvModel.init();
    const afterAb = kvModel.step(empty, append!);
    if (!afterAb.legal) throw new Error("append is always legal");
    expect(kvModel.unreachableByExtending!(empty, getAbc!)).toBe(false);
    expect(kvModel.unreachableByExtending!(afterAb.state, getAbc!)).toBe(false);
    expect(kvModel.unreachableByExtending!(afterAb.state, getB!)).toBe(true);
    expect([append, getAbc].map((op) => kvModel.onlyExtends!(op!))).toEqual([true, true]);
  });
});
