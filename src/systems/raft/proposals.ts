/**
 * Client operations a node appended to its log as leader and has not answered yet, by log
 * index. An operation is answered when its index is applied: with the result when the
 * applied entry is the one appended (same term), or as "unknown" when another entry took
 * its place. They survive a step-down: a former leader still answers once it learns the
 * fate of the index.
 */
import type { ClientRequest } from "../../sim/index.js";

/** One appended, unanswered operation. */
export interface Proposal {
  readonly request: ClientRequest;
  /** The term in which it was appended. */
  readonly term: number;
}

/** The unanswered operations of one node. */
export class Proposals {
  readonly #byIndex = new Map<number, Proposal>();

  /** Remembers that `request` was appended at `index` in `term`. */
  add(index: number, term: number, request: ClientRequest): void {
    this.#byIndex.set(index, { request, term });
  }

  /** Removes and returns the proposal at `index`, if any. */
  take(index: number): Proposal | undefined {
    const proposal = this.#byIndex.get(index);
    if (proposal !== undefined) this.#byIndex.delete(index);
    return proposal;
  }

  /** Removes and returns every proposal at `index` or later (their entries are being replaced). */
  takeFrom(index: number): Proposal[] {
    const taken: Proposal[] = [];
    for (const [at, proposal] of this.#byIndex) {
      if (at < index) continue;
      taken.push(proposal);
      this.#byIndex.delete(at);
    }
    return taken;
  }
}
