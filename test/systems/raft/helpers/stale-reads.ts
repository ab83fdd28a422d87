/**
 * A sound (never false-alarming) detector of non-linearizable reads in a KV history where
 * every written value is unique: a read must not return a value that was overwritten
 * before the read began, nor the initial null after a write completed, nor a value that was
 * never written or was written only after the read completed. It is not a full
 * linearizability checker; it catches the stale reads the planted bugs produce.
 */
import type { HistoryEntry } from "./kv-client.js";

/** The value an operation writes (write value or cas `to`), if it is a write. */
function writtenValue(entry: HistoryEntry): number | undefined {
  if (entry.op.f === "write") return entry.op.value;
  if (entry.op.f === "cas") return entry.op.to;
  return undefined;
}

function mayHaveWritten(entry: HistoryEntry): boolean {
  return writtenValue(entry) !== undefined && entry.outcome !== "fail";
}

function describe(entry: HistoryEntry): string {
  const end = entry.completeUs === undefined ? "?" : String(entry.completeUs);
  return `${entry.client} ${JSON.stringify(entry.op)} [${entry.invokeUs}..${end}] -> ${entry.outcome} ${JSON.stringify(entry.value)}`;
}

/** Problems found, one line each (empty when every read is plausible). */
export function findStaleReads(history: readonly HistoryEntry[]): string[] {
  const writers = new Map<string, HistoryEntry>();
  const completedWrites = new Map<string, HistoryEntry[]>();
  for (const entry of history) {
    const value = writtenValue(entry);
    if (value === undefined || !mayHaveWritten(entry)) continue;
    writers.set(`${entry.op.key}=${value}`, entry);
    if (entry.outcome === "ok") {
      const list = completedWrites.get(entry.op.key) ?? [];
      list.push(entry);
      completedWrites.set(entry.op.key, list);
    }
  }
  const problems: string[] = [];
  for (const read of history) {
    if (read.op.f !== "read" || read.outcome !== "ok") continue;
    const problem = checkRead(read, writers, completedWrites.get(read.op.key) ?? []);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

function checkRead(
  read: HistoryEntry,
  writers: ReadonlyMap<string, HistoryEntry>,
  completed: readonly HistoryEntry[],
): string | undefined {
  const before = completed.filter((write) => write.completeUs! < read.invokeUs);
  if (read.value === null) {
    if (before.length === 0) return undefined;
    return `read saw null after ${describe(before[0]!)}: ${describe(read)}`;
  }
  const writer = writers.get(`${read.op.key}=${String(read.value)}`);
  if (writer === undefined) return `read a value never written: ${describe(read)}`;
  if (writer.invokeUs > read.completeUs!) return `read a value from the future: ${describe(read)}`;
  if (writer.completeUs === undefined) return undefined;
  const newer = before.find((write) => write !== writer && write.invokeUs > writer.completeUs!);
  if (newer === undefined) return undefined;
  return `stale read: ${describe(read)} saw ${describe(writer)}, overwritten by ${describe(newer)} before the read began`;
}
