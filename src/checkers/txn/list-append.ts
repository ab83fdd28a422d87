/**
 * Dependency inference for append-only lists, as Elle does it. Every appended element is
 * unique per key, so a read names the transaction whose append it ended with (wr), and the
 * longest read of a key is its version order: each committed read must be a prefix of it
 * (else `incompatible-order`), consecutive elements give ww edges, and the element after a
 * read's last one gives an rw edge from the reader to its appender. Reads of failed
 * transactions' appends are G1a; reads ending in an append its transaction followed with
 * another append to the same key are G1b. Unobserved appends add nothing, so transactions
 * whose outcome is unknown never cause a false alarm.
 */
import { formatValue, sameValue, type Value } from "../value.js";
import { EdgeKind, type EdgeList } from "./edge-list.js";
import { type Inference, txnName } from "./inference.js";
import { checkListInternal } from "./internal-consistency.js";
import type { Transaction, TransactionHistory } from "./transactions.js";
import type { TxnAnomaly } from "./types.js";
import { ValueIds, valueIdentity } from "./value-ids.js";

/** A writer code for an element appended more than once: it names no single transaction. */
const AMBIGUOUS = -1;
/** The most anomalies of one kind listed; the rest are counted in the last one's words. */
const MAX_LISTED = 20;

/** What is known of one key. */
interface KeyFacts {
  /** Element identity -> writer code: `txn * 2 + 1` if the txn appended again to the key after it, else `txn * 2`. */
  readonly writers: Map<number | string, number>;
  /** The longest committed read, the key's version order. */
  order: readonly Value[];
  /** Who read `order`, or -1 before any read. */
  orderReader: number;
  /** Whether the version order cannot be trusted (duplicate elements in it). */
  broken: boolean;
  /** Whether an incompatible read has been reported for the key. */
  incompatibleReported: boolean;
}

function listText(values: readonly Value[]): string {
  return formatValue(values);
}

