/**
 * The memo of the search: the configurations (set of linearized operations, state) already
 * explored, so each is explored once. Sets are bitsets stored side by side in one typed
 * array; configurations are found through an open-addressing table of 32-bit hashes, then
 * compared word by word and with the model's `equal`. Nothing here allocates per lookup.
 */

const EMPTY = -1;
const INITIAL_SLOTS = 64;

/** A set of explored configurations. */
export class MemoTable<State> {
  /** Open-addressing table: entry index per slot, or EMPTY. */
  private slots = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  /** The hash of each stored entry (to compare before anything else, and to rehash). */
  private hashes = new Int32Array(INITIAL_SLOTS);
  private bits: Uint32Array;
  private readonly states: State[] = [];
  private count = 0;

  /**
   * @param words - the number of 32-bit words in each bitset
   * @param equal - the model's state equality
   */
  constructor(
    private readonly words: number,
    private readonly equal: (a: State, b: State) => boolean,
  ) {
    this.bits = new Uint32Array(INITIAL_SLOTS * words);
  }

  /**
   * Adds the configuration unless it is already present.
   * @returns true when it was new
   */
  add(hash: number, set: Uint32Array, state: State): boolean {
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) break;
      if (
        this.hashes[entry] === hash &&
        this.sameSet(entry, set) &&
        this.equal(this.states[entry]!, state)
      ) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    this.slots[slot] = this.store(hash, set, state);
    if (this.count * 2 > this.slots.length) this.rehash();
    return true;
  }

  private sameSet(entry: number, set: Uint32Array): boolean {
    const base = entry * this.words;
    for (let word = 0; word < this.words; word++) {
      if (this.bits[base + word] !== set[word]) return false;
    }
    return true;
  }

  private store(hash: number, set: Uint32Array, state: State): number {
    const entry = this.count++;
    if (entry === this.hashes.length) this.growEntries();
    this.hashes[entry] = hash;
    this.bits.set(set, entry * this.words);
    this.states.push(state);
    return entry;
  }

  private growEntries(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const bits = new Uint32Array(this.bits.length * 2);
    bits.set(this.bits);
    this.bits = bits;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const hash = this.hashes[entry]!;
      let slot = (hash ^ (hash >>> 15)) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}
