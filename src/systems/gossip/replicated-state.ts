/**
 * The state a gossip node replicates, as a plug-in: the node brings membership, epidemic
 * broadcast, anti-entropy and persistence; the state brings what its updates mean. The
 * reference system plugs in a grow-only set of integers; the Yjs example plugs in a Yjs
 * document. Updates and digests must be plain JSON data: they travel in messages and are
 * appended to the node's disk.
 *
 * The state must be a join-semilattice (a state-based CRDT): applying the same updates in
 * any order, any number of times, gives the same state. That is what lets gossip deliver
 * them late, twice, or out of order.
 */
import type { ClientResult, SetOp } from "../../workload/protocol.js";

/** What serving one client operation did. */
export interface ServedOperation {
  /** The answer for the client. */
  readonly result: ClientResult;
  /** The update to persist and broadcast, when the operation changed the state. */
  readonly update?: unknown;
}

/** A replicated state that gossip can carry. */
export interface ReplicatedState {
  /** Serves a client operation (`add` or `read-set`). */
  serve(op: SetOp): ServedOperation;
  /**
   * Merges an update from a peer, the disk, or anti-entropy. Returns the part that was new
   * (to persist and pass on), or undefined when the update taught nothing new. Must not
   * throw on a malformed update: ignore it and return undefined.
   */
  apply(update: unknown): unknown;
  /** A short summary of the state; two replicas with equal digests hold equal states. */
  digest(): string;
  /** What a replica whose digest is `peerDigest` may lack (undefined: nothing). */
  deltaFor(peerDigest: string): unknown;
  /** The members of the set, sorted ascending (for clients, inspection and checkers). */
  values(): readonly number[];
}

/** Builds a fresh, empty state for one life of a node (the node replays its disk into it). */
export type ReplicatedStateFactory = (init: { readonly random: () => number }) => ReplicatedState;
