/**
 * Readies a history for the search: pairs events into operations, has the model check and
 * convert each one (an unknown `f` is an error naming its line), leaves out `fail`
 * operations (they did not take effect), and splits the rest into partitions by the model's
 * partition key, in order of first appearance.
 */
import type { HistoryEvent, SourcedHistory } from "./history.js";
import type { Checked, HistoryProblem } from "./history-problem.js";
import type { Model, PartitionKey } from "./model.js";
import type { Operation } from "./operation.js";
import { pairOperations } from "./pair-operations.js";

/** The operations of one partition, with the model's form of each. */
export interface PreparedPartition<Op> {
  /** The partition key; `undefined` when the model has no partitions. */
  readonly key: PartitionKey | undefined;
  /** The operations that may have taken effect (`ok` and `info`), in invocation order. */
  readonly operations: readonly Operation[];
  /** The model's form of each operation, parallel to `operations`. */
  readonly ops: readonly Op[];
}

/** A history ready to check against one model. */
export interface PreparedHistory<State, Op> {
  /** The model it was prepared for. */
  readonly model: Model<State, Op>;
  /** Every operation, `fail` ones included, in invocation order. */
  readonly operations: readonly Operation[];
  /** The partitions to search. */
  readonly partitions: readonly PreparedPartition<Op>[];
}

function prepareProblem(
  operation: Operation,
  file: string | undefined,
  expected: string,
  found: string,
): HistoryProblem {
  const place =
    operation.invokeLine !== undefined
      ? { line: operation.invokeLine }
      : { eventIndex: operation.invokeIndex };
  return { ...(file === undefined ? {} : { file }), ...place, expected, found };
}

/**
 * Prepares already-paired operations (see `pairOperations`) for `model`.
 * `file` names the source in problems.
 */
export function prepareOperations<State, Op>(
  operations: readonly Operation[],
  model: Model<State, Op>,
  file?: string,
): Checked<PreparedHistory<State, Op>> {
  const groups = new Map<PartitionKey | undefined, { operations: Operation[]; ops: Op[] }>();
  for (const operation of operations) {
    const prepared = model.prepare(operation);
    if (!prepared.ok) {
      return {
        ok: false,
        problem: prepareProblem(operation, file, prepared.expected, prepared.found),
      };
    }
    if (operation.status === "fail") continue;
    const key = model.partition?.(prepared.op);
    let group = groups.get(key);
    if (group === undefined) {
      group = { operations: [], ops: [] };
      groups.set(key, group);
    }
    group.operations.push(operation);
    group.ops.push(prepared.op);
  }
  const partitions = [...groups].map(([key, group]) => ({ key, ...group }));
  return { ok: true, value: { model, operations, partitions } };
}

/**
 * Pairs and prepares a history for `model`.
 *
 * @example
 * ```ts
 * const prepared = prepareHistory({ events }, registerModel);
 * if (!prepared.ok) console.error(formatHistoryProblem(prepared.problem));
 * ```
 */
export function prepareHistory<State, Op>(
  history: SourcedHistory | readonly HistoryEvent[],
  model: Model<State, Op>,
): Checked<PreparedHistory<State, Op>> {
  const sourced: SourcedHistory = Array.isArray(history)
    ? { events: history }
    : (history as SourcedHistory);
  const paired = pairOperations(sourced);
  if (!paired.ok) return paired;
  return prepareOperations(paired.value, model, sourced.source?.file);
}
