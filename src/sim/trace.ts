/**
 * The run's trace: every kernel event as a compact record in typed arrays, and a 64-bit
 * hash over all of them. Running one seed twice must give the same hash; when it does not,
 * the records tell where the runs first went apart. In "hash" mode only the hash is kept,
 * which is what seed sweeps use.
 */
import { FNV_PRIME as importedFnvPrime, mixString } from "./digest.js";

// Imported bindings are read from memory, with a check, at every use, while a module's own
// `const` bindings are folded into the compiled code: the hot paths use these local copies.
const FNV_PRIME = importedFnvPrime;

/** The kinds of trace events, with their numeric codes. */
export const TraceKind = {
  start: 1,
  send: 2,
  deliver: 3,
  drop: 4,
  duplicate: 5,
  timer: 6,
  crash: 7,
  restart: 8,
  pause: 9,
  resume: 10,
  clock: 11,
  network: 12,
  log: 13,
  clientRequest: 14,
  clientDeliver: 15,
  clientReply: 16,
  clientResponse: 17,
  nodeFailure: 18,
  note: 19,
  report: 20,
} as const;

/** A trace event kind's name. */
export type TraceKindName = keyof typeof TraceKind;
/** A trace event kind's numeric code. */
export type TraceKindCode = (typeof TraceKind)[TraceKindName];

const KIND_NAMES: readonly TraceKindName[] = (() => {
  const names: TraceKindName[] = [];
  for (const [name, code] of Object.entries(TraceKind)) names[code] = name as TraceKindName;
  return names;
})();

/** Why a message was not delivered (the `detail` of a `drop` event's reason). */
export const DropReason = {
  partition: 1,
  loss: 2,
  crashed: 3,
  lateReply: 4,
  restarted: 5,
} as const;

/** A drop reason's name. */
export type DropReasonName = keyof typeof DropReason;

const DROP_REASON_NAMES: readonly DropReasonName[] = (() => {
  const names: DropReasonName[] = [];
  for (const [name, code] of Object.entries(DropReason)) names[code] = name as DropReasonName;
  return names;
})();

/** The name of a drop reason code. */
export function dropReasonName(code: number): DropReasonName | undefined {
  return DROP_REASON_NAMES[code];
}

/** Whether the trace keeps every record ("full") or only the running hash ("hash"). */
export type TraceMode = "full" | "hash";

/** One trace record, decoded. */
export interface TraceEvent {
  /** Position in the trace, from 0. */
  readonly index: number;
  /** Virtual time in microseconds. */
  readonly timeUs: number;
  /** What happened. */
  readonly kind: TraceKindName;
  /** The endpoint the event belongs to (sender, node, client), if any. */
  readonly node: string | undefined;
  /** The other endpoint (receiver, destination), if any. */
  readonly peer: string | undefined;
  /** Kind-specific number: message id, timer id, drop reason, clock delta. */
  readonly detail: number;
  /** Digest of the message body or payload (0 when none); for `drop` events, the `DropReason`. */
  readonly digest: number;
  /** Text of log lines, faults and failures. */
  readonly text: string | undefined;
  /** The message body, when the trace was asked to keep payloads. */
  readonly payload: unknown;
}

/**
 * Record layout: six 32-bit words (24 bytes). Time is split at 2^30 us; its high part
 * (below 2^23, as times stay below 2^53 us) shares a word with the kind.
 */
const STRIDE = 6;
const FIELD_KIND_TIME_HIGH = 0;
const FIELD_TIME_LOW = 1;
const FIELD_NODE = 2;
const FIELD_PEER = 3;
const FIELD_DETAIL = 4;
const FIELD_DIGEST = 5;
const KIND_BITS = 8;
const KIND_MASK = (1 << KIND_BITS) - 1;
/** Records per chunk (2^12, 96 KB): allocated as needed, never copied; small runs stay small. */
const CHUNK_BITS = 12;
const CHUNK_RECORDS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_RECORDS - 1;
const CHUNK_WORDS = CHUNK_RECORDS * STRIDE;
const TIME_SPLIT = 0x40000000;
/** Hash seeds, as signed 32-bit integers (the engine keeps those unboxed). */
const HASH_SEED_LOW = 0x811c9dc5 | 0;
const HASH_SEED_HIGH = 0x6b43a9b5;

/** The compact event log of one run, with its running 64-bit hash. */
export class Trace {
  readonly mode: TraceMode;
  readonly keepPayloads: boolean;
  /** Endpoint names (nodes, then clients in order of first use), indexed by endpoint number. */
  readonly endpoints: string[] = [];
  readonly #keepRecords: boolean;
  readonly #chunks: Int32Array[] = [];
  /** The chunk being filled, and the word where the next record goes (CHUNK_WORDS: full). */
  #chunk: Int32Array = new Int32Array(0);
  #offset = CHUNK_WORDS;
  readonly #texts = new Map<number, string>();
  readonly #payloads = new Map<number, unknown>();
  #hashLow = HASH_SEED_LOW;
  #hashHigh = HASH_SEED_HIGH;
  #count = 0;

  constructor(mode: TraceMode = "full", keepPayloads = false) {
    this.mode = mode;
    this.#keepRecords = mode === "full";
    this.keepPayloads = keepPayloads && this.#keepRecords;
  }

  /** Number of events recorded (in "hash" mode too). */
  get count(): number {
    return this.#count;
  }

  /** Number of events whose records are kept (0 in "hash" mode). */
  get length(): number {
    return this.#keepRecords ? this.#count : 0;
  }

