/**
 * The history view's data, computed from a recording's client history: the history is
 * checked again with the recording's model, partition by partition, so that every
 * partition (not only the one that fails) is shown with a linearization, each operation
 * with its place in it, the state before and after it, and its linearization point (the
 * earliest time, within its interval, at which the order shown can take it). On a
 * violation, the longest linearizable prefix is the linearization, the blocking operation
 * is marked, and the smallest set of operations that cannot be ordered is found (with a
 * step budget, so the same recording always gives the same page).
 */
import { checkPreparedHistory, describeOperation } from "../checkers/check-linearizability.js";
import {
  type MinimalViolation,
  minimizeViolation,
} from "../checkers/explain/minimize-violation.js";
import { renderViolation } from "../checkers/explain/render-violation.js";
import type { ViolationExplanation } from "../checkers/linearizability-result.js";
import type { Model } from "../checkers/model.js";
import { BUILTIN_MODELS } from "../checkers/models/builtin-models.js";
import type { Operation } from "../checkers/operation.js";
import {
  type PreparedHistory,
  type PreparedPartition,
  prepareHistory,
} from "../checkers/prepare-history.js";
import { formatValue } from "../checkers/value.js";
import type { Recording } from "../recording/recording.js";
import { clientColumnName } from "./message-data.js";

/** Steps the search may take per partition; beyond it the partition is shown undecided. */
const PARTITION_STEPS = 2_000_000;
/** Steps the search for the smallest unorderable set may take. */
const MINIMIZE_STEPS = 2_000_000;

/** What an operation is in the picture. */
export type HistoryRole = "linearized" | "blocker" | "unplaced" | "failed";

/** One operation as the history view draws it. */
export interface HistoryOperation {
  readonly id: number;
  /** Its process (`p12`) and the lane (client thread) it is drawn in. */
  readonly process: string;
  readonly lane: string;
  readonly description: string;
  readonly startUs: number;
  /** Completion time; `null` when it never completed (its outcome is unknown). */
  readonly endUs: number | null;
  readonly status: "ok" | "fail" | "info";
  readonly role: HistoryRole;
  /** 1-based position in the linearization shown, when linearized. */
  readonly order: number | null;
  readonly stateBefore: string | null;
  readonly stateAfter: string | null;
  /** The linearization point, when linearized. */
  readonly pointUs: number | null;
  /** In the smallest set of operations that cannot be ordered. */
  readonly culprit: boolean;
}

/** One partition (key) as drawn. */
export interface HistoryPartition {
  readonly key: string | null;
  readonly status: "linearizable" | "violation" | "undecided";
  /** Lanes with operations, in order. */
  readonly lanes: readonly string[];
  readonly operations: readonly HistoryOperation[];
  /** On a violation: the state after the longest linearizable prefix. */
  readonly prefixState: string | null;
}

/** Everything the history view shows. */
export interface HistoryData {
  readonly model: string | null;
  readonly verdict: "linearizable" | "violation" | "unknown" | "not checked";
  /** The partitions, the violating one first. */
  readonly partitions: readonly HistoryPartition[];
  /** The checker's explanation in words (smallest set first), on a violation. */
  readonly explanation: string | null;
  /** The blocking operation's interval, on a violation. */
  readonly violation: { readonly startUs: number; readonly endUs: number | null } | null;
}

interface Placement {
  readonly order: readonly number[];
  readonly blocker?: number;
  readonly culprits?: ReadonlySet<number>;
  readonly prefixState?: string;
}

function laneOf(process: string | number, concurrency: number | undefined): string {
  return typeof process === "number"
    ? clientColumnName(`c${process}`, concurrency)
    : String(process);
}

function timeOf(value: number | undefined, fallback: number): number {
  return value ?? fallback;
}

/** States before and after each operation of `order`, and its linearization point. */
function walk<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  order: readonly number[],
) {
  const indexOf = new Map(partition.operations.map((operation, index) => [operation.id, index]));
  const steps = new Map<number, { before: string; after: string; pointUs: number }>();
  const describe = (state: State) => model.describeState?.(state) ?? String(state);
  let state = model.init();
  let pointUs = Number.NEGATIVE_INFINITY;
  for (const id of order) {
    const index = indexOf.get(id)!;
    const operation = partition.operations[index]!;
    const before = describe(state);
    const step = model.step(state, partition.ops[index]!);
    if (step.legal) state = step.state;
    pointUs = Math.max(pointUs, timeOf(operation.invokeTime, 0));
    if (operation.completeTime !== undefined) pointUs = Math.min(pointUs, operation.completeTime);
    steps.set(id, { before, after: describe(state), pointUs });
  }
  return steps;
}

