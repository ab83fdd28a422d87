/**
 * A node's disk: a key/value store and named append-only logs. Writes are visible at once
 * but become durable only when `sync()` is called; a crash throws away what was not
 * synced. Values are stored as JSON text, so a node that mutates an object after writing
 * it cannot change what is on disk, exactly as with bytes on a real one.
 *
 * Fault modes make crashes and reads harsher: a partial flush keeps a random prefix of the
 * unsynced writes, a torn write leaves the first lost write half-written (read back as a
 * `TornRecord`), and read errors make `get`/`read` throw a `DiskReadError`.
 */
import { assert } from "./assert.js";
import type { RandomStream } from "./random.js";

/** What a torn write reads back as: the system must notice (as a checksum would) and recover. */
export class TornRecord {
  /** Always true; lets code test `value instanceof TornRecord` or `value.torn`. */
  readonly torn = true;
}

/** Thrown by `get`/`read` when the disk's read-error fault fires. */
export class DiskReadError extends Error {
  override readonly name = "DiskReadError";
}

/** Probabilities of disk faults; all default to 0 (a perfect disk that loses unsynced writes). */
export interface DiskFaults {
  /** Chance that a crash keeps a random prefix of the unsynced writes (the OS flushed some). */
  readonly partialFlushRate: number;
  /** Chance that a crash leaves the first lost put or append torn instead of absent. */
  readonly tornWriteRate: number;
  /** Chance that each `get`/`read` call throws a `DiskReadError`. */
  readonly readErrorRate: number;
}

/** The perfect disk: no faults. */
export const NO_DISK_FAULTS: DiskFaults = {
  partialFlushRate: 0,
  tornWriteRate: 0,
  readErrorRate: 0,
};

/** The disk interface a node sees as `ctx.disk`. */
export interface Disk {
  /** The value stored under `key` (synced or not), or undefined. */
  get(key: string): unknown;
  /** Stores a JSON-serialisable value under `key`. */
  put(key: string, value: unknown): void;
  /** Removes `key`. */
  delete(key: string): void;
  /** Keys starting with `prefix`, sorted. */
  keys(prefix?: string): string[];
  /** Appends a JSON-serialisable record to log `log`; returns its index (from 0). */
  append(log: string, record: unknown): number;
  /** Number of records in log `log`. */
  length(log: string): number;
  /** Records `start` (inclusive) to `end` (exclusive) of log `log`. */
  read(log: string, start?: number, end?: number): unknown[];
  /** Keeps only the first `length` records of log `log`. */
  truncate(log: string, length: number): void;
  /** Makes every write so far durable. */
  sync(): void;
  /** Number of writes not yet synced. */
  readonly unsyncedWrites: number;
}

type Write =
  | { readonly op: "put"; readonly key: string; readonly json: string }
  | { readonly op: "delete"; readonly key: string }
  | { readonly op: "append"; readonly log: string; readonly json: string }
  | { readonly op: "truncate"; readonly log: string; readonly length: number };

const TORN = "\u0000torn";

interface DiskState {
  readonly values: Map<string, string>;
  readonly logs: Map<string, string[]>;
}

function emptyState(): DiskState {
  return { values: new Map(), logs: new Map() };
}

function cloneState(state: DiskState): DiskState {
  const logs = new Map<string, string[]>();
  for (const [name, records] of state.logs) logs.set(name, [...records]);
  return { values: new Map(state.values), logs };
}

/**
 * Applies `write` to `state`. A torn write leaves a record that reads back as a
 * `TornRecord`; only puts and appends write records, so a torn delete or truncate is lost.
 */
function applyWrite(state: DiskState, write: Write, torn = false): void {
  switch (write.op) {
    case "put":
      state.values.set(write.key, torn ? TORN : write.json);
      return;
    case "delete":
      if (!torn) state.values.delete(write.key);
      return;
    case "append": {
      let records = state.logs.get(write.log);
      if (records === undefined) {
        records = [];
        state.logs.set(write.log, records);
      }
      records.push(torn ? TORN : write.json);
      return;
    }
    case "truncate": {
      if (torn) return;
      const records = state.logs.get(write.log);
      if (records !== undefined && records.length > write.length) records.length = write.length;
      return;
    }
  }
}