  /** The 64-bit trace hash as 16 hex digits. */
  get hash(): string {
    const high = (this.#hashHigh >>> 0).toString(16).padStart(8, "0");
    const low = (this.#hashLow >>> 0).toString(16).padStart(8, "0");
    return `${high}${low}`;
  }

  /**
   * Appends one event and returns its index. `node` and `peer` are endpoint numbers (-1 for
   * none); `detail` and `digest` are kind-specific 32-bit integers.
   */
  record(
    kind: TraceKindCode,
    timeUs: number,
    node: number,
    peer: number,
    detail: number,
    digest: number,
  ): number {
    const timeHigh = (timeUs / TIME_SPLIT) | 0; // times stay below 2^53 us, so this fits
    const timeLow = timeUs - timeHigh * TIME_SPLIT;
    const low = Math.imul(
      this.#hashLow ^ (kind | (node << 8)) ^ Math.imul(timeLow, 0x9e3779b1),
      FNV_PRIME,
    );
    this.#hashLow = Math.imul(low ^ detail ^ (timeHigh << 20), 0x85ebca6b);
    this.#hashHigh = Math.imul(
      this.#hashHigh ^ Math.imul(peer, 0xc2b2ae35) ^ digest ^ low,
      0x27d4eb2f,
    );
    if (this.#keepRecords) {
      if (this.#offset === CHUNK_WORDS) this.#addChunk();
      const chunk = this.#chunk;
      const base = this.#offset;
      chunk[base + FIELD_KIND_TIME_HIGH] = kind | (timeHigh << KIND_BITS);
      chunk[base + FIELD_TIME_LOW] = timeLow;
      chunk[base + FIELD_NODE] = node;
      chunk[base + FIELD_PEER] = peer;
      chunk[base + FIELD_DETAIL] = detail;
      chunk[base + FIELD_DIGEST] = digest;
      this.#offset = base + STRIDE;
    }
    return this.#count++;
  }

  #addChunk(): void {
    this.#chunk = new Int32Array(CHUNK_WORDS);
    this.#chunks.push(this.#chunk);
    this.#offset = 0;
  }

  /** Appends an event that carries text (log lines, faults, failures) and an optional detail. */
  recordText(
    kind: TraceKindCode,
    timeUs: number,
    node: number,
    peer: number,
    text: string,
    detail = 0,
  ): number {
    const index = this.record(kind, timeUs, node, peer, detail, 0);
    this.#hashHigh = mixString(this.#hashHigh, text);
    if (this.#keepRecords) this.#texts.set(index, text);
    return index;
  }

  /** Keeps `payload` with the event at `index`, when the trace keeps payloads. */
  attachPayload(index: number, payload: unknown): void {
    if (this.keepPayloads) this.#payloads.set(index, payload);
  }

  /** The event at `index`, decoded; only in "full" mode. */
  event(index: number): TraceEvent {
    if (index < 0 || index >= this.length) {
      throw new RangeError(`trace event ${index} out of range 0..${this.length - 1}`);
    }
    const chunk = this.#chunks[index >>> CHUNK_BITS]!;
    const base = (index & CHUNK_MASK) * STRIDE;
    const kindTimeHigh = chunk[base + FIELD_KIND_TIME_HIGH]!;
    const node = chunk[base + FIELD_NODE]!;
    const peer = chunk[base + FIELD_PEER]!;
    return {
      index,
      timeUs: (kindTimeHigh >>> KIND_BITS) * TIME_SPLIT + chunk[base + FIELD_TIME_LOW]!,
      kind: KIND_NAMES[kindTimeHigh & KIND_MASK]!,
      node: node >= 0 ? this.endpoints[node] : undefined,
      peer: peer >= 0 ? this.endpoints[peer] : undefined,
      detail: chunk[base + FIELD_DETAIL]!,
      digest: chunk[base + FIELD_DIGEST]! >>> 0,
      text: this.#texts.get(index),
      payload: this.#payloads.get(index),
    };
  }

  /** Every kept event, decoded, in order. */
  *events(): IterableIterator<TraceEvent> {
    for (let i = 0; i < this.length; i++) yield this.event(i);
  }

  /** Whether the record at `index` equals the record at `otherIndex` of `other`. */
  sameRecord(index: number, other: Trace, otherIndex: number): boolean {
    const chunk = this.#chunks[index >>> CHUNK_BITS]!;
    const base = (index & CHUNK_MASK) * STRIDE;
    const otherChunk = other.#chunks[otherIndex >>> CHUNK_BITS]!;
    const otherBase = (otherIndex & CHUNK_MASK) * STRIDE;
    for (let field = 0; field < STRIDE; field++) {
      if (chunk[base + field] !== otherChunk[otherBase + field]) return false;
    }
    return this.#texts.get(index) === other.#texts.get(otherIndex);
  }
}

/** Where two traces first differ. */
export interface TraceDivergence {
  /** Index of the first differing event. */
  readonly index: number;
  /** The event of the first trace there (absent when it ended first). */
  readonly first: TraceEvent | undefined;
  /** The event of the second trace there (absent when it ended first). */
  readonly second: TraceEvent | undefined;
}

/** The first event at which two full traces differ, or undefined if they are identical. */
export function firstDivergence(first: Trace, second: Trace): TraceDivergence | undefined {
  const shared = Math.min(first.length, second.length);
  for (let i = 0; i < shared; i++) {
    if (!first.sameRecord(i, second, i)) {
      return { index: i, first: first.event(i), second: second.event(i) };
    }
  }
  if (first.length === second.length) return undefined;
  return {
    index: shared,
    first: shared < first.length ? first.event(shared) : undefined,
    second: shared < second.length ? second.event(shared) : undefined,
  };
}
