/**
 * The dependency graph's edges in compact typed arrays: an edge is five numbers (from, to,
 * kind, key, detail), never an object, so histories of a million transactions fit in memory.
 * Edges are appended while inferring, then compiled once into adjacency arrays (CSR) sorted
 * by source. `kind` is one bit of `EdgeKind`; `key` and `detail` let an explanation find
 * the evidence later (the key's id and a position or value id the inference understands).
 */

/** Edge kinds as bits, so a search can allow a set of them with one mask. */
export const EdgeKind = {
  /** Write-write: the source's write precedes the target's in the key's version order. */
  ww: 1,
  /** Write-read: the target read the source's write. */
  wr: 2,
  /** Read-write (anti-dependency): the target overwrote the version the source read. */
  rw: 4,
  /** Process order: the same process ran the source, then the target. */
  process: 8,
  /** Real-time order: the source completed before the target was invoked. */
  realtime: 16,
} as const;

/** The bits of the data dependencies (ww, wr, rw). */
export const DATA_EDGES = EdgeKind.ww | EdgeKind.wr | EdgeKind.rw;

/** A bound on the edges one history may produce (about 1.1 GiB of arrays at most). */
export const MAX_EDGES = 60_000_000;

/** Thrown when a history would need more than `MAX_EDGES` edges; the checker answers unknown. */
export class EdgeLimitError extends Error {
  override readonly name = "EdgeLimitError";
}

/** A growable list of edges. */
export class EdgeList {
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private key = new Int32Array(1024);
  private detail = new Int32Array(1024);
  /** How many edges have been added. */
  length = 0;

  /** Adds one edge; self-edges are dropped (a transaction never depends on itself). */
  add(from: number, to: number, kind: number, key = -1, detail = -1): void {
    if (from === to) return;
    if (this.length === this.from.length) this.grow();
    const at = this.length++;
    this.from[at] = from;
    this.to[at] = to;
    this.kind[at] = kind;
    this.key[at] = key;
    this.detail[at] = detail;
  }

  private grow(): void {
    const size = this.from.length * 2;
    if (this.length >= MAX_EDGES) {
      throw new EdgeLimitError(`the dependency graph would need more than ${MAX_EDGES} edges`);
    }
    this.from = copyInto(new Int32Array(size), this.from);
    this.to = copyInto(new Int32Array(size), this.to);
    this.kind = copyInto(new Uint8Array(size), this.kind);
    this.key = copyInto(new Int32Array(size), this.key);
    this.detail = copyInto(new Int32Array(size), this.detail);
  }

  /** Compiles the edges into adjacency arrays over nodes `0..nodeCount-1`. */
  compile(nodeCount: number): Graph {
    const offsets = new Int32Array(nodeCount + 1);
    const count = this.length;
    for (let index = 0; index < count; index++) offsets[this.from[index]! + 1]!++;
    for (let node = 0; node < nodeCount; node++) offsets[node + 1]! += offsets[node]!;
    const cursor = offsets.slice(0, nodeCount);
    const targets = new Int32Array(count);
    const kinds = new Uint8Array(count);
    const keys = new Int32Array(count);
    const details = new Int32Array(count);
    for (let index = 0; index < count; index++) {
      const slot = cursor[this.from[index]!]!++;
      targets[slot] = this.to[index]!;
      kinds[slot] = this.kind[index]!;
      keys[slot] = this.key[index]!;
      details[slot] = this.detail[index]!;
    }
    return { nodeCount, offsets, targets, kinds, keys, details };
  }
}

function copyInto<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/**
 * The compiled graph: node `n`'s edges are slots `offsets[n]..offsets[n+1]-1` of the
 * parallel arrays `targets`, `kinds`, `keys` and `details`.
 */
export interface Graph {
  readonly nodeCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly kinds: Uint8Array;
  readonly keys: Int32Array;
  readonly details: Int32Array;
}
