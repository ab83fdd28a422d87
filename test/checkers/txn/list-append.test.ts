/**
 * Hand-written list-append histories, one per anomaly, with the anomalies and the models
 * they rule out. Cases marked "Elle" are transcribed from jepsen-io/elle's
 * test/elle/list_append_test.clj (Eclipse Public License 2.0), with Elle's expected results.
 */
import { describe, expect, test } from "vitest";
import type { HistoryEvent } from "../../../src/checkers/history.js";
import {
  type ConsistencyModel,
  checkTransactions,
  type TxnCheckResult,
} from "../../../src/checkers/txn/index.js";
import { complete, concurrent, invoke, serial } from "./support.js";

function check(history: HistoryEvent[], consistency?: ConsistencyModel): TxnCheckResult {
  return checkTransactions(history, {
    model: "list-append",
    ...(consistency === undefined ? {} : { consistency }),
  });
}

function types(result: TxnCheckResult): string[] {
  return result.anomalies.map((anomaly) => anomaly.type).sort();
}

const EVERYTHING_SERIALIZABLE_RULES_OUT = [
  "strict-serializable",
  "strong-session-serializable",
  "serializable",
];

describe("list-append: valid histories", () => {
  test("a serial history of appends and reads is valid under every model", () => {
    const history = [
      ...serial(0, "ax1"),
      ...serial(0, "rx1ax2"),
      ...serial(1, "rx12ay1"),
      ...serial(1, "ry1rx12"),
    ];
    for (const model of ["strict-serializable", "serializable", "read-uncommitted"] as const) {
      const result = check(history, model);
      expect(result).toEqual({ verdict: "valid", anomalies: [], notModels: [] });
    }
  });

  test("a transaction that reads its own appends is fine", () => {
    expect(check(serial(0, "ax1ax2rx12")).verdict).toBe("valid");
  });
});

