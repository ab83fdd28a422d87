/**
 * The linearizability search for one partition: Wing & Gong's search over linearization
 * orders with Lowe's just-in-time linearization, memoising explored (set, state)
 * configurations as Porcupine does, iterative (an explicit stack, no recursion).
 *
 * On top of that it prunes, soundly: each rule below comes with the reason it loses no
 * linearization, and the property tests in `test/checkers` compare the search with
 * brute-force enumeration on register, counter and text histories.
 *
 * 1. Operations with unknown outcome ("crashed": `info` or never completed) are optional:
 *    the search succeeds as soon as every known operation is linearized. (A crashed
 *    operation never has to precede anything, so it can always be moved to the end.)
 * 2. A crashed operation is never linearized where it leaves the state unchanged: dropping
 *    it from such a linearization changes nothing that follows.
 * 3. A crashed operation c is only linearized when the next operation x needs it. If x is
 *    legal before c and leads to the same state without c (c is absorbed), or x and c
 *    commute, the order with c later (or without c) is explored instead; two commuting
 *    crashed operations are only tried in index order. Rewriting a linearization this way
 *    (moving c later, or dropping it) keeps it legal and real-time ordered, and terminates
 *    (fewer operations, or fewer crashed-before-known and out-of-index-order pairs), so a
 *    linearization in this form exists whenever any does. What may follow c depends on
 *    the state before c, so configurations right after a crashed operation are not
 *    memoised (their successors are; exploring from those does not depend on the path).
 * 4. A read-only operation (the model's `readOnly`) that is legal now is linearized now and
 *    its alternatives are not explored: in any completion it can be moved to the front
 *    (it changes nothing, and everything that must precede it is already placed). Not
 *    right after a crashed operation, where rule 3 restricts what may come next.
 * 5. A read-only operation r still to place must be placed before its own return, so only
 *    operations invoked before that can come first. When none of those may replace the
 *    state (each only extends it or reads it: the model's `onlyExtends`) and no extension
 *    can make r legal (`unreachableByExtending`), the configuration has no completion: it
 *    is abandoned. (Whatever comes before r then only extends the state, and no extension
 *    makes r legal.)
 */
import type { Model } from "../model.js";
import { CandidateStack } from "./candidate-stack.js";
import { EntryList } from "./entry-list.js";
import { MemoTable } from "./memo-table.js";
import type { SearchBudget, StopReason } from "./search-budget.js";

/** One partition's operations, ready to search. */
export interface PartitionInput<State, Op> {
  /** The model. */
  readonly model: Model<State, Op>;
  /** Each operation in the model's form. */
  readonly ops: readonly Op[];
  /** Whether each operation's outcome is unknown. */
  readonly crashed: readonly boolean[];
  /** Each operation's invocation position (event index). */
  readonly invokeAt: readonly number[];
  /** Each operation's completion position; `Infinity` when the outcome is unknown. */
  readonly returnAt: readonly number[];
}

/** What the search found, in partition-local operation indices. */
export type PartitionOutcome<State> =
  | {
      readonly kind: "linearizable";
      /** A witness: the operations linearized, in order (crashed ones only when needed). */
      readonly order: readonly number[];
    }
  | {
      readonly kind: "violation";
      /** The longest linearizable prefix the search found, in order. */
      readonly prefix: readonly number[];
      /** The state after that prefix. */
      readonly stateAfterPrefix: State;
      /** The operation that had to come next and could not. */
      readonly blocker: number;
    }
  | { readonly kind: "unknown"; readonly reason: StopReason };

/** Deterministic per-operation hash words (splitmix32), for incremental set hashing. */
function zobristWords(count: number): Int32Array {
  const words = new Int32Array(count);
  let seed = 0x9e3779b9;
  for (let index = 0; index < count; index++) {
    seed = (seed + 0x9e3779b9) | 0;
    let z = seed;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    words[index] = z ^ (z >>> 16);
  }
  return words;
}

