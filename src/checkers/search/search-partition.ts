/**
 * The linearizability search for one partition: Wing & Gong's search over linearization
 * orders with Lowe's just-in-time linearization, memoising explored (set, state)
 * configurations as Porcupine does, iterative (an explicit stack, no recursion).
 *
 * On top of that it prunes in ways that are sound (proofs in `docs`-style comments below
 * and property tests in `test/checkers`):
 *
 * 1. Operations with unknown outcome ("crashed": `info` or never completed) are optional:
 *    the search succeeds as soon as every known operation is linearized.
 * 2. A crashed operation is never linearized where it leaves the state unchanged
 *    (dropping it from such a linearization changes nothing that follows).
 * 3. A crashed operation c is only linearized when the next operation x needs it: if x is
 *    legal before c with the same resulting state (c is absorbed), or x and c commute, the
 *    order with c later (or without c) is explored instead. Two commuting crashed operations
 *    are only tried in index order. Every linearization can be rewritten into this form, so
 *    nothing is lost; configurations reached right after a crashed operation depend on it,
 *    so they are not memoised (their successors are).
 * 4. A read-only operation (the model's `readOnly`) that is legal now is linearized now and
 *    its alternatives are not explored: any linearization can move it to the front.
 */
import type { Model } from "../model.js";
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
 * Searches one partition for a linearization, to the end or until the budget runs out.
 *
 * @example
 * ```ts
 * const outcome = searchPartition(input, new SearchBudget({ maxSteps: 1_000_000 }));
 * ```
 */
export function searchPartition<State, Op>(
  input: PartitionInput<State, Op>,
  budget: SearchBudget,
): PartitionOutcome<State> {
  const search = new PartitionSearch(input, budget);
  for (;;) {
    const outcome = search.advance(Number.POSITIVE_INFINITY);
    if (outcome !== undefined) return outcome;
  }
}

/**
 * A resumable search of one partition: `advance` runs it for a while and either answers or
 * pauses, so several partitions can take turns and the first violation found ends a check.
 */
export class PartitionSearch<State, Op> {
  private readonly model: Model<State, Op>;
  private readonly ops: readonly Op[];
  private readonly crashed: Uint8Array;
  private readonly readOnly: Uint8Array;
  private readonly hasReadOnly: boolean;
  private readonly list: EntryList;
  private readonly memo: MemoTable<State>;
  private readonly zobrist: Int32Array;
  private readonly set: Uint32Array;
  private setHash = 0;
  private state: State;
  private depth = 0;
  private mandatoryLeft = 0;
  /** The call entry linearized at each depth, the state before it, and whether it was forced. */
  private readonly stackEntry: Int32Array;
  private readonly stackState: State[] = [];
  private readonly stackForced: Uint8Array;
  private bestDepth = -1;
  private bestPrefix: number[] = [];
  private bestState: State;
  private bestBlocker = -1;
  /** The next entry to try; kept across pauses. */
  private entry: number;

  constructor(
    input: PartitionInput<State, Op>,
    private readonly budget: SearchBudget,
  ) {
    const count = input.ops.length;
    this.model = input.model;
    this.ops = input.ops;
    this.crashed = Uint8Array.from(input.crashed, (crashed) => (crashed ? 1 : 0));
    this.readOnly = Uint8Array.from(input.ops, (op, index) =>
      !input.crashed[index] && input.model.readOnly?.(op) === true ? 1 : 0,
    );
    this.hasReadOnly = this.readOnly.includes(1);
    this.list = new EntryList(input.invokeAt, input.returnAt);
    this.memo = new MemoTable<State>(Math.max(1, Math.ceil(count / 32)), input.model.equal);
    this.zobrist = zobristWords(count);
    this.set = new Uint32Array(Math.max(1, Math.ceil(count / 32)));
    this.stackEntry = new Int32Array(count + 1);
    this.stackForced = new Uint8Array(count + 1);
    this.state = input.model.init();
    this.bestState = this.state;
    for (const crashed of input.crashed) if (!crashed) this.mandatoryLeft++;
    this.entry = this.firstCandidate();
    this.noteProgress();
  }

