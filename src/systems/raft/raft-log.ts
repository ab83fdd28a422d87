/**
 * A node's Raft log: the entries in memory, mirrored record by record to a disk log (one
 * append per entry, never a rewrite of the whole log), with a chain hash per index. The
 * chain hash of index i covers every entry up to i, so two logs that agree on it agree on
 * their whole prefix: that is what the log-matching invariant compares.
 *
 * Writes reach the disk unsynced; the node decides when to sync (before acknowledging).
 * Recovery reads the disk log back and drops an unreadable tail: a torn record can only be
 * a write that was never synced, so nothing that was acknowledged is lost with it.
 */
import { assert, type Disk, rememberDigest, TornRecord } from "../../sim/index.js";
import { isLogEntry, type LogEntry } from "./log-entry.js";

/** The disk log that holds the entries (record k is index k + 1). */
export const LOG_NAME = "raft/log";

/** Mixes one entry into the chain hash of the entries before it (a signed 32-bit integer). */
export function chainHash(previous: number, term: number, digest: number): number {
  let hash = Math.imul(previous ^ term, 0x01000193);
  hash = Math.imul(hash ^ digest, 0x5bd1e995);
  return hash ^ (hash >>> 15);
}

/** What recovery found on disk. */
export interface LoadedLog {
  readonly log: RaftLog;
  /** Records dropped from the tail because they were torn or unreadable. */
  readonly droppedRecords: number;
}

/** The log of one node. Indexes start at 1; index 0 is the empty prefix (term 0). */
export class RaftLog {
  readonly #disk: Disk;
  readonly #entries: LogEntry[] = [];
  readonly #hashes: number[] = [0];

  private constructor(disk: Disk) {
    this.#disk = disk;
  }

  /** An empty log (a node's first start). */
  static empty(disk: Disk): RaftLog {
    return new RaftLog(disk);
  }

  /**
   * Reads the log back from disk, truncating (and syncing away) a torn or unreadable tail.
   * Throws `DiskReadError` when the disk read fails; the caller decides whether to retry.
   */
  static load(disk: Disk): LoadedLog {
    const records = disk.read(LOG_NAME);
    const log = new RaftLog(disk);
    let kept = 0;
    for (const record of records) {
      if (record instanceof TornRecord || !isLogEntry(record) || record.term < log.lastTerm) break;
      log.#push(rememberDigest(record));
      kept++;
    }
    const droppedRecords = records.length - kept;
    if (droppedRecords > 0) {
      disk.truncate(LOG_NAME, kept);
      disk.sync();
    }
    return { log, droppedRecords };
  }

  /** Index of the last entry (0 when empty). */
  get lastIndex(): number {
    return this.#entries.length;
  }

  /** Term of the last entry (0 when empty). */
  get lastTerm(): number {
    return this.#entries.length === 0 ? 0 : this.#entries[this.#entries.length - 1]!.term;
  }

  /** Term of the entry at `index` (0 for index 0). */
  termAt(index: number): number {
    if (index === 0) return 0;
    return this.entryAt(index).term;
  }

  /** The entry at `index` (1..lastIndex). */
  entryAt(index: number): LogEntry {
    const entry = this.#entries[index - 1];
    assert(entry !== undefined, `log has no entry ${index} (last is ${this.lastIndex})`);
    return entry;
  }

  /** The chain hash through `index` (0 for index 0). */
  hashAt(index: number): number {
    const hash = this.#hashes[index];
    assert(hash !== undefined, `log has no entry ${index} (last is ${this.lastIndex})`);
    return hash;
  }

  /** Entries `from` to `to`, both inclusive (empty when from > to). */
  slice(from: number, to: number): LogEntry[] {
    return this.#entries.slice(from - 1, to);
  }

  /** Appends `entry` at lastIndex + 1, in memory and (unsynced) on disk; returns its index. */
  append(entry: LogEntry): number {
    assert(
      entry.term >= this.lastTerm,
      `log terms must not decrease: appending term ${entry.term} after ${this.lastTerm}`,
    );
    this.#push(entry);
    this.#disk.append(LOG_NAME, entry);
    return this.#entries.length;
  }

  /** Removes every entry after `lastKept`, in memory and (unsynced) on disk. */
  truncateAfter(lastKept: number): void {
    assert(
      lastKept >= 0 && lastKept <= this.lastIndex,
      `cannot truncate after ${lastKept}: log ends at ${this.lastIndex}`,
    );
    if (lastKept === this.lastIndex) return;
    this.#entries.length = lastKept;
    this.#hashes.length = lastKept + 1;
    this.#disk.truncate(LOG_NAME, lastKept);
  }

  /** The first index whose term is `term` or more (lastIndex + 1 when none). Terms never decrease. */
  firstIndexAtOrAfterTerm(term: number): number {
    let low = 1;
    let high = this.lastIndex + 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#entries[middle - 1]!.term >= term) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The last index whose term is exactly `term`, or 0 when the log has no entry of that term. */
  lastIndexOfTerm(term: number): number {
    const after = this.firstIndexAtOrAfterTerm(term + 1);
    const candidate = after - 1;
    return candidate >= 1 && this.#entries[candidate - 1]!.term === term ? candidate : 0;
  }

  #push(entry: LogEntry): void {
    const previous = this.#hashes[this.#hashes.length - 1]!;
    this.#entries.push(entry);
    this.#hashes.push(chainHash(previous, entry.term, entry.digest));
  }
}
