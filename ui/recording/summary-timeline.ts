/**
 * What each node's `inspect()` said over the run, stored as changes only: for each node, the
 * trace indexes at which its summary changed and the new summary. The summary at any point
 * of the run is then a binary search away, without re-running anything.
 */
import type { NodeSummary } from "../../src/sim/node-api.js";

/** One node's changes, in trace order. */
interface NodeChanges {
  readonly indexes: number[];
  readonly summaries: (NodeSummary | undefined)[];
}

/** Per-node summaries by trace index. */
export class SummaryTimeline {
  readonly #nodes: NodeChanges[];
  readonly #fields = new Set<string>();

  /** A timeline for `nodeCount` nodes, each without a summary until its first sample. */
  constructor(nodeCount: number) {
    this.#nodes = Array.from({ length: nodeCount }, () => ({ indexes: [], summaries: [] }));
  }

  /**
   * Records that node `node`'s summary is `summary` from trace index `index` on. Samples
   * must come in trace order per node; a sample equal to the current summary is not stored.
   */
  record(node: number, index: number, summary: NodeSummary | undefined): void {
    const changes = this.#nodes[node]!;
    const count = changes.indexes.length;
    if (count > 0) {
      const last = changes.summaries[count - 1];
      if (sameSummary(last, summary)) return;
      if (changes.indexes[count - 1] === index) {
        changes.summaries[count - 1] = summary;
        return;
      }
    }
    changes.indexes.push(index);
    changes.summaries.push(summary);
    if (summary !== undefined) for (const field of Object.keys(summary)) this.#fields.add(field);
  }

  /** Whether any node's summary ever had `field`. */
  hasField(field: string): boolean {
    return this.#fields.has(field);
  }

  /** Whether node `node`'s summary changed at exactly trace index `index`. */
  changedAt(node: number, index: number): boolean {
    const { indexes } = this.#nodes[node]!;
    const position = this.#position(indexes, index);
    return position > 0 && indexes[position - 1] === index;
  }

  /** Node `node`'s summary as of trace index `index` (after that event). */
  at(node: number, index: number): NodeSummary | undefined {
    const { indexes, summaries } = this.#nodes[node]!;
    const position = this.#position(indexes, index);
    return position === 0 ? undefined : summaries[position - 1];
  }

  /** How many of `indexes` are at or before `index`. */
  #position(indexes: readonly number[], index: number): number {
    let low = 0;
    let high = indexes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (indexes[middle]! <= index) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** How many times node `node`'s summary changed. */
  changeCount(node: number): number {
    return this.#nodes[node]!.indexes.length;
  }
}

/** Whether two summaries say the same: field by field, nested values compared as JSON. */
export function sameSummary(a: NodeSummary | undefined, b: NodeSummary | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const left = a[key];
    const right = b[key];
    if (left === right) continue;
    if (typeof left !== "object" || typeof right !== "object" || left === null || right === null)
      return false;
    if (JSON.stringify(left) !== JSON.stringify(right)) return false;
  }
  return true;
}
