/**
 * The coordination service's client operations: what a worker (or any client of the
 * service) sends to the servers, and what the replicated state machine applies. Like the
 * workload's vocabularies, every operation carries `seq`, so a retried write takes effect
 * once (client sessions of the Raft log). Reads (`keepalive`, `list`, `watch`) are served
 * from applied state once the leader has confirmed it still leads; writes go through the log.
 *
 * Sessions are leases with a TTL: a client opens one, renews it with `keepalive`, and the
 * leader expires it when no renewal arrived for its TTL. Locks and ephemeral registrations
 * belong to a session and go with it.
 */

/** Open a session that lives `ttlMs` without a renewal; answers `{ session }`. */
export interface OpenSessionOp {
  readonly f: "open-session";
  readonly ttlMs: number;
  readonly seq: number;
}

/** Renew a session; answers ok, or fails "session-expired". */
export interface KeepaliveOp {
  readonly f: "keepalive";
  readonly session: number;
  readonly seq: number;
}

/** Close a session now, with its locks and ephemeral entries. */
export interface CloseSessionOp {
  readonly f: "close-session";
  readonly session: number;
  readonly seq: number;
}

/** Take `lock` for `session`; answers `{ token }` (a fencing token), or fails "busy". */
export interface AcquireLockOp {
  readonly f: "acquire-lock";
  readonly session: number;
  readonly lock: string;
  readonly seq: number;
}

/** Free `lock` if `session` holds it; fails "not-held" otherwise. */
export interface ReleaseLockOp {
  readonly f: "release-lock";
  readonly session: number;
  readonly lock: string;
  readonly seq: number;
}

/** Put `value` at `path` in the registry; ephemeral (owned by `session`) unless session is null. */
export interface RegisterOp {
  readonly f: "register";
  readonly path: string;
  readonly value: string;
  readonly session: number | null;
  readonly seq: number;
}

/** Remove the entry at `path`. */
export interface UnregisterOp {
  readonly f: "unregister";
  readonly path: string;
  readonly seq: number;
}

/** The registry's entries under `prefix`; answers a `RegistryListing`. */
export interface ListOp {
  readonly f: "list";
  readonly prefix: string;
  readonly seq: number;
}

/**
 * The registry's changes under `prefix` after revision `since`; answers a `WatchBatch`, or
 * fails "compacted" when changes that old are no longer kept (list again, then watch).
 */
export interface WatchOp {
  readonly f: "watch";
  readonly prefix: string;
  readonly since: number;
  readonly seq: number;
}

/** Any operation of the coordination service. */
export type ServiceOp =
  | OpenSessionOp
  | KeepaliveOp
  | CloseSessionOp
  | AcquireLockOp
  | ReleaseLockOp
  | RegisterOp
  | UnregisterOp
  | ListOp
  | WatchOp;

/** A service operation before the client numbers it. */
export type DraftServiceOp = ServiceOp extends infer O
  ? O extends ServiceOp
    ? Omit<O, "seq">
    : never
  : never;

/** The reads: served from applied state, never appended to the log. */
export const SERVICE_READS: ReadonlySet<string> = new Set(["keepalive", "list", "watch"]);

const SERVICE_FUNCTIONS: ReadonlySet<string> = new Set([
  "open-session",
  "keepalive",
  "close-session",
  "acquire-lock",
  "release-lock",
  "register",
  "unregister",
  "list",
  "watch",
]);

/** Whether `op` looks like a service operation (its fields are checked when applied). */
export function isServiceOp(op: unknown): op is ServiceOp {
  if (typeof op !== "object" || op === null) return false;
  const { f, seq } = op as { f?: unknown; seq?: unknown };
  return typeof f === "string" && SERVICE_FUNCTIONS.has(f) && typeof seq === "number";
}

/** The session an operation acts for, if any. */
export function sessionOf(op: ServiceOp): number | undefined {
  return "session" in op && typeof op.session === "number" ? op.session : undefined;
}

/** One registry entry as `list` answers it. */
export interface RegistryEntryView {
  readonly path: string;
  readonly value: string;
  /** The owning session for an ephemeral entry, null for a persistent one. */
  readonly session: number | null;
  /** The revision (log index) that last wrote it. */
  readonly revision: number;
}

/** What `list` answers. */
export interface RegistryListing {
  /** The revision (last applied log index) the listing is at. */
  readonly revision: number;
  /** Entries under the prefix, by path. */
  readonly entries: readonly RegistryEntryView[];
}

/** One change of the registry. */
export interface RegistryChange {
  readonly revision: number;
  readonly kind: "put" | "delete";
  readonly path: string;
  /** The new value of a put. */
  readonly value?: string;
  /** The owning session of a put's entry. */
  readonly session?: number | null;
}

/** What `watch` answers. */
export interface WatchBatch {
  /** The revision the batch brings a watcher to. */
  readonly revision: number;
  /** Changes under the prefix after `since`, oldest first. */
  readonly changes: readonly RegistryChange[];
  /** `digestValue` of the listing's entries under the prefix at `revision`, to check a watcher's view. */
  readonly digest: number;
}

/** The commands the leader's duties propose (not client operations). */
export type LeaderOp =
  /** Expire a session that was not renewed within its TTL. */
  | { readonly f: "expire-session"; readonly session: number }
  /** Delete ephemeral registry entries of an expired session (only the planted bug uses it). */
  | { readonly f: "delete-entries"; readonly session: number; readonly paths: readonly string[] };
