/**
 * Reads waiting at the leader (ReadIndex, thesis §6.4). A read may be answered once three
 * things hold: the leader had committed an entry of its own term and noted the commit index
 * then (the read index), a majority acknowledged a heartbeat round sent after the read
 * arrived (the leader was still leader), and the state machine applied up to the read
 * index. Reads arrive in order and their rounds and read indexes never decrease, so the
 * queue is answered from the front.
 */
import type { ClientRequest } from "../../sim/index.js";

/** One read waiting at the leader. */
export interface PendingRead {
  readonly request: ClientRequest;
  /** What the read asks about, such as a KV key (informative: the answer comes from `request.op`). */
  readonly key?: string;
  /** The heartbeat round a majority must acknowledge (0: none needed, e.g. a lease read). */
  readonly round: number;
  /** The commit index to wait for; unset until the leader has committed in its term. */
  readIndex: number | undefined;
}

/** The reads waiting at one leader, in arrival order. */
export class ReadQueue {
  #reads: PendingRead[] = [];

  /** Number of waiting reads. */
  get length(): number {
    return this.#reads.length;
  }

  /** Adds a read at the back. */
  add(read: PendingRead): void {
    this.#reads.push(read);
  }

  /** Gives every read that has no read index yet the index `commitIndex`. */
  assignReadIndex(commitIndex: number): void {
    for (const read of this.#reads) read.readIndex ??= commitIndex;
  }

  /** Removes and returns the reads that may be answered now, from the front. */
  takeReady(confirmedRound: number, lastApplied: number): PendingRead[] {
    let ready = 0;
    for (const read of this.#reads) {
      if (read.round > confirmedRound) break;
      if (read.readIndex === undefined || read.readIndex > lastApplied) break;
      ready++;
    }
    return ready === 0 ? [] : this.#reads.splice(0, ready);
  }

  /** Removes and returns every read (the leader stepped down). */
  drain(): PendingRead[] {
    const reads = this.#reads;
    this.#reads = [];
    return reads;
  }
}
