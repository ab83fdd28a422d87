/**
 * Versions of values in `kv-quorum`, ordered for last-writer-wins: by `counter`, then by
 * the writing node's name (so two writes never tie). With `versioned` timestamps the
 * counter is one more than the highest a quorum has seen; with `wall-clock` it is the
 * coordinator's clock in microseconds.
 */
import type { NodeId } from "../../../sim/node-api.js";
import { compareNodeIds } from "../cluster-order.js";

/** A value's version. */
export interface Version {
  readonly counter: number;
  readonly node: NodeId;
}

/** The version of a key that was never written. */
export const ZERO_VERSION: Version = { counter: 0, node: "" };

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: Version, b: Version): number {
  if (a.counter !== b.counter) return a.counter - b.counter;
  return compareNodeIds(a.node, b.node);
}

/** Whether `value` is a well-formed version. */
export function isVersion(value: unknown): value is Version {
  if (typeof value !== "object" || value === null) return false;
  const { counter, node } = value as Partial<Version>;
  return Number.isSafeInteger(counter) && typeof node === "string";
}
