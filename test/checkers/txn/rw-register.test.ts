/**
 * Hand-written rw-register histories, one per anomaly, with the anomalies and the models
 * they rule out. Registers give weaker evidence than lists: a read names its writer, nil
 * precedes every write, and a read followed by a write of the same key orders the versions.
 */
import { describe, expect, test } from "vitest";
import type { HistoryEvent } from "../../../src/checkers/history.js";
import {
  type ConsistencyModel,
  checkTransactions,
  type TxnCheckResult,
} from "../../../src/checkers/txn/index.js";
import { concurrent, serial } from "./support.js";

const REGISTER = "rw-register" as const;

function check(history: HistoryEvent[], consistency?: ConsistencyModel): TxnCheckResult {
  return checkTransactions(history, {
    model: REGISTER,
    ...(consistency === undefined ? {} : { consistency }),
  });
}

function types(result: TxnCheckResult): string[] {
  return result.anomalies.map((anomaly) => anomaly.type).sort();
}

describe("rw-register", () => {
  test("a serial history of reads and writes is valid", () => {
    const history = [
      ...serial(0, "rxwx1", "ok", REGISTER),
      ...serial(1, "rx1wx2wy1", "ok", REGISTER),
      ...serial(0, "rx2ry1", "ok", REGISTER),
    ];
    expect(check(history, "strict-serializable")).toEqual({
      verdict: "valid",
      anomalies: [],
      notModels: [],
    });
  });

  test("G0: each transaction read and overwrote the other's write", () => {
    const history = concurrent(["wx1ry2wy3", "rx1wx2wy2"], REGISTER);
    const result = check(history, "read-uncommitted");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toContain("G0");
    const g0 = result.anomalies.find((anomaly) => anomaly.type === "G0")!;
    expect(g0.cycle!.map((step) => step.edge)).toEqual(["ww", "ww"]);
    expect(g0.cycle!.map((step) => step.explanation)).toContain(
      'T2 read "x" = 1, written by T1, and then wrote "x" = 2, so T1\'s version precedes T2\'s',
    );
  });

  test("G1c: each transaction read the other's write", () => {
    const history = concurrent(["wx1ry1", "wy1rx1"], REGISTER);
    expect(check(history, "read-uncommitted").verdict).toBe("valid");
    const result = check(history, "read-committed");
    expect(types(result)).toEqual(["G1c"]);
    expect(result.anomalies[0]!.cycle!.map((step) => step.explanation).sort()).toEqual([
      'T1 read "y" = 1, which T2 wrote',
      'T2 read "x" = 1, which T1 wrote',
    ]);
  });

  test("G-single: a read of the initial state and of a write from the same transaction", () => {
    const history = concurrent(["wx1wy1", "rxry1"], REGISTER);
    expect(check(history, "read-committed").verdict).toBe("valid");
    const result = check(history, "snapshot-isolation");
    expect(result.verdict).toBe("violation");
    expect(types(result)).toEqual(["G-single"]);
    const rw = result.anomalies[0]!.cycle!.find((step) => step.edge === "rw")!;
    expect(rw.explanation).toBe(
      'T2 read "x" = nil, the initial state, which precedes every write, so T2 precedes T1, which wrote "x" = 1',
    );
  });

  test("G2-item: write skew from the initial state", () => {
    const history = concurrent(["rxwy1", "rywx1"], REGISTER);
    expect(check(history, "snapshot-isolation").verdict).toBe("valid");
    const result = check(history, "serializable");
    expect(types(result)).toEqual(["G2-item"]);
    expect(result.notModels).toEqual([
      "strict-serializable",
      "strong-session-serializable",
      "serializable",
      "repeatable-read",
    ]);
  });

  test("lost update: two transactions read 1 and both overwrote it", () => {
    const history = [
      ...serial(0, "wx1", "ok", REGISTER),
      ...concurrent(["rx1wx2", "rx1wx3"], REGISTER).map((event) => ({
        ...event,
        process: Number(event.process) + 1,
      })),
    ];
    const result = check(history);
    expect(types(result)).toEqual(["G2-item"]);
    expect(result.anomalies[0]!.cycle!.map((step) => step.explanation)).toContain(
      'T2 read "x" = 1, and T3 read that version and overwrote it with 3, so T2 precedes T3',
    );
  });

  test("G-single-realtime: a stale read of nil after a completed write", () => {
    const history = [...serial(0, "wx1", "ok", REGISTER), ...serial(1, "rx", "ok", REGISTER)];
    expect(check(history).verdict).toBe("valid");
    expect(types(check(history, "strict-serializable"))).toEqual(["G-single-realtime"]);
  });

  test("G1a: a read of a failed write", () => {
    const result = check(
      [...serial(0, "wx1", "fail", REGISTER), ...serial(1, "rx1", "ok", REGISTER)],
      "read-committed",
    );
    expect(types(result)).toEqual(["G1a"]);
    expect(result.verdict).toBe("violation");
  });

  test("G1b: a read of a write its transaction overwrote", () => {
    const result = check(
      [...serial(0, "wx1wx2", "ok", REGISTER), ...serial(1, "rx1", "ok", REGISTER)],
      "read-committed",
    );
    expect(types(result)).toEqual(["G1b"]);
    expect(result.verdict).toBe("violation");
  });

  test("internal: a read that disagrees with the transaction's own write", () => {
    const result = check(serial(0, "wx1rx2", "ok", REGISTER));
    expect(types(result)).toEqual(["internal"]);
    expect(result.anomalies[0]!.explanation).toBe(
      'T1 read "x" = 2, but its own earlier operations mean it should have read 1',
    );
  });

  test("an info write never read adds nothing; one that was read took effect", () => {
    const unseen = [...serial(0, "wx1", "info", REGISTER), ...serial(1, "rx", "ok", REGISTER)];
    expect(check(unseen, "strict-serializable").verdict).toBe("valid");
    const seen = [...serial(0, "wx1wy1", "info", REGISTER), ...serial(1, "rxry1", "ok", REGISTER)];
    expect(types(check(seen))).toEqual(["G-single"]);
  });
});