/**
 * The operations that may replace the state (neither read-only nor only extending it), in
 * order of invocation. Invocation positions are distinct event indices, so the numbers
 * `position * count + operation` sort in that order with no ties.
 */
function replacingByInvocation<Op>(
  model: Model<unknown, Op>,
  ops: readonly Op[],
  invokeAt: readonly number[],
): Int32Array {
  const count = ops.length;
  const keys: number[] = [];
  for (let index = 0; index < count; index++) {
    const op = ops[index]!;
    if (model.readOnly?.(op) === true || model.onlyExtends?.(op) === true) continue;
    keys.push(invokeAt[index]! * count + index);
  }
  const sorted = Float64Array.from(keys).sort();
  const replacing = new Int32Array(sorted.length);
  for (let index = 0; index < sorted.length; index++) replacing[index] = sorted[index]! % count;
  return replacing;
}

/**
 * A resumable search of one partition: `advance` runs it for a while and either answers or
 * pauses, so several partitions can take turns and the first violation found ends a check.
 *
 * Each node of the search lists its candidates when first reached: the operations invoked
 * before the earliest pending return (just-in-time linearization), tried in order of their
 * own return, so the most constrained come first. At a node not right after a crashed
 * operation, a legal read-only candidate becomes the only one (rule 4); otherwise
 * read-only candidates, known to be illegal there, are left out.
 */
export class PartitionSearch<State, Op> {
  private readonly model: Model<State, Op>;
  private readonly ops: readonly Op[];
  private readonly crashed: Uint8Array;
  private readonly readOnly: Uint8Array;
  /** Operations that may replace the state (not read-only, not only extending), by invocation. */
  private readonly replacing: Int32Array;
  /** Each operation's index in `replacing`, or -1. */
  private readonly replacingIndex: Int32Array;
  /** Index in `replacing` of the earliest-invoked one still to place (rule 5). */
  private firstReplacing = 0;
  private readonly invokeAt: readonly number[];
  private readonly returnAt: readonly number[];
  private readonly usesRule5: boolean;
  private readonly list: EntryList;
  private readonly memo: MemoTable<State>;
  /** The memo entry of the configuration at each depth of the current path. */
  private readonly path: Int32Array;
  /** The memo entry `consider` made for the candidate it accepted (-1: make one on push). */
  private acceptedEntry = -1;
  private readonly zobrist: Int32Array;
  private readonly set: Uint32Array;
  private readonly candidates: CandidateStack;
  private setHash = 0;
  private state: State;
  private depth = 0;
  private mandatoryLeft = 0;
  /** The call entry linearized at each depth, and the state before it. */
  private readonly stackEntry: Int32Array;
  private readonly stackState: State[] = [];
  private bestDepth = -1;
  /** The memo entry of the deepest linearization seen: its parents spell it out. */
  private bestEntry = 0;
  private bestState: State;
  private bestBlocker = -1;

  constructor(
    input: PartitionInput<State, Op>,
    private readonly budget: SearchBudget,
  ) {
    const count = input.ops.length;
    const words = Math.max(1, Math.ceil(count / 32));
    this.model = input.model;
    this.ops = input.ops;
    const { model } = input;
    this.crashed = new Uint8Array(count);
    this.readOnly = new Uint8Array(count);
    for (let index = 0; index < count; index++) {
      const crashed = input.crashed[index]!;
      this.crashed[index] = crashed ? 1 : 0;
      this.readOnly[index] = !crashed && model.readOnly?.(input.ops[index]!) === true ? 1 : 0;
    }
    this.usesRule5 = model.onlyExtends !== undefined && model.unreachableByExtending !== undefined;
    this.invokeAt = input.invokeAt;
    this.returnAt = input.returnAt;
    this.replacing = replacingByInvocation(model, input.ops, input.invokeAt);
    this.replacingIndex = new Int32Array(count).fill(-1);
    for (let index = 0; index < this.replacing.length; index++)
      this.replacingIndex[this.replacing[index]!] = index;
    this.list = new EntryList(input.invokeAt, input.returnAt);
    this.state = input.model.init();
    this.memo = new MemoTable<State>(input.model.equal, this.state);
    this.path = new Int32Array(count + 1);
    this.zobrist = zobristWords(count);
    this.set = new Uint32Array(words);
    this.candidates = new CandidateStack(count + 1);
    this.stackEntry = new Int32Array(count + 1);
    this.bestState = this.state;
    for (const crashed of input.crashed) if (!crashed) this.mandatoryLeft++;
    this.openNode();
    this.noteProgress();
  }

