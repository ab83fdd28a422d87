/**
 * A Yjs document as the replicated state of a gossip node: the set lives in a `Y.Map`
 * whose keys are the added integers, and Yjs's own update encoding does the rest. A client
 * `add` becomes a Yjs update; applying a peer's update is `Y.applyUpdate`; the digest is
 * the document's state vector, and what a peer lacks is `Y.encodeStateAsUpdate(doc, its
 * state vector)`: anti-entropy in Yjs's own terms. Updates travel and sit on disk as base64
 * text, since messages and disks hold plain JSON data.
 *
 * Putting third-party code under faultline means keeping it deterministic:
 * - `doc.clientID` (which orders concurrent edits) comes from the node's seeded random
 *   stream, never from Yjs's default (crypto randomness), and is drawn afresh for every life
 *   of a node, as Yjs requires of a process that restarts;
 * - the document's `guid` is given, so Yjs does not draw a random one;
 * - nothing here uses Yjs features that read the clock (the `UndoManager` does, through
 *   `Date.now`).
 * Yjs's dependency lib0 captures `crypto.getRandomValues` and `Date.now` when it is
 * imported, so the simulator's determinism guard cannot intercept those two calls inside
 * Yjs: the constructor still draws a client id we then replace. The replay test (same seed,
 * same trace hash) is what shows no randomness or time leaks into the run.
 */
import * as Y from "yjs";
import type { ReplicatedState, ServedOperation, SetOp } from "../../src/index.js";

/** The name of the map holding the set inside the document. */
const SET_NAME = "set";
/** The largest Yjs client id (they are unsigned 32-bit integers). */
const MAX_CLIENT_ID = 0xffff_ffff;

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function fromBase64(text: unknown): Uint8Array | undefined {
  return typeof text === "string" ? new Uint8Array(Buffer.from(text, "base64")) : undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** A grow-only set of integers kept in a Yjs document. */
export class YjsSetState implements ReplicatedState {
  /** The Yjs document holding the set. */
  readonly doc: Y.Doc;
  readonly #set: Y.Map<boolean>;

  /** A fresh, empty document whose client id is drawn from `random` (the node's stream). */
  constructor(random: () => number) {
    this.doc = new Y.Doc({ guid: "faultline-yjs-set", gc: true });
    this.doc.clientID = Math.floor(random() * MAX_CLIENT_ID);
    this.#set = this.doc.getMap<boolean>(SET_NAME);
  }

  serve(op: SetOp): ServedOperation {
    if (op.f === "read-set") return { result: { type: "ok", value: [...this.values()] } };
    const key = String(op.value);
    if (!Number.isSafeInteger(op.value) || this.#set.has(key)) return { result: { type: "ok" } };
    const before = Y.encodeStateVector(this.doc);
    this.#set.set(key, true);
    return { result: { type: "ok" }, update: toBase64(Y.encodeStateAsUpdate(this.doc, before)) };
  }

  apply(update: unknown): string | undefined {
    const bytes = fromBase64(update);
    if (bytes === undefined) return undefined;
    const before = Y.encodeStateVector(this.doc);
    try {
      Y.applyUpdate(this.doc, bytes);
    } catch {
      return undefined; // a malformed update teaches nothing
    }
    if (sameBytes(before, Y.encodeStateVector(this.doc))) return undefined;
    return toBase64(Y.encodeStateAsUpdate(this.doc, before));
  }

  digest(): string {
    return toBase64(Y.encodeStateVector(this.doc));
  }

  deltaFor(peerDigest: string): string | undefined {
    if (peerDigest === this.digest()) return undefined;
    const peerStateVector = fromBase64(peerDigest);
    if (peerStateVector === undefined) return undefined;
    try {
      return toBase64(Y.encodeStateAsUpdate(this.doc, peerStateVector));
    } catch {
      return undefined;
    }
  }

  values(): readonly number[] {
    return [...this.#set.keys()].map(Number).sort((a, b) => a - b);
  }
}