function decode(json: string): unknown {
  return json === TORN ? new TornRecord() : JSON.parse(json);
}

function encode(what: string, value: unknown): string {
  const json = JSON.stringify(value);
  assert(json !== undefined, `disk ${what}: value is not JSON-serialisable`);
  return json;
}

/** The simulated disk behind `ctx.disk`. It outlives node crashes. */
export class SimDisk implements Disk {
  #durable = emptyState();
  #current = emptyState();
  #pending: Write[] = [];
  #faults: DiskFaults = NO_DISK_FAULTS;
  readonly #random: RandomStream;

  constructor(random: RandomStream) {
    this.#random = random;
  }

  /** The fault probabilities in force. */
  get faults(): DiskFaults {
    return this.#faults;
  }

  /** Changes the fault probabilities (each in [0, 1]). */
  setFaults(faults: Partial<DiskFaults>): void {
    const merged = { ...this.#faults, ...faults };
    for (const [name, rate] of Object.entries(merged)) {
      assert(rate >= 0 && rate <= 1, `disk fault ${name} must be in [0, 1], got ${rate}`);
    }
    this.#faults = merged;
  }

  get unsyncedWrites(): number {
    return this.#pending.length;
  }

  get(key: string): unknown {
    this.#maybeFailRead(`get("${key}")`);
    const json = this.#current.values.get(key);
    return json === undefined ? undefined : decode(json);
  }

  put(key: string, value: unknown): void {
    this.#write({ op: "put", key, json: encode(`put("${key}")`, value) });
  }

  delete(key: string): void {
    this.#write({ op: "delete", key });
  }

  keys(prefix = ""): string[] {
    const keys: string[] = [];
    for (const key of this.#current.values.keys()) if (key.startsWith(prefix)) keys.push(key);
    return keys.sort();
  }

  append(log: string, record: unknown): number {
    const index = this.length(log);
    this.#write({ op: "append", log, json: encode(`append("${log}")`, record) });
    return index;
  }

  length(log: string): number {
    return this.#current.logs.get(log)?.length ?? 0;
  }

  read(log: string, start = 0, end?: number): unknown[] {
    this.#maybeFailRead(`read("${log}")`);
    const records = this.#current.logs.get(log) ?? [];
    return records.slice(start, end).map(decode);
  }

  truncate(log: string, length: number): void {
    assert(Number.isInteger(length) && length >= 0, `truncate length must be >= 0, got ${length}`);
    this.#write({ op: "truncate", log, length });
  }

  sync(): void {
    for (const write of this.#pending) applyWrite(this.#durable, write);
    this.#pending = [];
  }

  /**
   * What a crash does to the disk: unsynced writes are lost, except for what the fault
   * modes keep. Returns how many unsynced writes were lost.
   */
  crash(): number {
    const pending = this.#pending;
    let kept = 0;
    if (pending.length > 0 && this.#random.chance(this.#faults.partialFlushRate)) {
      kept = this.#random.int(pending.length + 1);
    }
    for (let i = 0; i < kept; i++) applyWrite(this.#durable, pending[i]!);
    const firstLost = pending[kept];
    if (firstLost !== undefined && this.#random.chance(this.#faults.tornWriteRate)) {
      applyWrite(this.#durable, firstLost, true);
    }
    this.#pending = [];
    this.#current = cloneState(this.#durable);
    return pending.length - kept;
  }

  /** The durable contents, for tests and inspection: values and logs as decoded data. */
  durableSnapshot(): { values: Record<string, unknown>; logs: Record<string, unknown[]> } {
    const values: Record<string, unknown> = {};
    for (const key of [...this.#durable.values.keys()].sort()) {
      values[key] = decode(this.#durable.values.get(key)!);
    }
    const logs: Record<string, unknown[]> = {};
    for (const name of [...this.#durable.logs.keys()].sort()) {
      logs[name] = this.#durable.logs.get(name)!.map(decode);
    }
    return { values, logs };
  }

  #write(write: Write): void {
    applyWrite(this.#current, write);
    this.#pending.push(write);
  }

  #maybeFailRead(what: string): void {
    if (this.#random.chance(this.#faults.readErrorRate)) {
      throw new DiskReadError(`disk read error on ${what}`);
    }
  }
}
