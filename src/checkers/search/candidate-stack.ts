/**
 * The candidates of every node on the search path, stacked: each node's list of call
 * entries to try, and how far it has got. Lists live side by side in one growable typed
 * array, so opening and closing a node allocates nothing once the array is big enough.
 */

/** Per-node candidate lists, innermost node on top. */
export class CandidateStack {
  private items = new Int32Array(64);
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly cursor: Int32Array;
  private top = 0;

  /** @param maxNodes - the deepest path possible (operations + 1) */
  constructor(maxNodes: number) {
    this.start = new Int32Array(maxNodes);
    this.end = new Int32Array(maxNodes);
    this.cursor = new Int32Array(maxNodes);
  }

  /** Begins the list of node `depth`; then `add` its candidates and `close` it. */
  open(depth: number): void {
    this.start[depth] = this.top;
    this.cursor[depth] = this.top;
  }

  /** Adds a candidate to the node being opened. */
  add(entry: number): void {
    if (this.top === this.items.length) {
      const items = new Int32Array(this.items.length * 2);
      items.set(this.items);
      this.items = items;
    }
    this.items[this.top++] = entry;
  }

  /**
   * Ends the list of node `depth`, sorting it (ascending, stable) by the rank
   * `rankOfOperation[operationOf[entry]]` of each entry's operation.
   */
  close(depth: number, operationOf: Int32Array, rankOfOperation: Int32Array): void {
    const { items } = this;
    const first = this.start[depth]!;
    for (let index = first + 1; index < this.top; index++) {
      const entry = items[index]!;
      const rank = rankOfOperation[operationOf[entry]!]!;
      let slot = index;
      while (slot > first && rankOfOperation[operationOf[items[slot - 1]!]!]! > rank) {
        items[slot] = items[slot - 1]!;
        slot--;
      }
      items[slot] = entry;
    }
    this.end[depth] = this.top;
  }

  /** The next candidate of node `depth`, or -1 when it has none left. */
  next(depth: number): number {
    const at = this.cursor[depth]!;
    if (at === this.end[depth]) return -1;
    this.cursor[depth] = at + 1;
    return this.items[at]!;
  }

  /** Steps node `depth` back by one candidate, so the next `next` returns it again. */
  retreat(depth: number): void {
    this.cursor[depth]!--;
  }

  /** Drops node `depth`'s list (when the search leaves the node for good). */
  discard(depth: number): void {
    this.top = this.start[depth]!;
  }
}
