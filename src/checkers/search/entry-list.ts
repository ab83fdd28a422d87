/**
 * The events of one partition as a doubly linked list in real-time order, so the search can
 * take an operation's call and return out of the list when it linearizes the operation and
 * put them back, in LIFO order, when it backtracks ("dancing links", as in Porcupine).
 *
 * Entry 0 is the head and entry `2n + 1` the tail sentinel. Entries `1..2n` are calls and
 * returns; an operation with an unknown outcome returns "at infinity", after every known
 * return, so it never forces anything to happen before it.
 */

/** The list and what each entry stands for. */
export class EntryList {
  /** Index of the head sentinel. */
  static readonly HEAD = 0;
  /** Index of the tail sentinel: scanning reaches it when no call is left to try. */
  readonly tail: number;
  /** Next entry in the list. */
  readonly next: Int32Array;
  /** Previous entry in the list. */
  readonly prev: Int32Array;
  /** The operation an entry belongs to (-1 for the sentinels). */
  readonly operationOf: Int32Array;
  /** 1 for a call entry, 0 for a return entry or a sentinel. */
  readonly isCall: Uint8Array;
  /** The return entry of each operation. */
  readonly returnOf: Int32Array;
  /** Each operation's rank in order of return (unknown returns last, by index). */
  readonly returnRank: Int32Array;

  /**
   * @param invokeAt - each operation's invocation position (any increasing measure)
   * @param returnAt - each operation's return position; `Infinity` when unknown
   */
  constructor(invokeAt: readonly number[], returnAt: readonly number[]) {
    const count = invokeAt.length;
    this.tail = 2 * count + 1;
    this.next = new Int32Array(this.tail + 1);
    this.prev = new Int32Array(this.tail + 1);
    this.operationOf = new Int32Array(this.tail + 1).fill(-1);
    this.isCall = new Uint8Array(this.tail + 1);
    this.returnOf = new Int32Array(count);
    this.returnRank = new Int32Array(count);
    this.link(orderEntries(invokeAt, returnAt), count);
  }

  private link(order: readonly number[], count: number): void {
    let previous = EntryList.HEAD;
    let returns = 0;
    for (const code of order) {
      const operation = code % count;
      const isCall = code < count;
      const entry = isCall ? 1 + 2 * operation : 2 + 2 * operation;
      this.operationOf[entry] = operation;
      this.isCall[entry] = isCall ? 1 : 0;
      if (!isCall) {
        this.returnOf[operation] = entry;
        this.returnRank[operation] = returns++;
      }
      this.next[previous] = entry;
      this.prev[entry] = previous;
      previous = entry;
    }
    this.next[previous] = this.tail;
    this.prev[this.tail] = previous;
    this.next[this.tail] = this.tail;
  }

  /** Takes a call entry and its operation's return entry out of the list. */
  lift(call: number): void {
    const { next, prev } = this;
    next[prev[call]!] = next[call]!;
    prev[next[call]!] = prev[call]!;
    const ret = this.returnOf[this.operationOf[call]!]!;
    next[prev[ret]!] = next[ret]!;
    prev[next[ret]!] = prev[ret]!;
  }

  /** Puts back what `lift(call)` took out; must undo lifts in reverse order. */
  unlift(call: number): void {
    const { next, prev } = this;
    const ret = this.returnOf[this.operationOf[call]!]!;
    next[prev[ret]!] = ret;
    prev[next[ret]!] = ret;
    next[prev[call]!] = call;
    prev[next[call]!] = call;
  }

  /** The first return entry still in the list: the operation that must be placed next. */
  firstReturn(): number {
    let entry = this.next[EntryList.HEAD]!;
    while (entry !== this.tail && this.isCall[entry] === 1) entry = this.next[entry]!;
    return entry;
  }
}

/**
 * Entry codes in real-time order: code `i` is operation i's call, `count + i` its return.
 * Unknown returns come last, by operation index. Sorted as numbers `position * 2^22 + code`
 * in a typed array (positions are distinct event indices, so ties cannot occur).
 */
function orderEntries(invokeAt: readonly number[], returnAt: readonly number[]): number[] {
  const count = invokeAt.length;
  const codeSpace = 2 ** 22;
  if (2 * count > codeSpace)
    throw new RangeError(`a partition of ${count} operations is too large to search`);
  let lastKnown = -1;
  for (let index = 0; index < count; index++) {
    lastKnown = Math.max(lastKnown, invokeAt[index]!);
    if (Number.isFinite(returnAt[index]!)) lastKnown = Math.max(lastKnown, returnAt[index]!);
  }
  const keys = new Float64Array(2 * count);
  for (let index = 0; index < count; index++) {
    const returnPosition = Number.isFinite(returnAt[index]!)
      ? returnAt[index]!
      : lastKnown + 1 + index;
    keys[index] = invokeAt[index]! * codeSpace + index;
    keys[count + index] = returnPosition * codeSpace + count + index;
  }
  keys.sort();
  const codes = new Array<number>(keys.length);
  for (let index = 0; index < keys.length; index++) codes[index] = keys[index]! % codeSpace;
  return codes;
}