describe("list-append: cycles", () => {
  test("G0: two transactions' appends ordered both ways (write cycle)", () => {
    const history = [...concurrent(["ax1ay1", "ax2ay2"]), ...serial(2, "rx12ry21")];
    const result = check(history, "read-uncommitted");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G0"]);
    expect(result.notModels).toContain("read-uncommitted");
    const cycle = result.anomalies[0]!.cycle!;
    expect(cycle.map((step) => step.edge)).toEqual(["ww", "ww"]);
    expect(cycle[0]!.explanation).toMatch(
      /appended 2 to "x" right after T1's append of 1|appended 1 to "y" right after T2's append of 2/,
    );
  });

  test("G1c: each transaction saw the other's append (circular information flow)", () => {
    const history = concurrent(["ax1ry1", "ay1rx1"]);
    expect(check(history, "read-uncommitted").verdict).toBe("valid");
    const result = check(history, "read-committed");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G1c"]);
    expect(result.notModels).toEqual([
      ...EVERYTHING_SERIALIZABLE_RULES_OUT,
      "strong-snapshot-isolation",
      "strong-session-snapshot-isolation",
      "snapshot-isolation",
      "repeatable-read",
      "read-committed",
    ]);
    const explanations = result.anomalies[0]!.cycle!.map((step) => step.explanation);
    expect(explanations).toContain('T2 read "x" = [1], so it saw T1\'s append of 1');
    expect(explanations).toContain('T1 read "y" = [1], so it saw T2\'s append of 1');
  });

  test("G-single: read skew, one transaction saw half of another's appends", () => {
    const history = concurrent(["ax1ay1", "rxry1"]);
    expect(check(history, "read-committed").verdict).toBe("valid");
    const result = check(history, "snapshot-isolation");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G-single"]);
    expect(result.notModels).toEqual([
      ...EVERYTHING_SERIALIZABLE_RULES_OUT,
      "strong-snapshot-isolation",
      "strong-session-snapshot-isolation",
      "snapshot-isolation",
      "repeatable-read",
    ]);
    const steps = result.anomalies[0]!.cycle!;
    expect(steps.map((step) => `${step.from.id}-${step.edge}->${step.to.id}`).sort()).toEqual([
      "1-wr->2",
      "2-rw->1",
    ]);
  });

  test("G-nonadjacent (Elle): two rw edges, never adjacent", () => {
    const history = [
      ...serial(0, "ax1"),
      ...serial(1, "rx1ry"),
      ...serial(2, "ay1"),
      ...serial(3, "ry1rx"),
    ];
    const result = check(history);
    expect(types(result)).toEqual(["G-nonadjacent"]);
    expect(result.notModels).toEqual([
      ...EVERYTHING_SERIALIZABLE_RULES_OUT,
      "strong-snapshot-isolation",
      "strong-session-snapshot-isolation",
      "snapshot-isolation",
      "repeatable-read",
    ]);
    const edges = result.anomalies[0]!.cycle!.map((step) => step.edge);
    expect(edges.filter((edge) => edge === "rw")).toHaveLength(2);
    for (let index = 0; index < edges.length; index++) {
      if (edges[index] === "rw") expect(edges[(index + 1) % edges.length]).not.toBe("rw");
    }
  });

  test("rw rw wr rw wr edges without a cycle are not G-nonadjacent (Elle)", () => {
    const history = [
      ...serial(0, "rx5ay1"),
      ...serial(1, "ryaz2"),
      ...serial(2, "rzat3"),
      ...serial(3, "rt3au4"),
      ...serial(4, "ruax5"),
    ];
    expect(check(history, "snapshot-isolation").verdict).toBe("valid");
    expect(check(history, "serializable").verdict).toBe("valid");
  });

  test("G2-item: write skew, two transactions each missed the other's append (Elle repeatable-read-test)", () => {
    const history = concurrent(["rxay1", "ryax1"]);
    expect(check(history, "read-committed").verdict).toBe("valid");
    expect(check(history, "snapshot-isolation").verdict).toBe("valid");
    const result = check(history, "repeatable-read");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G2-item"]);
    expect(result.notModels).toEqual([...EVERYTHING_SERIALIZABLE_RULES_OUT, "repeatable-read"]);
    expect(result.anomalies[0]!.cycle!.map((step) => step.edge)).toEqual(["rw", "rw"]);
  });

  test("lost update (Elle): two transactions read [0] and both appended", () => {
    const history = [...serial(0, "ax0"), ...serial(1, "rx0ax1"), ...serial(2, "rx0ax2")];
    const result = check(history);
    expect(types(result)).toEqual(["G2-item"]);
    expect(result.anomalies[0]!.explanation).toMatch(/which no read shows/);
  });

  test("unobserved writes are ordered after the longest read (Elle unobserved-write-test)", () => {
    const [w1, w1done] = serial(0, "ax1ay1");
    const [w2, w2done] = serial(1, "ax2ay2");
    const [w3, w3done] = serial(2, "ax3ay3");
    const [rx, rxdone] = serial(3, "rx12");
    const [ry, rydone] = serial(4, "ry2");
    const history = [w1!, w2!, w3!, rx!, ry!, w1done!, w2done!, w3done!, rxdone!, rydone!];
    const result = check(history);
    expect(types(result)).toEqual(["G-single", "G0"]);
    expect(result.notModels).toContain("read-uncommitted");
  });

  test("one transaction appending twice over its own read is fine (Elle)", () => {
    expect(check([...serial(0, "rxax1ax2"), ...serial(1, "rx12")]).verdict).toBe("valid");
  });
});

describe("list-append: process and real-time order", () => {
  test("G1c-process (Elle wr-process-test): a process did not see its own earlier append", () => {
    const history = [...serial(1, "rx1ay1"), ...serial(2, "ry1"), ...serial(2, "ax1")];
    expect(check(history, "serializable").verdict).toBe("valid");
    const result = check(history, "strong-session-snapshot-isolation");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G1c-process"]);
    expect(result.notModels).toEqual([
      "strict-serializable",
      "strong-session-serializable",
      "strong-snapshot-isolation",
      "strong-session-snapshot-isolation",
    ]);
    const process = result.anomalies[0]!.cycle!.find((step) => step.edge === "process")!;
    expect(process.explanation).toBe(
      "T2 and T3 ran on process 2, which finished T2 before it began T3, so T2 precedes T3",
    );
  });

  test("G-single-realtime: a stale read after a completed append (serializable, not strict)", () => {
    const history = [...serial(0, "ax1"), ...serial(1, "rx")];
    expect(check(history, "serializable")).toEqual({
      verdict: "valid",
      anomalies: [],
      notModels: [],
    });
    const result = check(history, "strict-serializable");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G-single-realtime"]);
    expect(result.notModels).toEqual(["strict-serializable", "strong-snapshot-isolation"]);
    expect(result.anomalies[0]!.explanation).toContain(
      "T1 completed (event #1) before T2 was invoked (event #2)",
    );
  });

  test("concurrent transactions have no real-time order", () => {
    expect(check(concurrent(["ax1", "rx"]), "strict-serializable").verdict).toBe("valid");
  });
});

