/**
 * The memo of the search: every configuration (set of linearized operations, state) the
 * search has reached, so each is explored once. A configuration is stored as the one it
 * was reached from plus the operation linearized there, so the sets share their common
 * prefixes (a tree of configurations) and an entry costs a few words however long the
 * history: memory grows with the configurations explored, not with them times the history.
 *
 * Lookups go through an open-addressing table of 32-bit hashes. A hash match is confirmed by
 * the model's `equal` on the states and by walking the stored set's tree path back until it
 * meets the search's current path: every operation met on the way must be in the current
 * set, and both sets have the same size, so they are equal. Configurations that diverged
 * recently (the usual duplicates) meet within a few steps.
 *
 * Entries are also kept for configurations that are not looked up (those right after an
 * operation with unknown outcome), because later ones are reached through them; and an
 * entry is how the search recalls a linearization without copying it: follow the parents.
 */

const EMPTY = -1;
const INITIAL_SLOTS = 64;
const INITIAL_ENTRIES = 64;

/** The bytes one entry costs: four 32-bit fields, a state reference, two table slots. */
export const MEMO_BYTES_PER_ENTRY = 4 * 4 + 8 + 2 * 4;

/** The configurations reached, as a tree; entry 0 is the root (nothing linearized). */
export class MemoTable<State> {
  /** Open-addressing table of indexed entries: entry per slot, or EMPTY. */
  private slots = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  private indexed = 0;
  /** Per entry: the configuration it was reached from (-1 for the root). */
  private parents = new Int32Array(INITIAL_ENTRIES);
  /** Per entry: the operation linearized to reach it (-1 for the root). */
  private operations = new Int32Array(INITIAL_ENTRIES);
  /** Per entry: how many operations it has linearized. */
  private depths = new Int32Array(INITIAL_ENTRIES);
  /** Per entry: its configuration hash. */
  private hashes = new Int32Array(INITIAL_ENTRIES);
  private readonly states: State[] = [];
  private count = 0;

  /**
   * @param equal - the model's state equality
   * @param initial - the state of the root configuration
   */
  constructor(
    private readonly equal: (a: State, b: State) => boolean,
    initial: State,
  ) {
    this.append(-1, -1, 0, initial);
  }

  /** Entries stored so far (the search's memory grows with this). */
  get size(): number {
    return this.count;
  }

  /**
   * Adds the configuration reached from entry `parent` by linearizing `operation`, unless
   * an equal one is stored.
   *
   * @param set - the configuration's set of operations, as a bitset
   * @param path - the entries of the search's current path, by depth (up to `parent`'s)
   * @returns the new entry, or -1 when an equal configuration was already there
   */
  add(
    hash: number,
    parent: number,
    operation: number,
    state: State,
    set: Uint32Array,
    path: Int32Array,
  ): number {
    const depth = this.depths[parent]! + 1;
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) break;
      if (
        this.hashes[entry] === hash &&
        this.depths[entry] === depth &&
        this.equal(this.states[entry]!, state) &&
        this.sameSet(entry, set, path)
      ) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.append(parent, operation, hash, state);
    this.slots[slot] = entry;
    this.indexed++;
    if (this.indexed * 2 > this.slots.length) this.rehash();
    return entry;
  }

  /** Stores a configuration without indexing it (it is never looked up). */
  append(parent: number, operation: number, hash: number, state: State): number {
    const entry = this.count++;
    if (entry === this.parents.length) this.growEntries();
    this.parents[entry] = parent;
    this.operations[entry] = operation;
    this.depths[entry] = parent === -1 ? 0 : this.depths[parent]! + 1;
    this.hashes[entry] = hash;
    this.states.push(state);
    return entry;
  }

  /** The operations linearized to reach `entry`, in order. */
  order(entry: number): number[] {
    const order = new Array<number>(this.depths[entry]!);
    for (let at = entry; at > 0; at = this.parents[at]!) {
      order[this.depths[at]! - 1] = this.operations[at]!;
    }
    return order;
  }

  /**
   * Whether `entry`'s set is `set`: walks its tree path down to where it meets the
   * current path (at worst the root, which is on every path).
   */
  private sameSet(entry: number, set: Uint32Array, path: Int32Array): boolean {
    const operation = this.operations[entry]!;
    if ((set[operation >>> 5]! & (1 << (operation & 31))) === 0) return false;
    for (let at = this.parents[entry]!; ; at = this.parents[at]!) {
      if (path[this.depths[at]!] === at) return true;
      const placed = this.operations[at]!;
      if ((set[placed >>> 5]! & (1 << (placed & 31))) === 0) return false;
    }
  }

  private growEntries(): void {
    const grow = (array: Int32Array) => {
      const grown = new Int32Array(array.length * 2);
      grown.set(array);
      return grown;
    };
    this.parents = grow(this.parents);
    this.operations = grow(this.operations);
    this.depths = grow(this.depths);
    this.hashes = grow(this.hashes);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let slot = 0; slot < this.slots.length; slot++) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) continue;
      const hash = this.hashes[entry]!;
      let target = (hash ^ (hash >>> 15)) & mask;
      while (slots[target] !== EMPTY) target = (target + 1) & mask;
      slots[target] = entry;
    }
    this.slots = slots;
  }
}
