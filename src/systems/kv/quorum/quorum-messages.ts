/**
 * The messages between a `kv-quorum` coordinator and a key's replicas: `get` (answered by
 * `got`, the replica's newest version and value) and `put` (answered by `put-ack` once the
 * replica holds that version or a newer one, durably).
 */
import type { VersionedValue } from "./versioned-store.js";

/** "What is your newest value of `key`?" */
export interface GetMessage {
  readonly type: "get";
  readonly key: string;
}

/** A replica's newest value of a key. */
export interface GotMessage extends VersionedValue {
  readonly type: "got";
  readonly key: string;
}

/** "Store this version of `key` if it is newer than yours." */
export interface PutMessage extends VersionedValue {
  readonly type: "put";
  readonly key: string;
}

/** The replica holds the version put, or a newer one. */
export interface PutAckMessage {
  readonly type: "put-ack";
  readonly key: string;
}

/** Any `kv-quorum` message. */
export type QuorumMessage = GetMessage | GotMessage | PutMessage | PutAckMessage;