describe("list-append: anomalies without cycles", () => {
  test("G1a: a read of a failed transaction's append", () => {
    const result = check([...serial(0, "ax1", "fail"), ...serial(1, "rx1")], "read-committed");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G1a"]);
    expect(result.anomalies[0]!.explanation).toBe(
      'T2 read "x" including 1, which T1 appended, but T1 failed: an aborted read',
    );
    expect(
      check([...serial(0, "ax1", "fail"), ...serial(1, "rx1")], "read-uncommitted").verdict,
    ).toBe("valid");
  });

  test("G1b: a read of an intermediate state of another transaction", () => {
    const result = check([...serial(0, "ax1ax2"), ...serial(1, "rx1")], "read-committed");
    // T2 also misses T1's append of 2, which comes after the 1 it saw: a G-single cycle too.
    expect(types(result)).toEqual(["G-single", "G1b"]);
    expect(result.anomalies[0]!.explanation).toBe(
      'T2 read "x" = [1], ending in 1, an intermediate state: T1 appended 1 and then appended again to the same key',
    );
    expect(result.verdict).toBe("violation");
  });

  test("internal: a read that misses the transaction's own append", () => {
    const result = check(serial(0, "ax1rx"));
    expect(types(result)).toEqual(["internal"]);
    expect(result.notModels).toEqual([
      ...EVERYTHING_SERIALIZABLE_RULES_OUT,
      "strong-snapshot-isolation",
      "strong-session-snapshot-isolation",
      "snapshot-isolation",
    ]);
    expect(check(serial(0, "ax1rx"), "repeatable-read").verdict).toBe("valid");
    expect(types(check(serial(0, "rx1ax2rx13")))).toEqual(["internal"]);
  });

  test("incompatible-order: two reads that no one order of appends explains", () => {
    const history = [...concurrent(["ax1", "ax2"]), ...serial(2, "rx12"), ...serial(3, "rx2")];
    const result = check(history, "read-committed");
    expect(types(result)).toEqual(["incompatible-order"]);
    expect(result.verdict).toBe("violation");
  });

  test("duplicate-elements: a read holding an element twice", () => {
    const result = check([...serial(0, "ax1"), ...serial(1, "rx11")], "read-uncommitted");
    expect(types(result)).toEqual(["duplicate-elements"]);
    expect(result.verdict).toBe("violation");
  });
});

describe("list-append: indeterminate transactions", () => {
  test("an info append never read adds nothing", () => {
    expect(
      check([...serial(0, "ax1", "info"), ...serial(1, "rx")], "strict-serializable").verdict,
    ).toBe("valid");
  });

  test("an info append that was read took effect, and is ordered like any other", () => {
    const history = [...serial(0, "ax1ay1", "info"), ...serial(1, "rxry1")];
    expect(types(check(history))).toEqual(["G-single"]);
  });

  test("a never-completed invocation is an info transaction", () => {
    const history = [invoke(0, "ax1"), ...serial(1, "rx1"), ...serial(2, "rx")];
    expect(check(history, "serializable").verdict).toBe("valid");
  });

  test("a failed transaction's reads and appends never make a cycle", () => {
    const history = [
      invoke(0, "ax1ry1"),
      invoke(1, "ay1rx1"),
      complete(0, "ax1ry1"),
      complete(1, "ay1rx1", "fail"),
    ];
    const result = check(history);
    expect(types(result)).toEqual(["G1a"]);
    expect(result.anomalies[0]!.explanation).toBe(
      'T1 read "y" including 1, which T2 appended, but T2 failed: an aborted read',
    );
  });
});

describe("list-append: process order across failed transactions", () => {
  test("a process's order carries across a failed transaction", () => {
    const history = [...serial(0, "ax1"), ...serial(0, "ay1", "fail"), ...serial(0, "rx")];
    expect(types(check(history, "strong-session-serializable"))).toEqual(["G-single-process"]);
    expect(check(history, "serializable").verdict).toBe("valid");
  });
});
