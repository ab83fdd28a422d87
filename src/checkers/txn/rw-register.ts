/**
 * Dependency inference for read/write registers, with the weaker evidence registers give
 * (as Elle's rw-register documents): every written value is unique per key, so a read names
 * its writer (wr). Version order comes from two facts only: the initial state (nil) precedes
 * every write, and a transaction that read a version and then wrote the key installed its
 * version after the one it read. From those: ww from the read version's writer to the
 * rewriter, and rw from every reader of an earlier version to the later writer. Reads of
 * failed writes are G1a, of a transaction's overwritten (non-final) writes G1b.
 */
import { formatValue, sameValue, type Value } from "../value.js";
import { EdgeKind, type EdgeList } from "./edge-list.js";
import { type Inference, txnName } from "./inference.js";
import { checkRegisterInternal } from "./internal-consistency.js";
import type { Transaction, TransactionHistory } from "./transactions.js";
import type { TxnAnomaly } from "./types.js";
import { ValueIds, valueIdentity } from "./value-ids.js";

const AMBIGUOUS = -1;
const MAX_LISTED = 20;
/** `detail` of an rw edge from a read of the initial state. */
const FROM_INITIAL = 0;
/** `detail` of an rw edge from a read of a version that the target read and then overwrote. */
const FROM_OVERWRITE = 1;

interface RegisterFacts {
  /** Value identity -> `txn * 2 + 1` for a write its transaction overwrote, `txn * 2` for a final one. */
  readonly writers: Map<number | string, number>;
  /** Transactions whose final write of the key may have taken effect. */
  readonly finalWriters: number[];
  /** Committed transactions whose first access to the key read nil. */
  readonly initialReaders: number[];
  /** Value identity -> committed transactions whose first access read it. */
  readonly readers: Map<number | string, number[]>;
}

/** The first access of each key in a transaction, when it is a read: key id -> value. */
function externalReads(txn: Transaction, keys: ValueIds): Map<number, Value> {
  const reads = new Map<number, Value>();
  const touched = new Set<number>();
  for (const [f, key, value] of txn.ops) {
    const id = keys.idOf(key);
    if (touched.has(id)) continue;
    touched.add(id);
    if (f === "r") reads.set(id, value);
  }
  return reads;
}

/** The last write of each key in a transaction: key id -> value. */
function finalWrites(txn: Transaction, keys: ValueIds): Map<number, Value> {
  const writes = new Map<number, Value>();
  for (const [f, key, value] of txn.ops) if (f === "w") writes.set(keys.idOf(key), value);
  return writes;
}

class RegisterInference implements Inference {
  readonly anomalies: TxnAnomaly[] = [];
  private readonly keys = new ValueIds();
  private readonly facts: RegisterFacts[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly txns: readonly Transaction[],
    private readonly edges: EdgeList,
  ) {}

  run(): void {
    for (const txn of this.txns) this.recordWrites(txn);
    for (const txn of this.txns) if (txn.status === "ok") this.recordReads(txn);
    for (const txn of this.txns) if (txn.status === "ok") this.addEdges(txn);
    for (let key = 0; key < this.facts.length; key++) this.initialEdges(key);
  }

  private factsOf(id: number): RegisterFacts {
    while (this.facts.length <= id) {
      this.facts.push({
        writers: new Map(),
        finalWriters: [],
        initialReaders: [],
        readers: new Map(),
      });
    }
    return this.facts[id]!;
  }

  private report(anomaly: TxnAnomaly): void {
    const seen = this.counts.get(anomaly.type) ?? 0;
    this.counts.set(anomaly.type, seen + 1);
    if (seen < MAX_LISTED) this.anomalies.push(anomaly);
  }

  private recordWrites(txn: Transaction): void {
    const finals = finalWrites(txn, this.keys);
    for (const [f, key, value] of txn.ops) {
      if (f !== "w") continue;
      const id = this.keys.idOf(key);
      const { writers } = this.factsOf(id);
      const identity = valueIdentity(value);
      const final = sameValue(finals.get(id)!, value);
      writers.set(identity, writers.has(identity) ? AMBIGUOUS : txn.index * 2 + (final ? 0 : 1));
    }
    if (txn.status === "fail") return;
    for (const id of finals.keys()) this.factsOf(id).finalWriters.push(txn.index);
  }