function operationView<State, Op>(
  model: Model<State, Op>,
  operation: Operation,
  op: Op | undefined,
  placement: Placement | undefined,
  steps: ReturnType<typeof walk>,
  position: number | null,
  concurrency: number | undefined,
): HistoryOperation {
  const step = steps.get(operation.id);
  const role: HistoryRole =
    operation.status === "fail"
      ? "failed"
      : position !== null
        ? "linearized"
        : operation.id === placement?.blocker
          ? "blocker"
          : "unplaced";
  const description =
    op === undefined
      ? `${operation.f}(${formatValue(operation.input)}) failed`
      : describeOperation(model, operation, op);
  return {
    id: operation.id,
    process: `p${operation.process}`,
    lane: laneOf(operation.process, concurrency),
    description,
    startUs: timeOf(operation.invokeTime, 0),
    endUs: operation.completeTime ?? null,
    status: operation.status,
    role,
    order: position,
    stateBefore: step?.before ?? null,
    stateAfter: step?.after ?? null,
    pointUs: step?.pointUs ?? null,
    culprit: placement?.culprits?.has(operation.id) ?? false,
  };
}

function partitionView<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  failed: readonly Operation[],
  status: HistoryPartition["status"],
  placement: Placement | undefined,
  concurrency: number | undefined,
): HistoryPartition {
  const order = new Map((placement?.order ?? []).map((id, index) => [id, index + 1]));
  const steps = placement === undefined ? new Map() : walk(model, partition, placement.order);
  const views = partition.operations.map((operation, index) =>
    operationView(
      model,
      operation,
      partition.ops[index],
      placement,
      steps,
      order.get(operation.id) ?? null,
      concurrency,
    ),
  );
  for (const operation of failed)
    views.push(operationView(model, operation, undefined, placement, steps, null, concurrency));
  views.sort((a, b) => a.startUs - b.startUs || a.id - b.id);
  const lanes = [...new Set(views.map((view) => view.lane))].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  const first = partition.operations[0]?.key;
  const key = partition.key === undefined ? null : formatValue(first ?? String(partition.key));
  return { key, status, lanes, operations: views, prefixState: placement?.prefixState ?? null };
}

function keyText(key: unknown): string {
  return JSON.stringify(key ?? null);
}

/** Checks one partition alone: its linearization, or its violation. */
function checkPartition<State, Op>(model: Model<State, Op>, partition: PreparedPartition<Op>) {
  const alone: PreparedHistory<State, Op> = {
    model,
    operations: partition.operations,
    partitions: [partition],
  };
  return checkPreparedHistory(alone, { maxSteps: PARTITION_STEPS });
}

function violationPlacement<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  explanation: ViolationExplanation,
): { placement: Placement; minimal: MinimalViolation } {
  const minimal = minimizeViolation(model, partition, explanation, { maxSteps: MINIMIZE_STEPS });
  return {
    minimal,
    placement: {
      order: explanation.longestPrefix.map((step) => step.operation.id),
      blocker: explanation.blocker.operation.id,
      culprits: new Set(minimal.operations.map(({ operation }) => operation.id)),
      prefixState: explanation.stateAfterPrefix,
    },
  };
}

/**
 * The history view's data for a recording; `null` data parts when the recording names no
 * model (its history is then drawn without linearizations).
 *
 * @example
 * ```ts
 * const history = historyData(recording);
 * console.log(history.verdict, history.partitions.length);
 * ```
 */
export function historyData(recording: Recording): HistoryData {
  const model = recording.model === undefined ? undefined : BUILTIN_MODELS[recording.model];
  const empty = {
    model: recording.model ?? null,
    partitions: [],
    explanation: null,
    violation: null,
  };
  if (model === undefined) return { ...empty, verdict: "not checked" };
  const prepared = prepareHistory(recording.history, model);
  if (!prepared.ok) return { ...empty, verdict: "not checked" };
  return checkedHistoryData(prepared.value, recording.concurrency, recording.model!);
}

function checkedHistoryData<State, Op>(
  prepared: PreparedHistory<State, Op>,
  concurrency: number | undefined,
  modelName: string,
): HistoryData {
  const { model } = prepared;
  const failedByKey = new Map<string, Operation[]>();
  for (const operation of prepared.operations) {
    if (operation.status !== "fail") continue;
    const key = keyText(operation.key);
    failedByKey.set(key, [...(failedByKey.get(key) ?? []), operation]);
  }
  const partitions: HistoryPartition[] = [];
  let explanation: string | null = null;
  let violation: HistoryData["violation"] = null;
  let unknown = false;
  for (const partition of prepared.partitions) {
    const failed = failedByKey.get(keyText(partition.operations[0]?.key)) ?? [];
    const result = checkPartition(model, partition);
    if (result.verdict === "linearizable") {
      const placement = { order: result.witness[0] ?? [] };
      partitions.push(
        partitionView(model, partition, failed, "linearizable", placement, concurrency),
      );
    } else if (result.verdict === "unknown") {
      unknown = true;
      partitions.push(partitionView(model, partition, failed, "undecided", undefined, concurrency));
    } else {
      const { placement, minimal } = violationPlacement(model, partition, result.explanation);
      const view = partitionView(model, partition, failed, "violation", placement, concurrency);
      if (explanation === null) {
        explanation = renderViolation(result.explanation, minimal, { maxWidth: 110 });
        const blocker = result.explanation.blocker.operation;
        violation = { startUs: blocker.invokeTime ?? 0, endUs: blocker.completeTime ?? null };
        partitions.unshift(view);
      } else {
        partitions.push(view);
      }
    }
  }
  const verdict = explanation !== null ? "violation" : unknown ? "unknown" : "linearizable";
  return { model: modelName, verdict, partitions, explanation, violation };
}
