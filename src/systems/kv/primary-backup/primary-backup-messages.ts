/**
 * The messages of `kv-primary-backup`: the view change (prepare / promise or reject, then
 * start-view / its acknowledgement), replication (replicate / its acknowledgement, or with
 * the bug a whole-state shipment), and heartbeats (answered by `join` from nodes outside
 * the view). Every message names its epoch.
 */
import type { NodeId } from "../../../sim/node-api.js";
import type { KvOp } from "../../../workload/protocol.js";
import type { KvSnapshot } from "../kv-state-machine.js";

/** A replica's state as it travels: which view it came from, how many operations, the data. */
export interface ReplicaState {
  /** The epoch of the view whose start-view (or later operations) produced it; 0: none. */
  readonly stateEpoch: number;
  /** Operations applied since the beginning of time (the position in the total order). */
  readonly opCount: number;
  readonly snapshot: KvSnapshot;
}

/** View change, phase 1: "promise to ignore every epoch below `epoch`, and tell me your state". */
export interface PrepareMessage {
  readonly type: "prepare";
  readonly epoch: number;
}

/** The answer to a prepare: the promise, with the replica's state. */
export interface PromiseMessage extends ReplicaState {
  readonly type: "promise";
  readonly epoch: number;
}

/** The answer to a prepare for an epoch below one already promised. */
export interface RejectMessage {
  readonly type: "reject";
  readonly promised: number;
}

/** View change, phase 2: the new view's members and the state they all start from. */
export interface StartViewMessage {
  readonly type: "start-view";
  readonly epoch: number;
  readonly members: readonly NodeId[];
  readonly state: ReplicaState;
}

/** A member took the new view's state. */
export interface StartViewAckMessage {
  readonly type: "start-view-ack";
  readonly epoch: number;
}

/** The primary's next operation, number `count` in the total order. */
export interface ReplicateMessage {
  readonly type: "replicate";
  readonly epoch: number;
  readonly count: number;
  readonly client: string;
  readonly op: KvOp;
}

/** A backup applied (or already had) operation `count`. */
export interface ReplicateAckMessage {
  readonly type: "replicate-ack";
  readonly epoch: number;
  readonly count: number;
}

/** Bug `async-replication` only: the primary's whole state, shipped after the fact. */
export interface ShipStateMessage {
  readonly type: "ship-state";
  readonly epoch: number;
  readonly state: ReplicaState;
}

/** The primary is alive (sent to every node, members or not). */
export interface HeartbeatMessage {
  readonly type: "heartbeat";
  readonly epoch: number;
}

/** A node outside the primary's view asks to be taken in. */
export interface JoinMessage {
  readonly type: "join";
  readonly epoch: number;
}

/** Any primary-backup message. */
export type PrimaryBackupMessage =
  | PrepareMessage
  | PromiseMessage
  | RejectMessage
  | StartViewMessage
  | StartViewAckMessage
  | ReplicateMessage
  | ReplicateAckMessage
  | ShipStateMessage
  | HeartbeatMessage
  | JoinMessage;

/** Whether `body` looks like a primary-backup message (a type and an integer epoch, where it has one). */
export function isPrimaryBackupMessage(body: unknown): body is PrimaryBackupMessage {
  if (typeof body !== "object" || body === null) return false;
  const { type, epoch, promised } = body as { type?: unknown; epoch?: unknown; promised?: unknown };
  if (type === "reject") return Number.isSafeInteger(promised);
  return typeof type === "string" && Number.isSafeInteger(epoch);
}