  private recordReads(txn: Transaction): void {
    const internal = checkRegisterInternal(txn);
    if (internal !== undefined) this.report(internal);
    for (const [id, value] of externalReads(txn, this.keys)) {
      const facts = this.factsOf(id);
      if (value === null) {
        facts.initialReaders.push(txn.index);
        continue;
      }
      const identity = valueIdentity(value);
      const readers = facts.readers.get(identity);
      if (readers === undefined) facts.readers.set(identity, [txn.index]);
      else readers.push(txn.index);
      this.readEdge(txn, id, value);
    }
  }

  /** The writer of `value` to key `id` if it may have committed, else undefined (reporting G1a). */
  private writerOf(id: number, value: Value): Transaction | undefined {
    const code = this.factsOf(id).writers.get(valueIdentity(value)) ?? AMBIGUOUS;
    if (code < 0) return undefined;
    const writer = this.txns[code >> 1]!;
    return writer.status === "fail" ? undefined : writer;
  }

  private readEdge(txn: Transaction, id: number, value: Value): void {
    const code = this.factsOf(id).writers.get(valueIdentity(value)) ?? AMBIGUOUS;
    if (code < 0) return;
    const writer = this.txns[code >> 1]!;
    const read = `${txnName(txn)} read ${formatValue(this.keys.values[id]!)} = ${formatValue(value)}`;
    if (writer.status === "fail") {
      this.report({
        type: "G1a",
        ops: [writer, txn],
        explanation: `${read}, which ${txnName(writer)} wrote, but ${txnName(writer)} failed: an aborted read`,
      });
      return;
    }
    if ((code & 1) === 1 && writer !== txn) {
      this.report({
        type: "G1b",
        ops: [writer, txn],
        explanation: `${read}, an intermediate version: ${txnName(writer)} wrote it and then overwrote it in the same transaction`,
      });
    }
    this.edges.add(writer.index, txn.index, EdgeKind.wr, id);
  }

  private addEdges(txn: Transaction): void {
    const writes = finalWrites(txn, this.keys);
    if (writes.size === 0) return;
    for (const [id, value] of externalReads(txn, this.keys)) {
      if (value === null || !writes.has(id)) continue;
      const writer = this.writerOf(id, value);
      if (writer !== undefined) this.edges.add(writer.index, txn.index, EdgeKind.ww, id);
      const readers = this.factsOf(id).readers.get(valueIdentity(value)) ?? [];
      for (const reader of readers)
        this.edges.add(reader, txn.index, EdgeKind.rw, id, FROM_OVERWRITE);
    }
  }

  private initialEdges(id: number): void {
    const { initialReaders, finalWriters } = this.factsOf(id);
    for (const reader of initialReaders) {
      for (const writer of finalWriters)
        this.edges.add(reader, writer, EdgeKind.rw, id, FROM_INITIAL);
    }
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
    const keyValue = this.keys.values[key]!;
    const keyText = formatValue(keyValue);
    const readBy = (txn: Transaction) => formatValue(firstRead(txn, keyValue));
    const wroteBy = (txn: Transaction) => formatValue(lastWrite(txn, keyValue));
    if (kind === EdgeKind.wr) {
      return `${txnName(to)} read ${keyText} = ${readBy(to)}, which ${txnName(from)} wrote`;
    }
    if (kind === EdgeKind.ww) {
      return `${txnName(to)} read ${keyText} = ${readBy(to)}, written by ${txnName(from)}, and then wrote ${keyText} = ${wroteBy(to)}, so ${txnName(from)}'s version precedes ${txnName(to)}'s`;
    }
    if (detail === FROM_INITIAL) {
      return `${txnName(from)} read ${keyText} = nil, the initial state, which precedes every write, so ${txnName(from)} precedes ${txnName(to)}, which wrote ${keyText} = ${wroteBy(to)}`;
    }
    return `${txnName(from)} read ${keyText} = ${readBy(from)}, and ${txnName(to)} read that version and overwrote it with ${wroteBy(to)}, so ${txnName(from)} precedes ${txnName(to)}`;
  }
}

function firstRead(txn: Transaction, key: Value): Value {
  for (const [f, opKey, value] of txn.ops) if (f === "r" && sameValue(opKey, key)) return value;
  return null;
}

function lastWrite(txn: Transaction, key: Value): Value {
  let last: Value = null;
  for (const [f, opKey, value] of txn.ops) if (f === "w" && sameValue(opKey, key)) last = value;
  return last;
}

/**
 * Infers rw-register dependencies, adding ww, wr and rw edges between transaction indexes.
 *
 * @example
 * ```ts
 * const inference = inferRwRegister(history, new EdgeList());
 * ```
 */
export function inferRwRegister(history: TransactionHistory, edges: EdgeList): Inference {
  const inference = new RegisterInference(history.transactions, edges);
  inference.run();
  return inference;
}
