import { describe, expect, it } from "vitest";
import { checkCounter } from "../../src/checkers/counter.js";
import type { ObservedEvent } from "../../src/checkers/event-pairs.js";
import { checkKafkaLog } from "../../src/checkers/kafka-log.js";
import { checkSetFull } from "../../src/checkers/set-full.js";
import { checkUniqueIds } from "../../src/checkers/unique-ids.js";
import type { Value } from "../../src/checkers/value.js";

/** Operations one after another, each by its own process: [f, invoked, type, completed, extra]. */
function ops(
  list: readonly (readonly [
    string,
    Value,
    "ok" | "fail" | "info",
    Value,
    Partial<ObservedEvent>?,
  ])[],
): ObservedEvent[] {
  const events: ObservedEvent[] = [];
  let time = 0;
  list.forEach(([f, invoked, type, completed, extra], process) => {
    time += 1000;
    events.push({ process, type: "invoke", f, value: invoked, time, ...extra });
    time += 1000;
    events.push({ process, type, f, value: completed, time, ...extra });
  });
  return events;
}

describe("counter checker (Maelstrom's pn-counter checker tests)", () => {
  it("an empty history is unknown: there is no final read to judge", () => {
    expect(checkCounter([]).valid).toBe("unknown");
  });

  it("definite: only the sum of the ok adds is acceptable", () => {
    const verdict = checkCounter(
      ops([
        ["add", 2, "ok", 2],
        ["add", 3, "ok", 3],
        ["read", null, "ok", 5, { final: true, node: "n1" }],
        ["read", null, "ok", 4, { final: true, node: "n2" }],
      ]),
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.stats?.acceptable).toEqual([[5, 5]]);
    expect(verdict.anomalies).toHaveLength(1);
    expect(verdict.anomalies[0]!.explanation).toBe(
      "the final read on n2 returned 4, but the adds allow only 5: 2 ok add(s) sum to 5",
    );
  });

  it("indefinite: any subset of the unknown adds may have happened", () => {
    const verdict = checkCounter(
      ops([
        ["add", 10, "ok", 10],
        ["add", 5, "info", 5],
        ["add", -1, "info", -1],
        ["add", -1, "info", -1],
        ["read", null, "ok", 11, { final: true, node: "n1" }],
        ["read", null, "ok", 15, { final: true, node: "n2" }],
      ]),
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.stats?.acceptable).toEqual([
      [8, 10],
      [13, 15],
    ]);
    expect(verdict.anomalies.map((anomaly) => anomaly.value)).toEqual([11]);
    expect(verdict.anomalies[0]!.explanation).toContain("+5, -1, -1");
  });

  it("failed adds count for nothing; non-final reads are not judged", () => {
    const verdict = checkCounter(
      ops([
        ["add", 4, "ok", 4],
        ["add", 7, "fail", 7],
        ["read", null, "ok", 0],
        ["read", null, "ok", 4, { final: true }],
      ]),
    );
    expect(verdict.valid).toBe(true);
  });
});

describe("set-full checker", () => {
  it("passes when every acknowledged element reaches every final read", () => {
    const verdict = checkSetFull(
      ops([
        ["broadcast", 1, "ok", 1],
        ["read", null, "ok", []],
        ["broadcast", 2, "ok", 2],
        ["read", null, "ok", [1]],
        ["read", null, "ok", [1, 2], { final: true, node: "n1" }],
        ["read", null, "ok", [2, 1], { final: true, node: "n2" }],
      ]),
      { addFunction: "broadcast" },
    );
    expect(verdict.valid).toBe(true);
    expect(verdict.stats).toMatchObject({ attempted: 2, stable: 2, lost: 0, stale: 2 });
  });

  it("names a lost value and the nodes that never saw it", () => {
    const verdict = checkSetFull(
      ops([
        ["broadcast", 1, "ok", 1],
        ["broadcast", 2, "ok", 2],
        ["read", null, "ok", [1, 2], { final: true, node: "n1" }],
        ["read", null, "ok", [1], { final: true, node: "n2" }],
        ["read", null, "ok", [1], { final: true, node: "n3" }],
      ]),
      { addFunction: "broadcast" },
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.anomalies).toHaveLength(1);
    expect(verdict.anomalies[0]).toMatchObject({
      type: "lost",
      element: 2,
      missingOn: ["n2", "n3"],
    });
    expect(verdict.explanation).toContain("2 was acknowledged at 4.0ms but is missing on n2, n3");
  });

  it("flags values no one added, and stale reads only when linearizable", () => {
    const history = ops([
      ["add", 1, "ok", 1],
      ["read", null, "ok", []],
      ["read", null, "ok", [1, 99]],
    ]);
    expect(checkSetFull(history).anomalies.map((anomaly) => anomaly.type)).toEqual(["unexpected"]);
    const clean = ops([
      ["add", 1, "ok", 1],
      ["read", null, "ok", []],
      ["read", null, "ok", [1]],
    ]);
    expect(checkSetFull(clean).valid).toBe(true);
    expect(
      checkSetFull(clean, { linearizable: true }).anomalies.map((anomaly) => anomaly.type),
    ).toEqual(["stale"]);
  });

  it("is unknown when nothing was read after being added", () => {
    expect(checkSetFull(ops([["add", 1, "ok", 1]])).valid).toBe("unknown");
  });

  it("an element of unknown outcome that a read showed must stay", () => {
    const verdict = checkSetFull(
      ops([
        ["add", 5, "info", 5],
        ["read", null, "ok", [5]],
        ["read", null, "ok", [], { final: true, node: "n4" }],
      ]),
    );
    expect(verdict.anomalies[0]).toMatchObject({ type: "lost", missingOn: ["n4"] });
  });
});

