/**
 * Rebuilding a node's persistent state from its disk at start. A torn or unreadable log
 * tail is dropped (it was never synced, so never acknowledged). A read that fails with
 * `DiskReadError` is retried a few times; when the disk keeps failing the node fail-stops
 * (see `recovering-node.ts`): it takes no part in the protocol until a later attempt
 * succeeds, because a server that guessed at its term, vote or log could break safety,
 * while a missing server only costs availability.
 */
import { type Disk, DiskReadError } from "../../sim/index.js";
import { type HardState, HardStateStore } from "./hard-state.js";
import { RaftLog } from "./raft-log.js";

/** How many times a failed disk read is attempted before the node fail-stops. */
export const DISK_READ_ATTEMPTS = 3;

/** What recovery produced: the node's persistent state, or why it must fail-stop. */
export type Recovery =
  | {
      readonly ok: true;
      readonly store: HardStateStore;
      readonly hardState: HardState;
      readonly log: RaftLog;
      /** Torn or unreadable records dropped from the log's tail. */
      readonly droppedRecords: number;
    }
  | { readonly ok: false; readonly reason: string };

/** Reads `read` again after a `DiskReadError`, up to `DISK_READ_ATTEMPTS` times in all. */
function withRetries<T>(read: () => T): T | DiskReadError {
  let lastError: DiskReadError | undefined;
  for (let attempt = 0; attempt < DISK_READ_ATTEMPTS; attempt++) {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof DiskReadError)) throw error;
      lastError = error;
    }
  }
  return lastError!;
}

/** Recovers currentTerm, votedFor and the log from `disk`. */
export function recoverFromDisk(disk: Disk): Recovery {
  const hard = withRetries(() => HardStateStore.load(disk));
  if (hard instanceof DiskReadError) return { ok: false, reason: hard.message };
  const loaded = withRetries(() => RaftLog.load(disk));
  if (loaded instanceof DiskReadError) return { ok: false, reason: loaded.message };
  return {
    ok: true,
    store: hard.store,
    hardState: hard.state,
    log: loaded.log,
    droppedRecords: loaded.droppedRecords,
  };
}
