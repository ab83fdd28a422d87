/**
 * The sequential specification a history is checked against. A model is a few pure
 * functions, as in Porcupine: an initial state, a step that says whether an operation is
 * legal in a state and what state follows, equality and hashing of states, and optionally
 * a partition key (P-compositionality) and descriptions for explanations.
 */
import type { Operation } from "./operation.js";

/** What a step says: the operation is legal and leads to `state`, or it is illegal. */
export type StepOutcome<State> =
  | { readonly legal: true; readonly state: State }
  | { readonly legal: false };

/** The shared illegal outcome; models may return it to avoid allocating. */
export const ILLEGAL: StepOutcome<never> = Object.freeze({ legal: false });

/** What `Model.registerAccess` says of a plain read or write. */
export interface RegisterAccess<State> {
  readonly kind: "read" | "write";
  /** The value written, or the value read. */
  readonly state: State;
}

/** What `prepare` says: the model's form of the operation, or why it does not fit. */
export type PrepareOutcome<Op> =
  | { readonly ok: true; readonly op: Op }
  | { readonly ok: false; readonly expected: string; readonly found: string };

/** A partition key: operations with different keys are checked independently. */
export type PartitionKey = string | number;

/**
 * A sequential specification.
 *
 * `State` values must be treated as immutable: `step` returns a new state and never changes
 * the one it is given. `Op` is the model's own form of an operation, built once by `prepare`.
 *
 * @example
 * ```ts
 * const counter: Model<number, { add: number; completed: boolean }> = {
 *   name: "counter",
 *   prepare: (operation) =>
 *     operation.f === "add" && typeof operation.input === "number"
 *       ? { ok: true, op: { add: operation.input, completed: operation.status === "ok" } }
 *       : { ok: false, expected: "f add with a number", found: operation.f },
 *   init: () => 0,
 *   step: (state, op) => ({ legal: true, state: state + op.add }),
 *   equal: (a, b) => a === b,
 *   hash: (state) => state | 0,
 * };
 * ```
 */
export interface Model<State = unknown, Op = unknown> {
  /** The name `--model` selects it by. */
  readonly name: string;
  /**
   * Checks an operation and builds the model's form of it. Called for every operation,
   * including `fail` ones (so an unknown `f` is always reported); `operation.status` tells
   * whether the output is known (`ok`) or not (`info`): for `info` operations the step must
   * accept any output.
   */
  prepare(operation: Operation): PrepareOutcome<Op>;
  /** The state before any operation. */
  init(): State;
  /** Whether `op` is legal in `state`, and the state after it. Pure. */
  step(state: State, op: Op): StepOutcome<State>;
  /** Whether two states are the same. */
  equal(a: State, b: State): boolean;
  /** A 32-bit hash, equal for equal states. */
  hash(state: State): number;
  /**
   * Optional: true when `op` never changes the state (every legal step returns an equal
   * state), such as a completed read. Lets the search linearize it as soon as it is legal
   * without trying alternatives. Answering true for an operation that can change the state
   * makes verdicts wrong; when unsure, leave it out.
   */
  readOnly?(op: Op): boolean;
  /**
   * Optional, with `unreachableByExtending`: true when `op` can only extend the state
   * (an append), or leaves it unchanged, whatever its outcome; false when it may replace it
   * (a write).
   */
  onlyExtends?(op: Op): boolean;
  /**
   * Optional, with `onlyExtends`: true when read-only `op` is illegal in `state` and in every
   * state reachable from it by operations for which `onlyExtends` is true (a get of "ab"
   * once the text is "ax"). When every operation still to place only extends or reads,
   * the search abandons a configuration where such an operation is still to be placed.
   * Answering true wrongly makes verdicts wrong; when unsure, answer false.
   */
  unreachableByExtending?(state: State, op: Op): boolean;
  /**
   * Optional: says that `op` is a plain write of `state`, or a plain read that saw `state`
   * (for an operation whose outcome is unknown, what it would have seen does not matter);
   * `undefined` for anything else (a compare-and-set, an append). When every operation of a
   * partition is a plain read or write and no two writes write equal values, the checker
   * decides the partition from the writes' and reads' time bounds, in O(n log n), instead
   * of searching orders (Gibbons and Korach's zones); the answer is confirmed by a
   * linearization it replays or by a search of the few operations in conflict.
   */
  registerAccess?(op: Op): RegisterAccess<State> | undefined;
  /** The independent part of the state `op` touches (a key); absent: one partition. */
  partition?(op: Op): PartitionKey;
  /** A short description for explanations, such as `write(3)` or `read() -> 3`. */
  describeOperation?(op: Op): string;
  /** A short description of a state for explanations. */
  describeState?(state: State): string;
}
