/**
 * Shrinks a violation to a small set of operations that cannot be ordered. Operations are
 * not deleted (deleting a write can make a read impossible, which would "explain" nothing);
 * they are relaxed: an operation left out of the set keeps its invocation but loses its
 * outcome, as if it were `info`: it may take effect at any time after it was invoked, or
 * never. Relaxing only ever allows more linearizations, so the set that remains, with its
 * outputs and real-time bounds, cannot be ordered whatever the others did.
 *
 * The search is delta debugging: first the operations invoked before the blocking one
 * completed, then chunks and single operations relaxed while the violation stays. The set
 * is minimal (relaxing any one more makes the history linearizable) unless a budget ran
 * out first.
 */
import { describeOperation, partitionSearch } from "../check-linearizability.js";
import type { DescribedOperation, ViolationExplanation } from "../linearizability-result.js";
import type { Model } from "../model.js";
import type { Operation } from "../operation.js";
import type { PreparedPartition } from "../prepare-history.js";
import { SearchBudget } from "../search/search-budget.js";

/** Limits of a minimisation. */
export interface MinimizeOptions {
  /** Steps for the whole minimisation. Default 5,000,000. */
  readonly maxSteps?: number;
  /** Steps for each trial check. Default 200,000. */
  readonly maxStepsPerTrial?: number;
  /** Polled between trials; returning true stops with the smallest set found so far. */
  readonly shouldStop?: () => boolean;
}

/** A set of operations that cannot be ordered. */
export interface MinimalViolation {
  /** The operations whose outcomes matter, in invocation order, described by the model. */
  readonly operations: readonly DescribedOperation[];
  /** Whether relaxing any single one of them was tried and made the history linearizable. */
  readonly minimal: boolean;
  /** Model steps spent minimising. */
  readonly steps: number;
}

const DEFAULT_MAX_STEPS = 5_000_000;
const DEFAULT_MAX_STEPS_PER_TRIAL = 200_000;

interface TrialLimits {
  readonly maxSteps: number;
  readonly maxStepsPerTrial: number;
  readonly shouldStop: (() => boolean) | undefined;
}

function relaxed(operation: Operation): Operation {
  const { completeIndex: _index, completeLine: _line, completeTime: _time, ...open } = operation;
  return { ...open, status: "info", output: null };
}

/** Trials of "keep these outcomes, relax the rest", each with its own small budget. */
class Trials<State, Op> {
  steps = 0;
  exhausted = false;
  private readonly relaxedOperations: readonly Operation[];
  private readonly relaxedOps: readonly (Op | undefined)[];

  constructor(
    private readonly model: Model<State, Op>,
    private readonly partition: PreparedPartition<Op>,
    private readonly limits: TrialLimits,
  ) {
    this.relaxedOperations = partition.operations.map(relaxed);
    this.relaxedOps = this.relaxedOperations.map((operation) => {
      const prepared = model.prepare(operation);
      return prepared.ok ? prepared.op : undefined;
    });
  }

  /** Whether the history with only `kept` outcomes known is still not linearizable. */
  violates(kept: ReadonlySet<number>): boolean {
    if (this.steps >= this.limits.maxSteps || this.limits.shouldStop?.() === true) {
      this.exhausted = true;
      return false;
    }
    const { partition } = this;
    const keep = (index: number) => kept.has(index) || this.relaxedOps[index] === undefined;
    const trial: PreparedPartition<Op> = {
      key: partition.key,
      operations: partition.operations.map((operation, index) =>
        keep(index) ? operation : this.relaxedOperations[index]!,
      ),
      ops: partition.ops.map((op, index) => (keep(index) ? op : this.relaxedOps[index]!)),
    };
    const remaining = this.limits.maxSteps - this.steps;
    const budget = new SearchBudget({
      maxSteps: Math.max(1, Math.min(this.limits.maxStepsPerTrial, remaining)),
    });
    const outcome = partitionSearch(this.model, trial, budget).advance(Number.POSITIVE_INFINITY);
    this.steps += budget.steps;
    if (outcome?.kind === "unknown") this.exhausted = true;
    return outcome?.kind === "violation";
  }
}

function relaxChunks<State, Op>(trials: Trials<State, Op>, start: readonly number[]): number[] {
  let current = [...start];
  for (let chunk = Math.max(1, current.length >> 1); ; chunk = Math.max(1, chunk >> 1)) {
    for (let from = 0; from < current.length; ) {
      const candidate = [...current.slice(0, from), ...current.slice(from + chunk)];
      if (candidate.length > 0 && trials.violates(new Set(candidate))) current = candidate;
      else from += chunk;
    }
    if (chunk === 1) return current;
  }
}

/**
 * Shrinks the violation of `partition` described by `explanation`.
 *
 * @example
 * ```ts
 * const result = checkPreparedHistory(prepared);
 * if (result.verdict === "violation") {
 *   const partition = prepared.partitions.find((p) => p.key === result.explanation.partition)!;
 *   const minimal = minimizeViolation(prepared.model, partition, result.explanation);
 * }
 * ```
 */
export function minimizeViolation<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  explanation: ViolationExplanation,
  options: MinimizeOptions = {},
): MinimalViolation {
  const trials = new Trials(model, partition, {
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    maxStepsPerTrial: options.maxStepsPerTrial ?? DEFAULT_MAX_STEPS_PER_TRIAL,
    shouldStop: options.shouldStop,
  });
  const known = partition.operations.flatMap((operation, index) =>
    operation.status === "ok" ? [index] : [],
  );
  const blockerEnd = explanation.blocker.operation.completeIndex ?? Number.POSITIVE_INFINITY;
  const early = known.filter((index) => partition.operations[index]!.invokeIndex <= blockerEnd);
  const start = early.length < known.length && trials.violates(new Set(early)) ? early : known;
  const smallest = relaxChunks(trials, start);
  return {
    operations: smallest.map((index) => ({
      operation: partition.operations[index]!,
      description: describeOperation(model, partition.operations[index]!, partition.ops[index]!),
    })),
    minimal: !trials.exhausted,
    steps: trials.steps,
  };
}
