/**
 * The transactional checker: reads a history of transactions, infers the dependency graph
 * for its data model (plus process and real-time order when the consistency model needs
 * them), finds the cycles, names and explains every anomaly, and judges the history against
 * the chosen consistency model. Pure: the same history always gives the same result.
 */
import type { HistoryEvent, HistorySource } from "../history.js";
import { HistoryError } from "../history-problem.js";
import {
  isConsistencyModel,
  modelsRuledOut,
  needsProcessEdges,
  needsRealtimeEdges,
  rulesOut,
} from "./consistency-models.js";
import { DATA_EDGES, EdgeKind, EdgeLimitError, EdgeList } from "./edge-list.js";
import { explainCycle } from "./explain-cycle.js";
import { findCycles } from "./find-cycles.js";
import type { Inference } from "./inference.js";
import { inferListAppend } from "./list-append.js";
import { inferRwRegister } from "./rw-register.js";
import { SearchBudget } from "./search-budget.js";
import { addProcessEdges, addRealtimeEdges } from "./session-edges.js";
import { parseTransactions, type TransactionHistory } from "./transactions.js";
import {
  type ConsistencyModel,
  TXN_MODELS,
  type TxnAnomaly,
  type TxnCheckOptions,
  type TxnCheckResult,
} from "./types.js";

const DEFAULT_CONSISTENCY: ConsistencyModel = "serializable";

function checkOptions(options: TxnCheckOptions): ConsistencyModel {
  if (!TXN_MODELS.includes(options.model)) {
    throw new TypeError(
      `checkTransactions: model must be ${TXN_MODELS.join(" or ")}, found ${JSON.stringify(options.model)}`,
    );
  }
  const consistency = options.consistency ?? DEFAULT_CONSISTENCY;
  if (!isConsistencyModel(consistency)) {
    throw new TypeError(
      `checkTransactions: unknown consistency model ${JSON.stringify(consistency)}`,
    );
  }
  return consistency;
}

function buildGraph(
  history: TransactionHistory,
  options: TxnCheckOptions,
  consistency: ConsistencyModel,
) {
  const edges = new EdgeList();
  const inference: Inference =
    options.model === "list-append"
      ? inferListAppend(history, edges)
      : inferRwRegister(history, edges);
  let mask = DATA_EDGES;
  let nodeCount = history.transactions.length;
  if (needsProcessEdges(consistency)) {
    addProcessEdges(history, edges);
    mask |= EdgeKind.process;
  }
  if (needsRealtimeEdges(consistency)) {
    nodeCount = addRealtimeEdges(history, edges);
    mask |= EdgeKind.realtime;
  }
  return { inference, graph: edges.compile(nodeCount), mask };
}

function judge(
  anomalies: readonly TxnAnomaly[],
  consistency: ConsistencyModel,
  stopped: string | undefined,
): TxnCheckResult {
  const notModels = modelsRuledOut(anomalies.map((anomaly) => anomaly.type));
  if (anomalies.some((anomaly) => rulesOut(consistency, anomaly.type))) {
    return { verdict: "violation", anomalies, notModels };
  }
  if (stopped !== undefined) return { verdict: "unknown", anomalies, notModels, reason: stopped };
  return { verdict: "valid", anomalies, notModels };
}

/**
 * Checks transactions already paired by `parseTransactions`.
 *
 * @example
 * ```ts
 * const parsed = parseTransactions(events, "list-append");
 * if (parsed.ok) checkParsedTransactions(parsed.value, { model: "list-append" });
 * ```
 */
export function checkParsedTransactions(
  history: TransactionHistory,
  options: TxnCheckOptions,
): TxnCheckResult {
  const consistency = checkOptions(options);
  let built: ReturnType<typeof buildGraph>;
  try {
    built = buildGraph(history, options, consistency);
  } catch (error) {
    if (!(error instanceof EdgeLimitError)) throw error;
    return { verdict: "unknown", anomalies: [], notModels: [], reason: error.message };
  }
  const { inference, graph, mask } = built;
  const budget = new SearchBudget(options.shouldStop);
  const cycles = findCycles(graph, mask, history.transactions.length, budget);
  const anomalies = [
    ...inference.anomalies,
    ...cycles.map((cycle) => explainCycle(cycle, history.transactions, inference)),
  ];
  const stopped =
    budget.stopped === undefined
      ? undefined
      : budget.stopped === "budget"
        ? "the cycle search reached its bound on work before every component was searched"
        : "stopped before every component was searched";
  return judge(anomalies, consistency, stopped);
}

/**
 * Checks a history of transactions for isolation anomalies, Elle-style, and judges it
 * against a consistency model (serializable unless `consistency` says otherwise).
 * A malformed history throws a `HistoryError` naming the event.
 *
 * @example
 * ```ts
 * const result = checkTransactions(
 *   [
 *     { process: 0, type: "invoke", f: "txn", value: [["append", "x", 1], ["r", "y", null]] },
 *     { process: 1, type: "invoke", f: "txn", value: [["append", "y", 1], ["r", "x", null]] },
 *     { process: 0, type: "ok", f: "txn", value: [["append", "x", 1], ["r", "y", []]] },
 *     { process: 1, type: "ok", f: "txn", value: [["append", "y", 1], ["r", "x", []]] },
 *   ],
 *   { model: "list-append" },
 * );
 * // result.verdict === "violation"; result.anomalies[0].type === "G2-item" (write skew)
 * ```
 */
export function checkTransactions(
  history: readonly HistoryEvent[],
  options: TxnCheckOptions,
  source?: HistorySource,
): TxnCheckResult {
  checkOptions(options);
  const parsed = parseTransactions(history, options.model, source);
  if (!parsed.ok) throw new HistoryError(parsed.problem);
  return checkParsedTransactions(parsed.value, options);
}