  /**
   * Runs until an answer, or until the budget's step count reaches `pauseAtSteps`
   * (then returns `undefined`; call again to resume).
   */
  advance(pauseAtSteps: number): PartitionOutcome<State> | undefined {
    const { list, model, ops, budget, candidates } = this;
    let checkpoint = Math.min(budget.nextCheckpoint, pauseAtSteps);
    while (this.mandatoryLeft > 0) {
      const entry = candidates.next(this.depth);
      if (entry === -1) {
        if (!this.backtrack()) return this.violation();
        continue;
      }
      if (budget.steps >= checkpoint) {
        const stop = budget.checkpoint();
        if (stop !== undefined) return { kind: "unknown", reason: stop };
        if (budget.steps >= pauseAtSteps) {
          candidates.retreat(this.depth);
          return undefined;
        }
        checkpoint = Math.min(budget.nextCheckpoint, pauseAtSteps);
      }
      budget.steps++;
      const operation = list.operationOf[entry]!;
      const outcome = model.step(this.state, ops[operation]!);
      if (outcome.legal && this.consider(operation, outcome.state))
        this.push(entry, operation, outcome.state);
    }
    return { kind: "linearizable", order: this.memo.order(this.path[this.depth]!) };
  }

  /** Whether the node just reached follows a crashed operation (rule 3 applies to it). */
  private afterCrashed(): boolean {
    return this.depth > 0 && this.crashed[this.topOperation()] === 1;
  }

  /** Lists the candidates of the node just reached. */
  private openNode(): void {
    const { list, readOnly, model, ops, candidates, depth } = this;
    const restricted = this.afterCrashed();
    candidates.open(depth);
    for (
      let entry = list.next[EntryList.HEAD]!;
      list.isCall[entry] === 1;
      entry = list.next[entry]!
    ) {
      const operation = list.operationOf[entry]!;
      if (restricted || readOnly[operation] === 0) {
        candidates.add(entry);
        continue;
      }
      this.budget.steps++;
      if (model.step(this.state, ops[operation]!).legal) {
        candidates.discard(depth);
        candidates.open(depth);
        candidates.add(entry);
        break;
      }
      if (this.usesRule5 && this.hopeless(operation)) {
        candidates.discard(depth);
        candidates.open(depth);
        break;
      }
    }
    candidates.close(depth, this.list.operationOf, this.list.returnRank);
  }

  /**
   * Rule 5 for a read-only operation illegal now: true when nothing that may replace the
   * state can come before it and no extension of the state can make it legal.
   */
  private hopeless(operation: number): boolean {
    const replacing = this.replacing[this.firstReplacing];
    if (replacing !== undefined && this.invokeAt[replacing]! < this.returnAt[operation]!)
      return false;
    return this.model.unreachableByExtending!(this.state, this.ops[operation]!);
  }

  /** Moves `firstReplacing` past operations already placed. */
  private skipPlacedReplacing(): void {
    const { replacing, set } = this;
    while (this.firstReplacing < replacing.length) {
      const operation = replacing[this.firstReplacing]!;
      if ((set[operation >>> 5]! & (1 << (operation & 31))) === 0) return;
      this.firstReplacing++;
    }
  }