describe("unique-ids checker", () => {
  it("passes distinct ids of any type and names duplicates", () => {
    expect(
      checkUniqueIds(
        ops([
          ["generate", null, "ok", "n1-1"],
          ["generate", null, "ok", 1],
          ["generate", null, "ok", [1, 2]],
          ["generate", null, "info", null],
        ]),
      ).valid,
    ).toBe(true);
    const verdict = checkUniqueIds(
      ops([
        ["generate", null, "ok", 7, { node: "n1" }],
        ["generate", null, "ok", 8, { node: "n2" }],
        ["generate", null, "ok", 7, { node: "n3" }],
      ]),
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.anomalies[0]!.explanation).toBe(
      "id 7 was generated 2 times (process 0 on n1, process 2 on n3)",
    );
  });
});

describe("kafka log checker", () => {
  it("passes a clean log", () => {
    const verdict = checkKafkaLog(
      ops([
        ["send", ["a", 1], "ok", ["a", 1, 0]],
        ["send", ["a", 2], "ok", ["a", 2, 1]],
        [
          "poll",
          null,
          "ok",
          {
            a: [
              [0, 1],
              [1, 2],
            ],
          },
        ],
      ]),
    );
    expect(verdict.valid).toBe(true);
  });

  it("finds the documented poll-skip anomaly (Maelstrom's workloads.md)", () => {
    // Process 0 polls key 56 twice: offsets 4 and 5, then 8; offsets 6 and 7 are known to exist.
    const history: ObservedEvent[] = [
      ...ops([
        ["send", ["56", 7], "ok", ["56", 7, 6]],
        ["send", ["56", 8], "ok", ["56", 8, 7]],
      ]).map((event) => ({ ...event, process: Number(event.process) + 10 })),
      { process: 0, type: "invoke", f: "poll", value: null, time: 10_000 },
      {
        process: 0,
        type: "ok",
        f: "poll",
        value: {
          "56": [
            [4, 5],
            [5, 6],
          ],
        },
        time: 11_000,
      },
      { process: 0, type: "invoke", f: "poll", value: null, time: 12_000 },
      { process: 0, type: "ok", f: "poll", value: { "56": [[8, 9]] }, time: 13_000 },
    ];
    const verdict = checkKafkaLog(history);
    expect(verdict.valid).toBe(false);
    expect(verdict.anomalies.find((anomaly) => anomaly.type === "skip")).toMatchObject({
      skipped: [6, 7],
    });
    expect(verdict.anomalies.filter((anomaly) => anomaly.type === "lost-write")).toHaveLength(2);
  });

  it("finds duplicates, inconsistent offsets and nonmonotonic polls", () => {
    const verdict = checkKafkaLog([
      ...ops([
        ["send", ["k", 1], "ok", ["k", 1, 0]],
        ["send", ["k", 2], "ok", ["k", 2, 1]],
      ]),
      { process: 5, type: "invoke", f: "poll", value: null, time: 10_000 },
      {
        process: 5,
        type: "ok",
        f: "poll",
        value: {
          k: [
            [1, 1],
            [0, 2],
          ],
        },
        time: 11_000,
      },
    ]);
    expect(new Set(verdict.anomalies.map((anomaly) => anomaly.type))).toEqual(
      new Set(["inconsistent-offset", "duplicate", "nonmonotonic-poll"]),
    );
  });

  it("does not count a jump across a re-assignment (list) as a skip", () => {
    const verdict = checkKafkaLog([
      ...ops([
        ["send", ["k", 1], "ok", ["k", 1, 0]],
        ["send", ["k", 2], "ok", ["k", 2, 1]],
        ["send", ["k", 3], "ok", ["k", 3, 2]],
      ]),
      { process: 5, type: "invoke", f: "poll", value: null, time: 10_000 },
      {
        process: 5,
        type: "ok",
        f: "poll",
        value: {
          k: [
            [0, 1],
            [1, 2],
            [2, 3],
          ],
        },
        time: 11_000,
      },
      { process: 5, type: "invoke", f: "list", value: ["k"], time: 12_000 },
      { process: 5, type: "ok", f: "list", value: { k: 0 }, time: 13_000 },
      { process: 5, type: "invoke", f: "poll", value: null, time: 14_000 },
      { process: 5, type: "ok", f: "poll", value: { k: [[0, 1]] }, time: 15_000 },
    ]);
    expect(verdict.valid).toBe(true);
  });
});
