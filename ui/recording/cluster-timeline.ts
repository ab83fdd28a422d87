/**
 * The cluster's fault state over the run: which nodes are up, crashed or paused, how the
 * network is partitioned, and how far each node's clock is off. It only changes at fault
 * events, so it is stored as a snapshot after each of them and looked up by trace index.
 */
import type { NodeStatus } from "../../src/sim/node-slot.js";
import type { PartitionView } from "./partition-groups.js";

/** A node's clock at a snapshot: its offset then, and how fast it drifts from there. */
export interface ClockSample {
  /** Local minus true time, in microseconds, at the snapshot's time. */
  readonly offsetUs: number;
  /** Drift in parts per million (positive: runs fast). */
  readonly driftPpm: number;
}

/** The cluster's fault state from trace index `index` on. */
export interface ClusterSnapshot {
  /** The trace index it holds from (-1: from the start). */
  readonly index: number;
  /** Virtual time of that event, in microseconds. */
  readonly timeUs: number;
  /** Each node's status, in node order. */
  readonly statuses: readonly NodeStatus[];
  /** The network's partition, seen from each node. */
  readonly partition: PartitionView;
  /** Each node's clock, in node order. */
  readonly clocks: readonly ClockSample[];
}

/** Snapshots of the cluster's fault state, in trace order. */
export class ClusterTimeline {
  readonly #snapshots: ClusterSnapshot[] = [];

  /** Appends a snapshot; indexes must increase. */
  push(snapshot: ClusterSnapshot): void {
    this.#snapshots.push(snapshot);
  }

  /** Number of snapshots. */
  get length(): number {
    return this.#snapshots.length;
  }

  /** The state as of trace index `index` (after that event). */
  at(index: number): ClusterSnapshot {
    const snapshots = this.#snapshots;
    let low = 0;
    let high = snapshots.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (snapshots[middle]!.index <= index) low = middle + 1;
      else high = middle;
    }
    const snapshot = snapshots[Math.max(0, low - 1)];
    if (snapshot === undefined) throw new Error("the cluster timeline has no snapshot");
    return snapshot;
  }
}

/** A node's clock offset at `timeUs`, from a snapshot taken earlier (drift included). */
export function clockOffsetAt(snapshot: ClusterSnapshot, node: number, timeUs: number): number {
  const clock = snapshot.clocks[node]!;
  const elapsed = Math.max(0, timeUs - snapshot.timeUs);
  return clock.offsetUs + Math.round((elapsed * clock.driftPpm) / 1_000_000);
}