  /**
   * Runs until an answer, or until the budget's step count reaches `pauseAtSteps`
   * (then returns `undefined`; call again to resume).
   */
  advance(pauseAtSteps: number): PartitionOutcome<State> | undefined {
    const { list, model, ops, budget } = this;
    let entry = this.entry;
    let checkpoint = Math.min(budget.nextCheckpoint, pauseAtSteps);
    while (this.mandatoryLeft > 0) {
      if (list.isCall[entry] === 0) {
        entry = this.backtrack();
        if (entry === -1) return this.violation();
        continue;
      }
      if (budget.steps >= checkpoint) {
        const stop = budget.checkpoint();
        if (stop !== undefined) return { kind: "unknown", reason: stop };
        this.entry = entry;
        if (budget.steps >= pauseAtSteps) return undefined;
        checkpoint = Math.min(budget.nextCheckpoint, pauseAtSteps);
      }
      budget.steps++;
      const operation = list.operationOf[entry]!;
      const outcome = model.step(this.state, ops[operation]!);
      const verdict = outcome.legal ? this.consider(entry, operation, outcome.state) : SKIP;
      if (verdict === PUSHED) entry = this.firstCandidate();
      else if (verdict === SKIP) entry = list.next[entry]!;
      else {
        entry = this.backtrack();
        if (entry === -1) return this.violation();
      }
    }
    return { kind: "linearizable", order: this.currentOrder() };
  }

  /**
   * Where to start trying candidates at a node just reached: at a read-only operation that
   * is legal now, if there is one (rule 4 makes it the node's only child), else at the head.
   * Only for nodes not right after a crashed operation.
   */
  private firstCandidate(): number {
    const { list, readOnly, model, ops } = this;
    const head = list.next[EntryList.HEAD]!;
    if (!this.hasReadOnly || (this.depth > 0 && this.crashed[this.topOperation()] === 1))
      return head;
    for (let entry = head; list.isCall[entry] === 1; entry = list.next[entry]!) {
      const operation = list.operationOf[entry]!;
      if (readOnly[operation] === 0) continue;
      this.budget.steps++;
      if (model.step(this.state, ops[operation]!).legal) return entry;
    }
    return head;
  }

  /** Decides what to do with a legal candidate: linearize it, skip it, or fail the node. */
  private consider(entry: number, operation: number, next: State): Verdict {
    const { model, crashed } = this;
    const afterCrashed = this.depth > 0 && crashed[this.topOperation()] === 1;
    if (crashed[operation] === 1) {
      if (model.equal(next, this.state)) return SKIP;
    }
    if (afterCrashed && this.redundantAfterCrashed(operation, next)) return SKIP;
    const forced = !afterCrashed && this.readOnly[operation] === 1;
    this.set[operation >>> 5]! ^= 1 << (operation & 31);
    this.setHash ^= this.zobrist[operation]!;
    if (crashed[operation] === 0 && !this.memo.add(this.configurationHash(next), this.set, next)) {
      this.set[operation >>> 5]! ^= 1 << (operation & 31);
      this.setHash ^= this.zobrist[operation]!;
      return forced ? FAIL_NODE : SKIP;
    }
    this.push(entry, operation, next, forced);
    return PUSHED;
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

  private push(entry: number, operation: number, next: State, forced: boolean): void {
    this.stackEntry[this.depth] = entry;
    this.stackState[this.depth] = this.state;
    this.stackForced[this.depth] = forced ? 1 : 0;
    this.depth++;
    this.state = next;
    this.list.lift(entry);
    if (this.crashed[operation] === 0) this.mandatoryLeft--;
    if (this.depth > this.bestDepth) this.noteProgress();
  }

  /**
   * Undoes linearizations until a node with untried candidates; a forced node fails with
   * its only child. Returns the entry to try next, or -1 when the root is exhausted.
   */
  private backtrack(): number {
    for (;;) {
      if (this.depth === 0) return -1;
      this.depth--;
      const entry = this.stackEntry[this.depth]!;
      const operation = this.list.operationOf[entry]!;
      this.state = this.stackState[this.depth]!;
      this.set[operation >>> 5]! ^= 1 << (operation & 31);
      this.setHash ^= this.zobrist[operation]!;
      this.list.unlift(entry);
      if (this.crashed[operation] === 0) this.mandatoryLeft++;
      if (this.stackForced[this.depth] === 0) return this.list.next[entry]!;
    }
  }

  private currentOrder(): number[] {
    const order: number[] = [];
    for (let level = 0; level < this.depth; level++) {
      order.push(this.list.operationOf[this.stackEntry[level]!]!);
    }
    return order;
  }

  /** Remembers the deepest linearization seen, for the explanation of a violation. */
  private noteProgress(): void {
    this.bestDepth = this.depth;
    this.bestPrefix = this.currentOrder();
    this.bestState = this.state;
    this.bestBlocker = this.list.operationOf[this.list.firstReturn()]!;
  }

  private violation(): PartitionOutcome<State> {
    return {
      kind: "violation",
      prefix: this.bestPrefix,
      stateAfterPrefix: this.bestState,
      blocker: this.bestBlocker,
    };
  }
}

type Verdict = 0 | 1 | 2;
const SKIP: Verdict = 0;
const PUSHED: Verdict = 1;
const FAIL_NODE: Verdict = 2;
