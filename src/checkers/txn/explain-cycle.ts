/**
 * Explanations of anomalies in words a person can check against the history: each
 * transaction of a cycle with what it did, each edge with the observation behind it, and
 * what the cycle means.
 */
import { formatValue } from "../value.js";
import { EdgeKind } from "./edge-list.js";
import type { CycleEdge, FoundCycle } from "./find-cycles.js";
import { type Inference, txnName } from "./inference.js";
import type { Transaction } from "./transactions.js";
import type { MicroOp, TxnAnomaly, TxnCycleStep, TxnEdgeType } from "./types.js";

const MEANINGS: Readonly<Record<string, string>> = {
  G0: "a write cycle: each transaction's write was overwritten by the next (dirty write)",
  G1c: "circular information flow: each transaction wrote over or was seen by the next",
  "G-single": "a cycle with exactly one anti-dependency (read skew, or a lost update)",
  "G-nonadjacent": "a cycle whose anti-dependencies are never adjacent",
  "G2-item": "a cycle of anti-dependencies on items (write skew)",
};

const EDGE_NAMES: Readonly<Record<number, TxnEdgeType>> = {
  [EdgeKind.ww]: "ww",
  [EdgeKind.wr]: "wr",
  [EdgeKind.rw]: "rw",
  [EdgeKind.process]: "process",
  [EdgeKind.realtime]: "realtime",
};

/** A micro-op as Elle prints it: `[append x 1]`, `[r x [1 2]]`. */
export function formatMicroOp([f, key, value]: MicroOp): string {
  return `[${f} ${formatValue(key)} ${formatValue(value)}]`;
}

/** A transaction in one line: `T3 (process 1, ok): [append x 1] [r y [2]]`. */
export function describeTransaction(txn: Transaction): string {
  return `${txnName(txn)} (process ${String(txn.process)}, ${txn.status}): ${txn.ops.map(formatMicroOp).join(" ")}`;
}

function stepExplanation(
  step: CycleEdge,
  from: Transaction,
  to: Transaction,
  inference: Inference,
): string {
  if (step.kind === EdgeKind.process) {
    return `${txnName(from)} and ${txnName(to)} ran on process ${String(from.process)}, which finished ${txnName(from)} before it began ${txnName(to)}, so ${txnName(from)} precedes ${txnName(to)}`;
  }
  if (step.kind === EdgeKind.realtime) {
    return `${txnName(from)} completed (event #${from.completeIndex}) before ${txnName(to)} was invoked (event #${to.invokeIndex}), so ${txnName(from)} precedes ${txnName(to)} in real time`;
  }
  return inference.explainEdge(step.kind, from, to, step.key, step.detail);
}

/** A found cycle as an anomaly: its steps explained, and the whole in words. */
export function explainCycle(
  cycle: FoundCycle,
  transactions: readonly Transaction[],
  inference: Inference,
): TxnAnomaly {
  const steps: TxnCycleStep[] = cycle.steps.map((step) => {
    const from = transactions[step.from]!;
    const to = transactions[step.to]!;
    const data =
      step.kind === EdgeKind.ww || step.kind === EdgeKind.wr || step.kind === EdgeKind.rw;
    return {
      from,
      to,
      edge: EDGE_NAMES[step.kind]!,
      ...(data ? { key: inference.keyValue(step.key) } : {}),
      explanation: stepExplanation(step, from, to, inference),
    };
  });
  const base = cycle.type.replace(/-(process|realtime)$/, "");
  const first = txnName(steps[0]!.from);
  const lines = [
    `${cycle.type}: ${MEANINGS[base] ?? "a dependency cycle"}${cycle.type === base ? "" : `, with ${cycle.type.slice(base.length + 1)} order`}.`,
    ...steps.map((step) => `  ${describeTransaction(step.from as Transaction)}`),
    ...steps.map((step) => `  - ${step.explanation}.`),
    `  Following these from ${first} leads back to ${first}: no order of the transactions satisfies them all.`,
  ];
  return { type: cycle.type, cycle: steps, explanation: lines.join("\n") };
}
