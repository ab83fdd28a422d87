/**
 * The messages in flight, ordered by when they are due (then by send order, so equal
 * deadlines keep the order they were sent in): a binary min-heap with a bound on its size,
 * which the network turns into a finding when a node floods it.
 */

/** One message waiting to be delivered. */
export interface InFlight {
  /** When it is due, in milliseconds on the harness's clock. */
  readonly dueMs: number;
  /** Send order, to break ties. */
  readonly sequence: number;
  /** The recorded message's id. */
  readonly recordId: number;
  readonly from: string;
  readonly to: string;
  /** The message as one JSON line. */
  readonly line: string;
  /** The parsed message. */
  readonly message: unknown;
}

function before(a: InFlight, b: InFlight): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.sequence < b.sequence);
}

/** A min-heap of messages in flight. */
export class DeliveryQueue {
  readonly #heap: InFlight[] = [];

  /** How many messages are in flight. */
  get size(): number {
    return this.#heap.length;
  }

  /** The earliest due message, without removing it. */
  peek(): InFlight | undefined {
    return this.#heap[0];
  }

  /** Adds a message. */
  push(item: InFlight): void {
    const heap = this.#heap;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = item;
  }

  /** Removes and returns the earliest due message. */
  pop(): InFlight | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  /** Removes every message, returning them in no particular order. */
  drain(): InFlight[] {
    return this.#heap.splice(0);
  }
}
