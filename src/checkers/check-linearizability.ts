/**
 * The checker's entry points: is this history linearizable with respect to this model?
 * Partitions are searched one after another in order of first appearance; the first one
 * that cannot be linearized decides "violation"; a budget that runs out answers "unknown".
 */
import type { HistoryEvent, SourcedHistory } from "./history.js";
import { HistoryError } from "./history-problem.js";
import type {
  DescribedOperation,
  LinearizabilityResult,
  ViolationExplanation,
} from "./linearizability-result.js";
import type { Model } from "./model.js";
import type { Operation } from "./operation.js";
import { type PreparedHistory, type PreparedPartition, prepareHistory } from "./prepare-history.js";
import { decideByZones } from "./search/register-zones.js";
import { SearchBudget, type SearchLimits, type StopReason } from "./search/search-budget.js";
import { type PartitionOutcome, PartitionSearch } from "./search/search-partition.js";
import { formatValue } from "./value.js";

/** Options of a check: its budget. */
export type CheckOptions = SearchLimits;

/** The model's description of an operation, or a generic one. */
export function describeOperation<State, Op>(
  model: Model<State, Op>,
  operation: Operation,
  op: Op,
): string {
  if (model.describeOperation !== undefined) return model.describeOperation(op);
  const output = operation.status === "ok" ? formatValue(operation.output) : "?";
  return `${operation.f}(${formatValue(operation.input)}) -> ${output}`;
}

function describeState<State>(model: Model<State, unknown>, state: State): string {
  return model.describeState?.(state) ?? String(state);
}

/** The search of one partition, ready to advance. */
export function partitionSearch<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  budget: SearchBudget,
): PartitionSearch<State, Op> {
  const count = partition.operations.length;
  const crashed = new Array<boolean>(count);
  const invokeAt = new Array<number>(count);
  const returnAt = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    const operation = partition.operations[index]!;
    crashed[index] = operation.status !== "ok";
    invokeAt[index] = operation.invokeIndex;
    returnAt[index] = crashed[index] ? Number.POSITIVE_INFINITY : operation.completeIndex!;
  }
  return new PartitionSearch({ model, ops: partition.ops, crashed, invokeAt, returnAt }, budget);
}

/** A partition's linearization order in history-wide operation ids. */
function globalOrder<Op>(partition: PreparedPartition<Op>, order: readonly number[]): number[] {
  const ids = new Array<number>(order.length);
  for (let index = 0; index < order.length; index++)
    ids[index] = partition.operations[order[index]!]!.id;
  return ids;
}

/** Steps each partition gets in the first round; the slice doubles every round. */
const FIRST_SLICE_STEPS = 1024;

type RoundsOutcome<State> =
  | { readonly kind: "linearizable"; readonly orders: readonly (readonly number[])[] }
  | { readonly kind: "violation"; readonly partition: number; readonly outcome: Violation<State> }
  | { readonly kind: "unknown"; readonly reason: StopReason };

type Violation<State> = Extract<PartitionOutcome<State>, { kind: "violation" }>;

/**
 * Lets the partitions take turns, each advancing by a slice of steps that doubles every
 * round, until all are linearizable or one is not. A violation that is quick to find is
 * found quickly even when another partition is slow to settle; the order of turns is fixed,
 * so the answer and its explanation are the same on every run. `orders` holds the
 * partitions already decided (by their zones); the others are searched.
 */
function searchInRounds<State, Op>(
  model: Model<State, Op>,
  partitions: readonly PreparedPartition<Op>[],
  budget: SearchBudget,
  orders: (readonly number[] | undefined)[],
): RoundsOutcome<State> {
  const searches = partitions.map((partition, index) =>
    orders[index] === undefined ? partitionSearch(model, partition, budget) : undefined,
  );
  let active = searches.flatMap((search, index) => (search === undefined ? [] : [index]));
  for (let slice = FIRST_SLICE_STEPS; active.length > 0; slice *= 2) {
    const unfinished: number[] = [];
    for (const index of active) {
      const outcome = searches[index]!.advance(budget.steps + slice);
      if (outcome === undefined) unfinished.push(index);
      else if (outcome.kind === "violation")
        return { kind: "violation", partition: index, outcome };
      else if (outcome.kind === "unknown") return { kind: "unknown", reason: outcome.reason };
      else orders[index] = globalOrder(partitions[index]!, outcome.order);
    }
    active = unfinished;
  }
  return { kind: "linearizable", orders: orders as (readonly number[])[] };
}

/** A partition restricted to some of its operations (kept in invocation order). */
function subPartition<Op>(
  partition: PreparedPartition<Op>,
  indices: readonly number[],
): PreparedPartition<Op> {
  return {
    key: partition.key,
    operations: indices.map((index) => partition.operations[index]!),
    ops: indices.map((index) => partition.ops[index]!),
  };
}

/**
 * A zone conflict, confirmed and explained by searching its few operations on their own
 * (what cannot be ordered among them cannot be ordered among all). The prefix and blocker
 * are mapped back to the whole partition; undefined when the search does not confirm it.
 */