/** The inference over one history; one instance per check. */
class ListAppendInference implements Inference {
  readonly anomalies: TxnAnomaly[] = [];
  private readonly keys = new ValueIds();
  private readonly facts: KeyFacts[] = [];
  private readonly lastAppend = new Map<number, number | string>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly txns: readonly Transaction[],
    private readonly edges: EdgeList,
  ) {}

  run(): void {
    for (const txn of this.txns) this.recordAppends(txn);
    for (const txn of this.txns) if (txn.status === "ok") this.recordReads(txn);
    for (let key = 0; key < this.facts.length; key++) this.orderEdges(key);
    for (const txn of this.txns) if (txn.status === "ok") this.readEdges(txn);
  }

  private factsOf(key: Value): number {
    const id = this.keys.idOf(key);
    if (id === this.facts.length) {
      this.facts.push({
        writers: new Map(),
        order: [],
        orderReader: -1,
        broken: false,
        incompatibleReported: false,
      });
    }
    return id;
  }

  private report(anomaly: TxnAnomaly): void {
    const seen = this.counts.get(anomaly.type) ?? 0;
    this.counts.set(anomaly.type, seen + 1);
    if (seen < MAX_LISTED) this.anomalies.push(anomaly);
  }

  private recordAppends(txn: Transaction): void {
    this.lastAppend.clear();
    for (const [f, key, value] of txn.ops) {
      if (f !== "append") continue;
      const id = this.factsOf(key);
      const { writers } = this.facts[id]!;
      const identity = valueIdentity(value);
      const previous = this.lastAppend.get(id);
      if (previous !== undefined) {
        const code = writers.get(previous)!;
        if (code !== AMBIGUOUS) writers.set(previous, code | 1);
      }
      this.lastAppend.set(id, identity);
      writers.set(identity, writers.has(identity) ? AMBIGUOUS : txn.index * 2);
    }
  }

  private recordReads(txn: Transaction): void {
    const internal = checkListInternal(txn);
    if (internal !== undefined) this.report(internal);
    for (const [f, key, value] of txn.ops) {
      if (f !== "r") continue;
      const facts = this.facts[this.factsOf(key)]!;
      const read = value as readonly Value[];
      if (facts.orderReader === -1 || read.length > facts.order.length) {
        facts.order = read;
        facts.orderReader = txn.index;
      }
    }
  }

  /** The writer of an element, or -1 when unknown or ambiguous; `intermediate` as a second bit. */
  private writerCode(key: number, element: Value): number {
    return this.facts[key]!.writers.get(valueIdentity(element)) ?? AMBIGUOUS;
  }

  private orderEdges(key: number): void {
    const facts = this.facts[key]!;
    const { order } = facts;
    if (order.length === 0) return;
    const reader = this.txns[facts.orderReader]!;
    if (hasDuplicates(order)) {
      facts.broken = true;
      this.reportDuplicates(reader, this.keys.values[key]!, order);
      return;
    }
    let previous = AMBIGUOUS;
    for (let position = 0; position < order.length; position++) {
      const code = this.writerCode(key, order[position]!);
      this.checkAborted(reader, key, order[position]!, code);
      if (previous >= 0 && code >= 0 && this.usable(code) && this.usable(previous)) {
        this.edges.add(previous >> 1, code >> 1, EdgeKind.ww, key, position - 1);
      }
      previous = code;
    }
  }

  /** Whether a writer code names a transaction that may have committed. */
  private usable(code: number): boolean {
    return code >= 0 && this.txns[code >> 1]!.status !== "fail";
  }

  private checkAborted(reader: Transaction, key: number, element: Value, code: number): void {
    if (code < 0 || this.txns[code >> 1]!.status !== "fail") return;
    const writer = this.txns[code >> 1]!;
    this.report({
      type: "G1a",
      ops: [writer, reader],
      explanation: `${txnName(reader)} read ${formatValue(this.keys.values[key]!)} including ${formatValue(element)}, which ${txnName(writer)} appended, but ${txnName(writer)} failed: an aborted read`,
    });
  }

  private reportDuplicates(reader: Transaction, key: Value, read: readonly Value[]): void {
    this.report({
      type: "duplicate-elements",
      ops: [reader],
      explanation: `${txnName(reader)} read ${formatValue(key)} = ${listText(read)}, which holds an element more than once, though every element was appended once`,
    });
  }

  private readEdges(txn: Transaction): void {
    for (const [f, key, value] of txn.ops) {
      if (f !== "r") continue;
      const id = this.factsOf(key);
      const facts = this.facts[id]!;
      const read = value as readonly Value[];
      if (facts.broken) continue;
      const prefix = isPrefix(read, facts.order);
      if (!prefix) this.incompatible(txn, id, read);
      if (read.length > 0) this.wrEdge(txn, id, read[read.length - 1]!, read);
      if (prefix && read.length < facts.order.length) {
        const code = this.writerCode(id, facts.order[read.length]!);
        if (this.usable(code)) this.edges.add(txn.index, code >> 1, EdgeKind.rw, id, read.length);
      }
    }
  }

  private wrEdge(txn: Transaction, key: number, last: Value, read: readonly Value[]): void {
    const code = this.writerCode(key, last);
    if (!this.usable(code)) return;
    const writer = this.txns[code >> 1]!;
    if ((code & 1) === 1 && writer !== txn) {
      this.report({
        type: "G1b",
        ops: [writer, txn],
        explanation: `${txnName(txn)} read ${formatValue(this.keys.values[key]!)} = ${listText(read)}, ending in ${formatValue(last)}, an intermediate state: ${txnName(writer)} appended ${formatValue(last)} and then appended again to the same key`,
      });
    }
    this.edges.add(writer.index, txn.index, EdgeKind.wr, key, read.length - 1);
  }

  private incompatible(txn: Transaction, key: number, read: readonly Value[]): void {
    const facts = this.facts[key]!;
    if (hasDuplicates(read)) {
      this.reportDuplicates(txn, this.keys.values[key]!, read);
      return;
    }
    if (facts.incompatibleReported) return;
    facts.incompatibleReported = true;
    const other = this.txns[facts.orderReader]!;
    this.report({
      type: "incompatible-order",
      ops: [txn, other],
      explanation: `${txnName(txn)} read ${formatValue(this.keys.values[key]!)} = ${listText(read)} and ${txnName(other)} read ${listText(facts.order)}: neither is a prefix of the other, so no single order of appends explains both`,
    });
  }

  keyValue(key: number): Value {
    return this.keys.values[key]!;
  }

  explainEdge(
    kind: number,
    from: Transaction,
    to: Transaction,
    key: number,
    detail: number,
  ): string {
    const facts = this.facts[key]!;
    const keyText = formatValue(this.keys.values[key]!);
    const longest = this.txns[facts.orderReader]!;
    const evidence = `${txnName(longest)} read ${keyText} = ${listText(facts.order)}`;
    if (kind === EdgeKind.wr) {
      const read = findRead(to, from, this.keys.values[key]!);
      const element = formatValue(read[read.length - 1] ?? null);
      return `${txnName(to)} read ${keyText} = ${listText(read)}, so it saw ${txnName(from)}'s append of ${element}`;
    }
    if (kind === EdgeKind.ww) {
      return `${txnName(to)} appended ${formatValue(facts.order[detail + 1]!)} to ${keyText} right after ${txnName(from)}'s append of ${formatValue(facts.order[detail]!)} (${evidence}), so ${txnName(from)} precedes ${txnName(to)}`;
    }
    const seen = listText(facts.order.slice(0, detail));
    return `${txnName(from)} read ${keyText} = ${seen}, and ${txnName(to)} appended ${formatValue(facts.order[detail]!)} to ${keyText} after the value ${txnName(from)} read (${evidence}), so ${txnName(from)} precedes ${txnName(to)}`;
  }
}

