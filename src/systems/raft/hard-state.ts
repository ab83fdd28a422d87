/**
 * Raft's persistent scalars, currentTerm and votedFor, on disk. They are written to two
 * slots in turn, each record carrying a version, so a write torn by a crash never destroys
 * the previous good copy: recovery takes the readable record with the highest version. (A
 * torn record is always an unsynced write, so the copy it replaces is the latest durable
 * one, and no reply ever depended on the torn one.)
 */
import { type Disk, type NodeId, TornRecord } from "../../sim/index.js";

/** The persistent state every Raft server keeps (Figure 2 of the paper, minus the log). */
export interface HardState {
  /** The latest term this server has seen. */
  readonly term: number;
  /** Who it voted for in `term`, or null. */
  readonly votedFor: NodeId | null;
}

/** The state of a server that has never run. */
export const INITIAL_HARD_STATE: HardState = { term: 0, votedFor: null };

const SLOT_KEYS = ["raft/hard-state/0", "raft/hard-state/1"] as const;

interface HardStateRecord extends HardState {
  readonly version: number;
}

function isHardStateRecord(value: unknown): value is HardStateRecord {
  if (typeof value !== "object" || value === null || value instanceof TornRecord) return false;
  const record = value as Partial<HardStateRecord>;
  return (
    Number.isSafeInteger(record.version) &&
    Number.isSafeInteger(record.term) &&
    (record.votedFor === null || typeof record.votedFor === "string")
  );
}

/** Reads and writes the hard state of one node. */
export class HardStateStore {
  readonly #disk: Disk;
  #version: number;

  private constructor(disk: Disk, version: number) {
    this.#disk = disk;
    this.#version = version;
  }

  /**
   * Reads the latest readable record back from disk (the initial state when there is none).
   * Throws `DiskReadError` when a read fails; the caller decides whether to retry.
   */
  static load(disk: Disk): { readonly store: HardStateStore; readonly state: HardState } {
    let best: HardStateRecord | undefined;
    for (const key of SLOT_KEYS) {
      const value = disk.get(key);
      if (isHardStateRecord(value) && (best === undefined || value.version > best.version)) {
        best = value;
      }
    }
    if (best === undefined)
      return { store: new HardStateStore(disk, 0), state: INITIAL_HARD_STATE };
    return {
      store: new HardStateStore(disk, best.version),
      state: { term: best.term, votedFor: best.votedFor },
    };
  }

  /** Writes `state` to the older slot. Durable only after the disk is synced. */
  write(state: HardState): void {
    this.#version++;
    const record: HardStateRecord = { version: this.#version, ...state };
    this.#disk.put(SLOT_KEYS[this.#version % 2]!, record);
  }
}
