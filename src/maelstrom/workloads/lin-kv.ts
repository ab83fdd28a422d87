/**
 * The `lin-kv` workload: a linearizable key-value store over a few integer keys, with
 * `read`, `write` and `cas` of small integers (as Jepsen's linearizable-register test
 * draws them), judged by faultline's linearizability checker with the kv model. A read of
 * an absent key (error 20) is an ok read of nil; a cas whose key is absent (20) or whose
 * value differs (22) certainly did not happen.
 */
import { checkLinearizability } from "../../checkers/check-linearizability.js";
import { renderViolation } from "../../checkers/explain/render-violation.js";
import { HistoryError } from "../../checkers/history-problem.js";
import { kvModel } from "../../checkers/models/kv.js";
import type { Value } from "../../checkers/value.js";
import type { HistoryVerdict } from "../../checkers/verdict.js";
import { ErrorCode, isErrorBody } from "../protocol.js";
import { randomInt } from "../random-source.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import type { MaelstromEvent, MaelstromOp, MaelstromWorkload } from "../workload.js";

/** Search steps the checker may take before it answers "unknown". */
const CHECKER_STEPS = 20_000_000;

function drawOp(random: { next(): number }, keyCount: number): MaelstromOp {
  const key = randomInt(random, keyCount);
  const kind = randomInt(random, 3);
  if (kind === 0) return { f: "read", key, value: null };
  if (kind === 1) return { f: "write", key, value: randomInt(random, 5) };
  return { f: "cas", key, value: [randomInt(random, 5), randomInt(random, 5)] };
}

function checkLinKv(history: readonly MaelstromEvent[]): HistoryVerdict {
  let result: ReturnType<typeof checkLinearizability>;
  try {
    result = checkLinearizability(history, kvModel, { maxSteps: CHECKER_STEPS });
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    return {
      valid: false,
      anomalies: [{ type: "malformed-history", explanation: error.message }],
      explanation: error.message,
    };
  }
  const stats = {
    operations: result.operations,
    partitions: result.partitions,
    steps: result.steps,
  };
  switch (result.verdict) {
    case "linearizable":
      return {
        valid: true,
        anomalies: [],
        explanation: `${result.operations} operations on ${result.partitions} key(s) are linearizable`,
        stats,
      };
    case "unknown":
      return {
        valid: "unknown",
        anomalies: [],
        explanation: `the linearizability search stopped: ${result.reason}`,
        stats,
      };
    case "violation": {
      const text = renderViolation(result.explanation, undefined);
      return {
        valid: false,
        anomalies: [{ type: "nonlinearizable", explanation: text }],
        explanation: `history not linearizable: ${text.split("\n")[0]!}`,
        stats,
      };
    }
  }
}

/** The lin-kv workload. */
export const linKvWorkload: MaelstromWorkload = {
  name: "lin-kv",
  summary: "a linearizable key-value store: read, write and compare-and-set",
  flags: ["rate", "concurrency", "key-count"],
  setup: () => [],
  generator: (options) => ({ next: (random) => drawOp(random, options.keyCount) }),
  request: (op) => {
    if (op.f === "read") return { type: "read", key: op.key };
    if (op.f === "write") return { type: "write", key: op.key, value: op.value };
    const [from, to] = op.value as [Value, Value];
    return { type: "cas", key: op.key, from, to };
  },
  complete: (op, reply) => {
    if (op.f === "read") {
      if (isErrorBody(reply) && reply.code === ErrorCode.keyDoesNotExist)
        return { type: "ok", value: null };
      return completeWith(op, reply, "read_ok", true, (body) =>
        "value" in body ? (body.value as Value) : undefined,
      );
    }
    return completeWith(op, reply, `${op.f}_ok`, false);
  },
  timedOut: (op) => timeoutCompletion(op, op.f === "read"),
  finalOps: () => [],
  check: (history) => checkLinKv(history),
};