/** Whether `txn` appended `element` to `key`. */
function appended(txn: Transaction, key: Value, element: Value): boolean {
  return txn.ops.some(
    ([f, opKey, value]) => f === "append" && sameValue(opKey, key) && sameValue(value, element),
  );
}

/** The read of `key` in `reader` that ends in an append of `writer` (or its first read of `key`). */
function findRead(reader: Transaction, writer: Transaction, key: Value): readonly Value[] {
  let first: readonly Value[] | undefined;
  for (const [f, opKey, value] of reader.ops) {
    if (f !== "r" || !sameValue(opKey, key)) continue;
    const read = value as readonly Value[];
    first ??= read;
    if (read.length > 0 && appended(writer, key, read[read.length - 1]!)) return read;
  }
  return first ?? [];
}

function isPrefix(read: readonly Value[], order: readonly Value[]): boolean {
  if (read === order) return true;
  if (read.length > order.length) return false;
  for (let index = 0; index < read.length; index++) {
    const a = read[index]!;
    const b = order[index]!;
    if (a !== b && !sameValue(a, b)) return false;
  }
  return true;
}

function hasDuplicates(values: readonly Value[]): boolean {
  if (values.length < 2) return false;
  const seen = new Set<number | string>();
  for (const value of values) {
    const identity = valueIdentity(value);
    if (seen.has(identity)) return true;
    seen.add(identity);
  }
  return false;
}

/**
 * Infers list-append dependencies, adding ww, wr and rw edges between transaction indexes.
 *
 * @example
 * ```ts
 * const edges = new EdgeList();
 * const inference = inferListAppend(history, edges);
 * console.log(inference.anomalies, edges.length);
 * ```
 */
export function inferListAppend(history: TransactionHistory, edges: EdgeList): Inference {
  const inference = new ListAppendInference(history.transactions, edges);
  inference.run();
  return inference;
}