  /** Whether to linearize a legal candidate here (rules 2 and 3, and the memo). */
  private consider(operation: number, next: State): boolean {
    const { model, crashed } = this;
    if (crashed[operation] === 1 && model.equal(next, this.state)) return false;
    if (this.afterCrashed() && this.redundantAfterCrashed(operation, next)) return false;
    if (crashed[operation] === 1) {
      this.acceptedEntry = -1;
      return true;
    }
    this.set[operation >>> 5]! ^= 1 << (operation & 31);
    this.setHash ^= this.zobrist[operation]!;
    const hash = this.configurationHash(next);
    const parent = this.path[this.depth]!;
    const entry = this.memo.add(hash, parent, operation, next, this.set, this.path);
    this.set[operation >>> 5]! ^= 1 << (operation & 31);
    this.setHash ^= this.zobrist[operation]!;
    this.acceptedEntry = entry;
    return entry !== -1;
  }

  private configurationHash(state: State): number {
    return (this.setHash ^ Math.imul(this.model.hash(state), 0x27d4eb2d)) | 0;
  }

  private topOperation(): number {
    return this.list.operationOf[this.stackEntry[this.depth - 1]!]!;
  }

  /**
   * Rule 3: after crashed c (taken in state `before`), x is redundant when it is legal in
   * `before` and leads to the same state without c, or when x then c leads there too (for a
   * crashed x, only when x comes before c in index order).
   */
  private redundantAfterCrashed(operation: number, next: State): boolean {
    const { model, ops } = this;
    const crashedOp = this.topOperation();
    const before = this.stackState[this.depth - 1]!;
    this.budget.steps++;
    const first = model.step(before, ops[operation]!);
    if (!first.legal) return false;
    if (model.equal(first.state, next)) return true;
    if (this.crashed[operation] === 1 && operation > crashedOp) return false;
    this.budget.steps++;
    const swapped = model.step(first.state, ops[crashedOp]!);
    return swapped.legal && model.equal(swapped.state, next);
  }

  private push(entry: number, operation: number, next: State): void {
    this.set[operation >>> 5]! ^= 1 << (operation & 31);
    this.setHash ^= this.zobrist[operation]!;
    this.stackEntry[this.depth] = entry;
    this.stackState[this.depth] = this.state;
    const parent = this.path[this.depth]!;
    this.depth++;
    this.path[this.depth] =
      this.acceptedEntry === -1 ? this.memo.append(parent, operation, 0, next) : this.acceptedEntry;
    this.budget.memoEntries++;
    this.state = next;
    this.list.lift(entry);
    if (this.replacingIndex[operation] === this.firstReplacing) this.skipPlacedReplacing();
    if (this.crashed[operation] === 0) this.mandatoryLeft--;
    this.openNode();
    if (this.depth > this.bestDepth) this.noteProgress();
  }

  /** Leaves the current node for good: undoes the linearization that led to it. */
  private backtrack(): boolean {
    if (this.depth === 0) return false;
    this.candidates.discard(this.depth);
    this.depth--;
    const entry = this.stackEntry[this.depth]!;
    const operation = this.list.operationOf[entry]!;
    this.state = this.stackState[this.depth]!;
    this.set[operation >>> 5]! ^= 1 << (operation & 31);
    this.setHash ^= this.zobrist[operation]!;
    this.list.unlift(entry);
    const index = this.replacingIndex[operation]!;
    if (index !== -1 && index < this.firstReplacing) this.firstReplacing = index;
    if (this.crashed[operation] === 0) this.mandatoryLeft++;
    return true;
  }

  /** Remembers the deepest linearization seen, for the explanation of a violation. */
  private noteProgress(): void {
    this.bestDepth = this.depth;
    this.bestEntry = this.path[this.depth]!;
    this.bestState = this.state;
    this.bestBlocker = this.list.operationOf[this.list.firstReturn()]!;
  }

  private violation(): PartitionOutcome<State> {
    return {
      kind: "violation",
      prefix: this.memo.order(this.bestEntry),
      stateAfterPrefix: this.bestState,
      blocker: this.bestBlocker,
    };
  }
}
