/**
 * Every node's log as the invariants see it: the terms and chain hashes of its entries,
 * rebuilt from the `log` facts the node reports whenever its log changes and the `recover`
 * facts it reports after a restart. The invariants never read a node's log; they follow it.
 */
import type { NodeId } from "../../../sim/index.js";
import type { LogFact, RecoverFact } from "../facts.js";

/** Term or hash of an entry the invariants did not see (chain hashes are 32-bit integers). */
export const UNKNOWN = 2 ** 32;

/** One node's log: terms and chain hashes, index 0 being the empty prefix. */
interface TrackedLog {
  readonly terms: number[];
  readonly hashes: number[];
}

/** The logs of every node that reported one. */
export class TrackedLogs {
  readonly #logs = new Map<NodeId, TrackedLog>();

  /** Applies a `log` fact from `node`. */
  observe(node: NodeId, fact: LogFact): void {
    let log = this.#logs.get(node);
    if (log === undefined) {
      log = { terms: [0], hashes: [0] };
      this.#logs.set(node, log);
    }
    // Entries before `fact.index` stay; a gap (never expected) is filled with UNKNOWN.
    log.terms.length = Math.min(fact.index, log.terms.length);
    log.hashes.length = log.terms.length;
    while (log.terms.length < fact.index) {
      log.terms.push(UNKNOWN);
      log.hashes.push(UNKNOWN);
    }
    for (let i = 0; i < fact.terms.length; i++) {
      log.terms.push(fact.terms[i]!);
      log.hashes.push(fact.hashes[i]!);
    }
  }

  /**
   * Applies a `recover` fact: the node's log now ends at `lastIndex`. The recovered log is a
   * prefix of the one tracked; if the hash says otherwise, the entries are marked unknown.
   */
  recover(node: NodeId, fact: RecoverFact): void {
    const log = this.#logs.get(node) ?? { terms: [0], hashes: [0] };
    this.#logs.set(node, log);
    const consistent = log.hashes[fact.lastIndex] === fact.lastHash;
    log.terms.length = Math.min(log.terms.length, fact.lastIndex + 1);
    log.hashes.length = log.terms.length;
    if (consistent) return;
    log.terms.fill(UNKNOWN, 1);
    log.hashes.fill(UNKNOWN, 1);
    while (log.terms.length <= fact.lastIndex) {
      log.terms.push(UNKNOWN);
      log.hashes.push(UNKNOWN);
    }
  }

  /** The chain hash of `node`'s entry at `index`, or undefined when its log is shorter. */
  hashAt(node: NodeId, index: number): number | undefined {
    return this.#logs.get(node)?.hashes[index];
  }

  /** The term of `node`'s entry at `index`, or undefined when its log is shorter. */
  termAt(node: NodeId, index: number): number | undefined {
    return this.#logs.get(node)?.terms[index];
  }

  /** Index of `node`'s last entry (0 when unknown or empty). */
  lastIndex(node: NodeId): number {
    const log = this.#logs.get(node);
    return log === undefined ? 0 : log.terms.length - 1;
  }
}
