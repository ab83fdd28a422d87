/**
 * Checks the linearization a "linearizable" verdict comes with: every operation known to
 * have completed appears once, the order respects real time, and the model accepts each
 * step. A verdict that cannot show a valid witness is wrong.
 */
import type { Model } from "../../../src/checkers/model.js";
import type { PreparedHistory } from "../../../src/checkers/prepare-history.js";

/** Returns a description of what is wrong with the witness, or undefined when it is valid. */
export function witnessProblem<State, Op>(
  prepared: PreparedHistory<State, Op>,
  witness: readonly (readonly number[])[],
): string | undefined {
  const { model, partitions } = prepared;
  for (const [index, partition] of partitions.entries()) {
    const order = witness[index];
    if (order === undefined) return `no linearization for partition ${index}`;
    const problem = partitionProblem(model, partition.operations, partition.ops, order);
    if (problem !== undefined) return `partition ${String(partition.key)}: ${problem}`;
  }
  return undefined;
}

function partitionProblem<State, Op>(
  model: Model<State, Op>,
  operations: PreparedHistory<State, Op>["partitions"][number]["operations"],
  ops: readonly Op[],
  order: readonly number[],
): string | undefined {
  const indexOf = new Map(operations.map((operation, index) => [operation.id, index]));
  if (new Set(order).size !== order.length) return "an operation appears twice";
  const placed = new Set(order);
  const missing = operations.find(
    (operation) => operation.status === "ok" && !placed.has(operation.id),
  );
  if (missing !== undefined) return `operation ${missing.id} (completed) is missing`;
  let state = model.init();
  for (const [position, id] of order.entries()) {
    const index = indexOf.get(id);
    if (index === undefined) return `operation ${id} is not in this partition`;
    const operation = operations[index]!;
    const later = order.slice(position + 1).map((other) => operations[indexOf.get(other)!]!);
    const overtaken = later.find(
      (other) => other.status === "ok" && other.completeIndex! < operation.invokeIndex,
    );
    if (overtaken !== undefined)
      return `operation ${id} is placed before ${overtaken.id}, which completed before it began`;
    const step = model.step(state, ops[index]!);
    if (!step.legal) return `operation ${id} is illegal at position ${position}`;
    state = step.state;
  }
  return undefined;
}
