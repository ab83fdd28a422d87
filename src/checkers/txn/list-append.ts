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
import { ElementTable } from "./element-table.js";
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
  /** The longest committed read, the key's version order. */
  order: readonly Value[];
  /** Who read `order`, or -1 before any read. */
  orderReader: number;
  /** Whether the version order cannot be trusted (duplicate elements in it). */
  broken: boolean;
  /** Whether an incompatible read has been reported for the key. */
  incompatibleReported: boolean;
  /** Committed transactions whose read of the key is the whole version order. */
  readonly fullReaders: number[];
}

function listText(values: readonly Value[]): string {
  return formatValue(values);
}

/** The inference over one history; one instance per check. */
class ListAppendInference implements Inference {
  readonly anomalies: TxnAnomaly[] = [];
  private readonly keys = new ValueIds();
  private readonly facts: KeyFacts[] = [];
  /** Who appended what. */
  private elements = new ElementTable(0);
  /** Each micro-op's key id, transaction by transaction. */
  private opKeys = new Int32Array(0);
  /** Where each transaction's micro-ops start in `opKeys`. */
  private opStart = new Int32Array(1);
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly txns: readonly Transaction[],
    private readonly edges: EdgeList,
  ) {}

  run(): void {
    this.assignKeys();
    this.elements = new ElementTable(this.opKeys.length);
    for (const txn of this.txns) this.recordAppends(txn);
    for (const txn of this.txns) if (txn.status === "ok") this.recordReads(txn);
    for (let key = 0; key < this.facts.length; key++) this.orderEdges(key);
    for (const txn of this.txns) if (txn.status === "ok") this.readEdges(txn);
    this.unobservedEdges();
  }

  /**
   * Appends no read shows came after every element the longest read shows (lists only
   * grow): ww from the last element's appender, rw from each reader of the whole order.
   */
  private unobservedEdges(): void {
    const { codes, observed, slotKeys, count } = this.elements;
    for (let slot = 0; slot < count; slot++) {
      const code = codes[slot]!;
      if (observed[slot] === 1 || !this.usable(code) || (code & 1) === 1) continue;
      const key = slotKeys[slot]!;
      const facts = this.facts[key]!;
      if (facts.broken) continue;
      const { order } = facts;
      const writer = code >> 1;
      const lastCode =
        order.length === 0 ? AMBIGUOUS : this.writerCode(key, order[order.length - 1]!);
      if (this.usable(lastCode))
        this.edges.add(lastCode >> 1, writer, EdgeKind.ww, key, order.length - 1);
      for (const reader of facts.fullReaders)
        this.edges.add(reader, writer, EdgeKind.rw, key, order.length);
    }
  }

  private factsOf(key: Value): number {
    const id = this.keys.idOf(key);
    if (id === this.facts.length) {
      this.facts.push({
        order: [],
        orderReader: -1,
        broken: false,
        incompatibleReported: false,
        fullReaders: [],
      });
    }
    return id;
  }

  private report(anomaly: TxnAnomaly): void {
    const seen = this.counts.get(anomaly.type) ?? 0;
    this.counts.set(anomaly.type, seen + 1);
    if (seen < MAX_LISTED) this.anomalies.push(anomaly);
  }

  /** Assigns every micro-op its key id once, into `opKeys` (ops of txn t from `opStart[t]`). */
  private assignKeys(): void {
    let total = 0;
    for (const txn of this.txns) total += txn.ops.length;
    this.opKeys = new Int32Array(total);
    this.opStart = new Int32Array(this.txns.length + 1);
    let at = 0;
    for (let index = 0; index < this.txns.length; index++) {
      this.opStart[index] = at;
      const ops = this.txns[index]!.ops;
      for (let op = 0; op < ops.length; op++) this.opKeys[at++] = this.factsOf(ops[op]![1]);
    }
    this.opStart[this.txns.length] = at;
  }

  private recordAppends(txn: Transaction): void {
    const ops = txn.ops;
    const base = this.opStart[txn.index]!;
    for (let op = 0; op < ops.length; op++) {
      const micro = ops[op]!;
      if (micro[0] !== "append") continue;
      const id = this.opKeys[base + op]!;
      const { codes } = this.elements;
      // The transaction's previous append to this key, if any, was an intermediate one.
      for (let earlier = op - 1; earlier >= 0; earlier--) {
        if (ops[earlier]![0] !== "append" || this.opKeys[base + earlier] !== id) continue;
        const previous = this.elements.slotOf(id, ops[earlier]![2]);
        if (codes[previous] !== AMBIGUOUS) codes[previous]! |= 1;
        break;
      }
      const existing = this.elements.slotOf(id, micro[2]);
      if (existing >= 0) this.elements.codes[existing] = AMBIGUOUS;
      else this.elements.add(id, micro[2], txn.index * 2);
    }
  }

  /** Whether the transaction's micro-ops touch some key twice (only then can it disagree with itself). */
  private repeatsAKey(txn: Transaction): boolean {
    const start = this.opStart[txn.index]!;
    const end = this.opStart[txn.index + 1]!;
    for (let op = start + 1; op < end; op++) {
      for (let earlier = start; earlier < op; earlier++) {
        if (this.opKeys[op] === this.opKeys[earlier]) return true;
      }
    }
    return false;
  }

  private recordReads(txn: Transaction): void {
    const internal = this.repeatsAKey(txn) ? checkListInternal(txn) : undefined;
    if (internal !== undefined) this.report(internal);
    const ops = txn.ops;
    const base = this.opStart[txn.index]!;
    for (let op = 0; op < ops.length; op++) {
      const micro = ops[op]!;
      if (micro[0] !== "r") continue;
      const facts = this.facts[this.opKeys[base + op]!]!;
      const read = micro[2] as readonly Value[];
      if (facts.orderReader === -1 || read.length > facts.order.length) {
        facts.order = read;
        facts.orderReader = txn.index;
      }
    }
  }

  /** The writer of an element, or -1 when unknown or ambiguous; `intermediate` as a second bit. */
  private writerCode(key: number, element: Value): number {
    const slot = this.elements.slotOf(key, element);
    return slot < 0 ? AMBIGUOUS : this.elements.codes[slot]!;
  }

  /** Marks the elements of a key's version order as seen; false if one appears twice. */
  private markObserved(key: number, order: readonly Value[]): boolean {
    const { observed } = this.elements;
    let unknown = false;
    for (const element of order) {
      const slot = this.elements.slotOf(key, element);
      if (slot < 0) unknown = true;
      else if (observed[slot] === 1) return false;
      else observed[slot] = 1;
    }
    return !unknown || !hasDuplicates(order);
  }

  private orderEdges(key: number): void {
    const facts = this.facts[key]!;
    const { order } = facts;
    if (order.length === 0) return;
    const reader = this.txns[facts.orderReader]!;
    if (!this.markObserved(key, order)) {
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
    const ops = txn.ops;
    const base = this.opStart[txn.index]!;
    for (let op = 0; op < ops.length; op++) {
      const micro = ops[op]!;
      if (micro[0] !== "r") continue;
      const id = this.opKeys[base + op]!;
      const facts = this.facts[id]!;
      const read = micro[2] as readonly Value[];
      if (facts.broken) continue;
      const prefix = isPrefix(read, facts.order);
      if (!prefix) this.incompatible(txn, id, read);
      if (read.length > 0) this.wrEdge(txn, id, read[read.length - 1]!, read);
      if (prefix && read.length === facts.order.length) facts.fullReaders.push(txn.index);
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

  private explainUnobserved(
    kind: number,
    from: Transaction,
    to: Transaction,
    key: number,
    evidence: string,
  ): string {
    const keyValue = this.keys.values[key]!;
    const keyText = formatValue(keyValue);
    const appendedText = `${txnName(to)} appended ${formatValue(lastAppended(to, keyValue))} to ${keyText}, which no read shows`;
    if (kind === EdgeKind.ww) {
      const last = formatValue(this.facts[key]!.order.at(-1)!);
      return `${appendedText}, so it came after ${txnName(from)}'s append of ${last}, the last element read (${evidence}); so ${txnName(from)} precedes ${txnName(to)}`;
    }
    return `${txnName(from)} read ${keyText} = ${listText(this.facts[key]!.order)}, and ${appendedText}, so it came after that value; so ${txnName(from)} precedes ${txnName(to)}`;
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
    const unobserved =
      kind === EdgeKind.ww ? detail === facts.order.length - 1 : detail === facts.order.length;
    if (unobserved) return this.explainUnobserved(kind, from, to, key, evidence);
    if (kind === EdgeKind.ww) {
      return `${txnName(to)} appended ${formatValue(facts.order[detail + 1]!)} to ${keyText} right after ${txnName(from)}'s append of ${formatValue(facts.order[detail]!)} (${evidence}), so ${txnName(from)} precedes ${txnName(to)}`;
    }
    const seen = listText(facts.order.slice(0, detail));
    return `${txnName(from)} read ${keyText} = ${seen}, and ${txnName(to)} appended ${formatValue(facts.order[detail]!)} to ${keyText} after the value ${txnName(from)} read (${evidence}), so ${txnName(from)} precedes ${txnName(to)}`;
  }
}

/** The last element `txn` appended to `key`. */
function lastAppended(txn: Transaction, key: Value): Value {
  let last: Value = null;
  for (const [f, opKey, value] of txn.ops)
    if (f === "append" && sameValue(opKey, key)) last = value;
  return last;
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