function confirmConflict<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  core: readonly number[],
  budget: SearchBudget,
): Violation<State> | undefined {
  const outcome = partitionSearch(model, subPartition(partition, core), budget).advance(
    Number.POSITIVE_INFINITY,
  );
  if (outcome?.kind !== "violation") return undefined;
  return {
    kind: "violation",
    prefix: outcome.prefix.map((index) => core[index]!),
    stateAfterPrefix: outcome.stateAfterPrefix,
    blocker: core[outcome.blocker]!,
  };
}

/** Steps the search of a whole partition gets to explain a conflict its zones found. */
const EXPLAIN_STEPS = 100_000;

/**
 * The whole partition's search, for a little while: when it finds the violation in that
 * time, its explanation (the longest linearizable prefix of everything) is the richer one.
 */
function searchBriefly<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  budget: SearchBudget,
): Violation<State> | undefined {
  const outcome = partitionSearch(model, partition, budget).advance(budget.steps + EXPLAIN_STEPS);
  return outcome?.kind === "violation" ? outcome : undefined;
}

/**
 * Decides what the partitions' zones can (see `decideByZones`), then searches the rest.
 * A confirmed conflict ends the check at once: no search of the others is needed.
 */
function decide<State, Op>(
  model: Model<State, Op>,
  partitions: readonly PreparedPartition<Op>[],
  budget: SearchBudget,
): RoundsOutcome<State> {
  const orders: (readonly number[] | undefined)[] = new Array(partitions.length);
  for (let index = 0; index < partitions.length; index++) {
    const partition = partitions[index]!;
    const zones = decideByZones(model, partition);
    if (zones === undefined) continue;
    if (zones.kind === "linearizable") {
      orders[index] = globalOrder(partition, zones.order);
      continue;
    }
    const confirmed =
      searchBriefly(model, partition, budget) ??
      confirmConflict(model, partition, zones.core, budget);
    if (confirmed !== undefined) return { kind: "violation", partition: index, outcome: confirmed };
  }
  return searchInRounds(model, partitions, budget, orders);
}

function explain<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  outcome: Violation<State>,
): ViolationExplanation {
  const described = (index: number): DescribedOperation => ({
    operation: partition.operations[index]!,
    description: describeOperation(model, partition.operations[index]!, partition.ops[index]!),
  });
  let state = model.init();
  const longestPrefix = outcome.prefix.map((index) => {
    const step = model.step(state, partition.ops[index]!);
    if (step.legal) state = step.state;
    return { ...described(index), stateAfter: describeState(model, state) };
  });
  return {
    partition: partition.key,
    partitionOperations: partition.operations,
    longestPrefix,
    stateAfterPrefix: describeState(model, outcome.stateAfterPrefix),
    blocker: described(outcome.blocker),
  };
}

/**
 * Checks a prepared history (see `prepareHistory`). This is the part worth timing: no
 * parsing, no I/O.
 */
export function checkPreparedHistory<State, Op>(
  prepared: PreparedHistory<State, Op>,
  options: CheckOptions = {},
): LinearizabilityResult {
  const budget = new SearchBudget(options);
  const { model, partitions } = prepared;
  let outcome: RoundsOutcome<State>;
  try {
    outcome = decide(model, partitions, budget);
  } catch (error) {
    // An error inside the search (a model's step that throws, an allocation that fails) is
    // no verdict: the answer is unknown, with the reason.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      verdict: "unknown",
      reason: "internal-error",
      detail,
      operations: prepared.operations.length,
      partitions: partitions.length,
      steps: budget.steps,
    };
  }
  const counts = {
    operations: prepared.operations.length,
    partitions: partitions.length,
    steps: budget.steps,
  };
  switch (outcome.kind) {
    case "linearizable":
      return { verdict: "linearizable", witness: outcome.orders, ...counts };
    case "unknown":
      return { verdict: "unknown", reason: outcome.reason, ...counts };
    case "violation": {
      const explanation = explain(model, partitions[outcome.partition]!, outcome.outcome);
      return { verdict: "violation", explanation, ...counts };
    }
  }
}

/**
 * Checks a history for linearizability with respect to a model.
 *
 * @throws HistoryError when the history is malformed (an unpaired completion, a process
 *   that invokes twice, an operation the model does not know); the error names the event.
 *
 * @example
 * ```ts
 * import { checkLinearizability, registerModel } from "faultline";
 *
 * const result = checkLinearizability(
 *   [
 *     { process: 0, type: "invoke", f: "write", value: 1 },
 *     { process: 1, type: "invoke", f: "read", value: null },
 *     { process: 0, type: "ok", f: "write", value: 1 },
 *     { process: 1, type: "ok", f: "read", value: 1 },
 *   ],
 *   registerModel,
 * );
 * console.log(result.verdict); // "linearizable"
 * ```
 */
export function checkLinearizability<State, Op>(
  history: SourcedHistory | readonly HistoryEvent[],
  model: Model<State, Op>,
  options: CheckOptions = {},
): LinearizabilityResult {
  const prepared = prepareHistory(history, model);
  if (!prepared.ok) throw new HistoryError(prepared.problem);
  return checkPreparedHistory(prepared.value, options);
}
