/**
 * The transactional workloads: `txn-list-append` (micro-operations `["r", k, null]` and
 * `["append", k, v]`) and `txn-rw-register` (`["r", k, null]` and `["w", k, v]`), sent as
 * one `txn` request and answered with the completed transaction in `txn_ok`. Keys are
 * integers; `--key-count` keys are active at once, and a key that has had
 * `--max-writes-per-key` writes is retired for a fresh one, as Elle's generators do;
 * written values are unique per key. Judged by the transactional checker against each of
 * `--consistency-models`.
 */
import { checkTransactions } from "../../checkers/txn/index.js";
import type { ConsistencyModel, TxnCheckResult, TxnModel } from "../../checkers/txn/types.js";
import type { Value } from "../../checkers/value.js";
import type { Anomaly, HistoryVerdict } from "../../checkers/verdict.js";
import { randomBetween, randomInt } from "../random-source.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import type {
  MaelstromEvent,
  MaelstromOp,
  MaelstromOptions,
  MaelstromWorkload,
  OpGenerator,
} from "../workload.js";

type MicroOp = [string, number, Value];

function txnGenerator(options: MaelstromOptions, writeFunction: string): OpGenerator {
  const active = Array.from({ length: options.keyCount }, (_, index) => index);
  const writes = new Map<number, number>();
  let nextKey = options.keyCount;
  return {
    next(random) {
      const length = randomBetween(random, 1, options.maxTxnLength);
      const txn: MicroOp[] = [];
      for (let index = 0; index < length; index++) {
        const slot = randomInt(random, active.length);
        const key = active[slot]!;
        if (random.next() < 0.5) {
          txn.push(["r", key, null]);
          continue;
        }
        const count = (writes.get(key) ?? 0) + 1;
        writes.set(key, count);
        txn.push([writeFunction, key, count]);
        if (count >= options.maxWritesPerKey) active[slot] = nextKey++;
      }
      return { f: "txn", value: txn };
    },
  };
}

function isCompletedTxn(value: unknown, sent: readonly MicroOp[]): boolean {
  return (
    Array.isArray(value) &&
    value.length === sent.length &&
    value.every((op, index) => Array.isArray(op) && op.length === 3 && op[0] === sent[index]![0])
  );
}

function verdictFor(results: readonly [ConsistencyModel, TxnCheckResult][]): HistoryVerdict {
  const anomalies: Anomaly[] = [];
  const seen = new Set<string>();
  for (const [, result] of results) {
    for (const anomaly of result.anomalies) {
      if (seen.has(anomaly.explanation)) continue;
      seen.add(anomaly.explanation);
      anomalies.push({ type: anomaly.type, explanation: anomaly.explanation });
    }
  }
  const violated = results
    .filter(([, result]) => result.verdict === "violation")
    .map(([model]) => model);
  const unknown = results.filter(([, result]) => result.verdict === "unknown");
  const stats = { notModels: results[0]?.[1].notModels ?? [] };
  if (violated.length > 0) {
    const first = anomalies[0]?.explanation ?? "";
    return {
      valid: false,
      anomalies,
      explanation: `not ${violated.join(", ")}: ${anomalies.length} anomal${anomalies.length === 1 ? "y" : "ies"}; ${first}`,
      stats,
    };
  }
  if (unknown.length > 0)
    return {
      valid: "unknown",
      anomalies,
      explanation: `the transactional check stopped: ${unknown[0]![1].reason ?? "budget spent"}`,
      stats,
    };
  return {
    valid: true,
    anomalies,
    explanation: `consistent with ${results.map(([model]) => model).join(", ")}`,
    stats,
  };
}

function checkTxn(
  history: readonly MaelstromEvent[],
  options: MaelstromOptions,
  model: TxnModel,
): HistoryVerdict {
  const results: [ConsistencyModel, TxnCheckResult][] = [];
  try {
    for (const consistency of options.consistencyModels) {
      results.push([
        consistency as ConsistencyModel,
        checkTransactions(history, { model, consistency: consistency as ConsistencyModel }),
      ]);
    }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return {
      valid: false,
      anomalies: [{ type: "malformed-history", explanation: text }],
      explanation: `the transactions cannot be read: ${text}`,
    };
  }
  return verdictFor(results);
}

function txnWorkload(
  name: string,
  model: TxnModel,
  writeFunction: string,
  summary: string,
): MaelstromWorkload {
  return {
    name,
    summary,
    flags: [
      "rate",
      "concurrency",
      "key-count",
      "max-txn-length",
      "max-writes-per-key",
      "consistency-models",
    ],
    setup: () => [],
    generator: (options) => txnGenerator(options, writeFunction),
    request: (op) => ({ type: "txn", txn: op.value }),
    complete: (op: MaelstromOp, reply) =>
      completeWith(op, reply, "txn_ok", false, (body) =>
        isCompletedTxn(body.txn, op.value as MicroOp[]) ? (body.txn as Value) : undefined,
      ),
    timedOut: (op) => timeoutCompletion(op, false),
    finalOps: () => [],
    check: (history, options) => checkTxn(history, options, model),
  };
}

/** The txn-list-append workload. */
export const txnListAppendWorkload = txnWorkload(
  "txn-list-append",
  "list-append",
  "append",
  "transactions of reads and appends over lists (Elle's list-append)",
);

/** The txn-rw-register workload. */
export const txnRwRegisterWorkload = txnWorkload(
  "txn-rw-register",
  "rw-register",
  "w",
  "transactions of reads and writes over registers (Elle's rw-register)",
);
