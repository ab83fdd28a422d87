/**
 * What a linearizability check answers: linearizable, a violation with its explanation, or
 * unknown (the budget ran out). Never a guess.
 */
import type { PartitionKey } from "./model.js";
import type { Operation } from "./operation.js";
import type { StopReason } from "./search/search-budget.js";

/** An operation with the model's description of it. */
export interface DescribedOperation {
  /** The operation as paired from the history. */
  readonly operation: Operation;
  /** The model's description, such as `cas(1, 2) -> failed`. */
  readonly description: string;
}

/** One step of a linearization: the operation and the state it leaves. */
export interface LinearizedStep extends DescribedOperation {
  /** The model's description of the state after the operation. */
  readonly stateAfter: string;
}

/** Why a history is not linearizable, as far as the search saw it. */
export interface ViolationExplanation {
  /** The partition (key) that cannot be linearized; `undefined` for unpartitioned models. */
  readonly partition: PartitionKey | undefined;
  /** Every operation of that partition that may have taken effect, in invocation order. */
  readonly partitionOperations: readonly Operation[];
  /** The longest linearizable prefix found, in linearization order. */
  readonly longestPrefix: readonly LinearizedStep[];
  /** The state after that prefix (the initial state when the prefix is empty). */
  readonly stateAfterPrefix: string;
  /** The operation that had to be placed next and could not be. */
  readonly blocker: DescribedOperation;
}

/** Counts common to every result. */
export interface CheckCounts {
  /** Operations in the history (invocations), `fail` ones included. */
  readonly operations: number;
  /** Partitions the operations fall into (independent parts searched separately). */
  readonly partitions: number;
  /** Model steps the search took. */
  readonly steps: number;
}

/** The answer of a check. */
export type LinearizabilityResult =
  | ({
      readonly verdict: "linearizable";
      /**
       * A linearization per partition, as operation ids in order. Operations with unknown
       * outcome appear only where the linearization needs them to have taken effect.
       */
      readonly witness: readonly (readonly number[])[];
    } & CheckCounts)
  | ({ readonly verdict: "violation"; readonly explanation: ViolationExplanation } & CheckCounts)
  | ({
      readonly verdict: "unknown";
      readonly reason: StopReason;
      /** For `internal-error`: the error's message. */
      readonly detail?: string;
    } & CheckCounts);
