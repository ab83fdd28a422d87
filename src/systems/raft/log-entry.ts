/**
 * What Raft replicates: log entries, each a term and a command. A command is a client's
 * operation (tagged with the client and its sequence number, so a retried write is
 * recognised when applied), a command the state machine's leader duties proposed (such as
 * "expire this session"), or a no-op that a new leader appends to commit an entry of its
 * own term. Each entry carries its command's digest, computed once by the leader, so
 * followers and invariants compare commands without walking them.
 */
import { digestValue, rememberDigest } from "../../sim/index.js";
import type { KvOp } from "../../workload/protocol.js";

/** A client's operation in the key-value vocabulary, as replicated. */
export interface KvCommand {
  readonly type: "kv";
  /** The client that sent it (`ClientRequest.client`). */
  readonly client: string;
  /** The operation; its `seq` identifies it within the client's session. */
  readonly op: KvOp;
}

/** A client's operation in another vocabulary (served by a plugged-in state machine). */
export interface OpCommand {
  readonly type: "op";
  /** The client that sent it. */
  readonly client: string;
  /** The operation, as the state machine's `classify` accepted it; carries `seq`. */
  readonly op: unknown;
}

/** A client operation, as replicated. */
export type ClientCommand = KvCommand | OpCommand;

/** A command proposed by the state machine's own leader duties, not by a client. */
export interface LeaderCommand {
  readonly type: "leader";
  /** What the state machine asked to replicate. */
  readonly body: unknown;
}

/** A leader's no-op: commits an entry of the leader's term (needed before ReadIndex reads). */
export interface NoopCommand {
  readonly type: "noop";
}

/** Anything a log entry can hold. */
export type Command = ClientCommand | LeaderCommand | NoopCommand;

/** One log entry. Entries are immutable: every node's log may share the same objects. */
export interface LogEntry {
  /** The term of the leader that created it. */
  readonly term: number;
  /** `digestValue(command)` as a signed 32-bit integer (cheaper to digest again in messages). */
  readonly digest: number;
  /** What to apply. */
  readonly command: Command;
}

/**
 * Builds an entry of `term` holding `command`. The entry remembers its own digest, so the
 * append messages that carry it again and again do not walk its command each time.
 */
export function makeEntry(term: number, command: Command): LogEntry {
  return rememberDigest({ term, digest: digestValue(command) | 0, command });
}

/** Whether a value read back from disk has the shape of a log entry. */
export function isLogEntry(value: unknown): value is LogEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<LogEntry>;
  return (
    Number.isSafeInteger(entry.term) &&
    typeof entry.digest === "number" &&
    typeof entry.command === "object" &&
    entry.command !== null
  );
}
