/**
 * The client protocol: the operations simulated clients send to a system's nodes (as the
 * `op` of a `ClientRequest`) and the results nodes answer with (`ctx.respond`). Every
 * system that serves clients speaks one of these vocabularies; the workload generates the
 * operations, follows redirects, and records what happened as a history for the checkers.
 *
 * Every operation carries `seq`: the client's sequence number for this logical operation.
 * A retry of the same operation (after a redirect) reuses it, so a system can apply a
 * retried write exactly once by remembering the last `seq` it applied per `request.client`.
 */
import type { NodeId } from "../sim/node-api.js";

/** Read a key; the result's `value` is the current value, or null when absent. */
export interface ReadOp {
  readonly f: "read";
  readonly key: string;
  readonly seq: number;
}

/** Write an integer to a key. */
export interface WriteOp {
  readonly f: "write";
  readonly key: string;
  readonly value: number;
  readonly seq: number;
}

/** Compare-and-set: if the key holds `from`, set it to `to`; otherwise fail with "cas-mismatch". */
export interface CasOp {
  readonly f: "cas";
  readonly key: string;
  readonly from: number;
  readonly to: number;
  readonly seq: number;
}

/** The key-value vocabulary (Raft's KV, the reference KV stores). */
export type KvOp = ReadOp | WriteOp | CasOp;

/** Add an integer to a grow-only set (broadcast systems). */
export interface AddOp {
  readonly f: "add";
  readonly value: number;
  readonly seq: number;
}

/** Read the whole set; the result's `value` is the sorted array of members. */
export interface ReadSetOp {
  readonly f: "read-set";
  readonly seq: number;
}

/** The grow-only set vocabulary (gossip broadcast). */
export type SetOp = AddOp | ReadSetOp;

/**
 * Acquire the lock `key`. Clients that use a lock service the way applications do send it
 * to their application server, which takes the lock, works on the guarded resource while it
 * holds it, and answers `ok` with the lock's fencing token as `value` (or fails: "busy").
 */
export interface AcquireOp {
  readonly f: "acquire";
  readonly key: string;
  readonly seq: number;
}

/** Release the lock `key` (after the application server finished its work under it). */
export interface ReleaseOp {
  readonly f: "release";
  readonly key: string;
  readonly seq: number;
}

/** The lock vocabulary (the coordination service's clients). */
export type LockOp = AcquireOp | ReleaseOp;

/** Any client operation. */
export type ClientOp = KvOp | SetOp | LockOp;

/** What a node answers. */
export type ClientResult =
  /** The operation took effect; reads carry the value read. */
  | { readonly type: "ok"; readonly value?: unknown }
  /** The operation certainly did not take effect (e.g. `cas-mismatch`). */
  | { readonly type: "fail"; readonly error: string }
  /** The operation may or may not have taken effect (e.g. leadership lost mid-way). */
  | { readonly type: "unknown"; readonly error: string }
  /** This node does not serve the operation (it did not take effect): try `leader`, or another node. */
  | { readonly type: "redirect"; readonly leader?: NodeId };

/** The error of a compare-and-set whose expected value did not match. */
export const CAS_MISMATCH = "cas-mismatch";

/** Whether `op` belongs to the key-value vocabulary. */
export function isKvOp(op: unknown): op is KvOp {
  if (typeof op !== "object" || op === null) return false;
  const f = (op as { f?: unknown }).f;
  return f === "read" || f === "write" || f === "cas";
}

/** Whether `op` belongs to the lock vocabulary. */
export function isLockOp(op: unknown): op is LockOp {
  if (typeof op !== "object" || op === null) return false;
  const { f, key } = op as { f?: unknown; key?: unknown };
  return (f === "acquire" || f === "release") && typeof key === "string";
}

/** Whether `op` belongs to the grow-only set vocabulary. */
export function isSetOp(op: unknown): op is SetOp {
  if (typeof op !== "object" || op === null) return false;
  const f = (op as { f?: unknown }).f;
  return f === "add" || f === "read-set";
}
