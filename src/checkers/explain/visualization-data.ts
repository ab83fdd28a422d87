/**
 * The data behind the HTML view of a check, computed apart from any rendering: for each
 * partition shown, every operation as an interval on an axis of event positions, its place
 * in the (partial) linearization and the state it left, and which operations break it.
 */
import { describeOperation } from "../check-linearizability.js";
import type { LinearizabilityResult } from "../linearizability-result.js";
import type { Model } from "../model.js";
import { formatProcess } from "../operation.js";
import type { PreparedHistory, PreparedPartition } from "../prepare-history.js";
import { describeStopReason } from "../search/search-budget.js";
import { formatValue } from "../value.js";
import type { MinimalViolation } from "./minimize-violation.js";
import { describeInterval } from "./render-lanes.js";

/** What an operation is in the picture. */
export type OperationRole = "linearized" | "blocker" | "unplaced";

/** One operation as drawn. */
export interface VisualOperation {
  /** The operation's id in the history. */
  readonly id: number;
  /** Its process, as displayed (`p3`). */
  readonly process: string;
  /** Start on the axis (rank of its invocation among the partition's event positions). */
  readonly start: number;
  /** End on the axis; `null` when the outcome is unknown (it stays open to the end). */
  readonly end: number | null;
  /** The model's description. */
  readonly description: string;
  /** Lines or events it spans, and its status when not ok. */
  readonly interval: string;
  /** Its role. */
  readonly role: OperationRole;
  /** Its 1-based position in the linearization shown, when linearized. */
  readonly order: number | null;
  /** The state after it, when linearized. */
  readonly stateAfter: string | null;
  /** Whether it is in the smallest set found that cannot be ordered. */
  readonly culprit: boolean;
}

/** One partition as drawn. */
export interface VisualPartition {
  /** The key, displayed; `null` for unpartitioned models. */
  readonly key: string | null;
  /** What is known of this partition. */
  readonly status: "linearizable" | "violation" | "undecided";
  /** Processes in lane order (first appearance). */
  readonly processes: readonly string[];
  /** Length of the axis (open operations reach it). */
  readonly axisLength: number;
  /** The operations, in invocation order. */
  readonly operations: readonly VisualOperation[];
}

/** Everything the HTML view shows. */
export interface VisualizationData {
  readonly file: string;
  readonly model: string;
  readonly verdict: LinearizabilityResult["verdict"];
  /** Sentences to show above the picture. */
  readonly notes: readonly string[];
  readonly partitions: readonly VisualPartition[];
}

interface Placement {
  readonly order: readonly number[];
  readonly blocker?: number;
  readonly culprits?: ReadonlySet<number>;
}

function replayStates<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  order: readonly number[],
) {
  const indexOf = new Map(partition.operations.map((operation, index) => [operation.id, index]));
  const states = new Map<number, string>();
  let state = model.init();
  for (const id of order) {
    const step = model.step(state, partition.ops[indexOf.get(id)!]!);
    if (step.legal) state = step.state;
    states.set(id, model.describeState?.(state) ?? String(state));
  }
  return states;
}

function partitionView<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  status: VisualPartition["status"],
  placement: Placement | undefined,
): VisualPartition {
  const positions = new Set<number>();
  for (const operation of partition.operations) {
    positions.add(operation.invokeIndex);
    if (operation.status === "ok") positions.add(operation.completeIndex!);
  }
  const rank = new Map(
    [...positions].sort((a, b) => a - b).map((position, index) => [position, index]),
  );
  const order = new Map((placement?.order ?? []).map((id, index) => [id, index + 1]));
  const states =
    placement === undefined
      ? new Map<number, string>()
      : replayStates(model, partition, placement.order);
  const operations = partition.operations.map((operation, index): VisualOperation => {
    const position = order.get(operation.id) ?? null;
    const role: OperationRole =
      position !== null
        ? "linearized"
        : operation.id === placement?.blocker
          ? "blocker"
          : "unplaced";
    return {
      id: operation.id,
      process: formatProcess(operation.process),
      start: rank.get(operation.invokeIndex)!,
      end: operation.status === "ok" ? rank.get(operation.completeIndex!)! : null,
      description: describeOperation(model, operation, partition.ops[index]!),
      interval: describeInterval(operation),
      role,
      order: position,
      stateAfter: states.get(operation.id) ?? null,
      culprit: placement?.culprits?.has(operation.id) ?? false,
    };
  });
  const key =
    partition.key === undefined
      ? null
      : formatValue(partition.operations[0]?.key ?? String(partition.key));
  const processes = [...new Set(operations.map((operation) => operation.process))];
  return { key, status, processes, axisLength: positions.size + 1, operations };
}

/**
 * Computes what the HTML view shows for a checked history.
 *
 * @example
 * ```ts
 * const data = visualizationData({ file: "h.jsonl", prepared, result, minimal });
 * const html = renderHtml(data);
 * ```
 */
export function visualizationData<State, Op>(input: {
  readonly file: string;
  readonly prepared: PreparedHistory<State, Op>;
  readonly result: LinearizabilityResult;
  readonly minimal?: MinimalViolation;
}): VisualizationData {
  const { file, prepared, result, minimal } = input;
  const { model, partitions } = prepared;
  const base = { file, model: model.name, verdict: result.verdict };
  if (result.verdict === "linearizable") {
    const views = partitions.map((partition, index) =>
      partitionView(model, partition, "linearizable", { order: result.witness[index] ?? [] }),
    );
    return {
      ...base,
      notes: ["Linearizable: each partition is shown with one linearization."],
      partitions: views,
    };
  }
  if (result.verdict === "unknown") {
    const views = partitions.map((partition) =>
      partitionView(model, partition, "undecided", undefined),
    );
    return {
      ...base,
      notes: [`Unknown: the check ended before a verdict: ${describeStopReason(result.reason)}.`],
      partitions: views,
    };
  }
  const { explanation } = result;
  const partition = partitions.find((candidate) => candidate.key === explanation.partition)!;
  const placement = {
    order: explanation.longestPrefix.map((step) => step.operation.id),
    blocker: explanation.blocker.operation.id,
    culprits: new Set(minimal?.operations.map(({ operation }) => operation.id) ?? []),
  };
  const others = partitions.length - 1;
  const notes = [
    `Not linearizable: the longest linearizable prefix has ${placement.order.length} operation(s), then ${explanation.blocker.description} cannot be placed.`,
    ...(minimal === undefined
      ? []
      : [
          `Outlined: ${minimal.operations.length} operation(s) that cannot be ordered whatever the others did.`,
        ]),
    ...(others > 0 ? [`${others} other partition(s) not shown.`] : []),
  ];
  return { ...base, notes, partitions: [partitionView(model, partition, "violation", placement)] };
}
