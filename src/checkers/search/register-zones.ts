/**
 * Deciding a register partition without searching orders, when every operation is a plain
 * read or write and no two writes write equal values (so every read says which write it
 * saw). Gibbons and Korach ("Testing Shared Memories", SIAM J. Comput. 1997) show that such
 * a history is linearizable exactly when its clusters' zones fit together:
 *
 * - a cluster is a write and the reads that saw it (the initial value is a write that
 *   finished before anything began);
 * - its zone runs from f, the earliest completion among its operations, to s, the latest
 *   invocation. When f < s (a forward zone) the write must take effect before f and its
 *   last read after s, so the register holds that write's value throughout (f, s);
 *   otherwise (a backward zone) the whole cluster can take effect at one instant in [s, f];
 * - no two forward zones may overlap, and no backward zone may lie inside a forward one.
 *
 * This takes O(n log n) where the search's orders grow exponentially with concurrency, which
 * matters most for a violation: the search must try every order before it can say none
 * works. The answer is never taken on trust: "linearizable" comes with a linearization
 * that is replayed through the model and checked against real time, and a conflict comes
 * with the few operations involved, which the caller searches on their own to confirm and
 * explain it. Anything that does not check out falls back to the full search.
 */
import type { Model } from "../model.js";
import type { PreparedPartition } from "../prepare-history.js";

/** What the zones say of a partition, in partition-local operation indices. */
export type ZoneOutcome =
  | { readonly kind: "linearizable"; readonly order: readonly number[] }
  | { readonly kind: "violation"; readonly core: readonly number[] };

const INITIAL = -1;

/** A write and the completed reads that saw it. */
interface Cluster {
  /** The write's operation index; INITIAL for the initial value. */
  readonly write: number;
  readonly reads: number[];
  /** The earliest completion among its operations, and the operation that completed then. */
  f: number;
  fOp: number;
  /** The latest invocation among its operations, and the operation invoked then. */
  s: number;
  sOp: number;
}

/** Invocation and completion positions of a partition's operations. */
interface Bounds {
  readonly invoke: Float64Array;
  readonly finish: Float64Array;
  readonly ok: Uint8Array;
}

function boundsOf<Op>(partition: PreparedPartition<Op>): Bounds {
  const count = partition.operations.length;
  const invoke = new Float64Array(count);
  const finish = new Float64Array(count);
  const ok = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const operation = partition.operations[index]!;
    invoke[index] = operation.invokeIndex;
    ok[index] = operation.status === "ok" ? 1 : 0;
    finish[index] = ok[index] === 1 ? operation.completeIndex! : Number.POSITIVE_INFINITY;
  }
  return { invoke, finish, ok };
}

function newCluster(write: number, bounds: Bounds): Cluster {
  if (write === INITIAL) {
    const f = Number.NEGATIVE_INFINITY;
    return { write, reads: [], f, fOp: INITIAL, s: f, sOp: INITIAL };
  }
  const { invoke, finish } = bounds;
  return { write, reads: [], f: finish[write]!, fOp: write, s: invoke[write]!, sOp: write };
}

type Clustering = { readonly clusters: Cluster[] } | { readonly core: number[] } | undefined;

/**
 * Groups reads with the writes they saw. Undefined when the zones do not apply (an
 * operation that is not a plain read or write, two writes of equal values, a write of the
 * initial value); a core when a read cannot have seen any write.
 */
function clusterOperations<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  bounds: Bounds,
): Clustering {
  const initial = model.init();
  const clusters: Cluster[] = [newCluster(INITIAL, bounds)];
  const writesByHash = new Map<number, Cluster[]>();
  const reads: { readonly index: number; readonly state: State }[] = [];
  for (let index = 0; index < partition.ops.length; index++) {
    const access = model.registerAccess!(partition.ops[index]!);
    if (access === undefined) return undefined;
    if (access.kind === "read") {
      if (bounds.ok[index] === 1) reads.push({ index, state: access.state });
      continue;
    }
    if (model.equal(access.state, initial)) return undefined;
    const hash = model.hash(access.state);
    const sameHash = writesByHash.get(hash) ?? [];
    for (const other of sameHash) {
      if (model.equal(model.registerAccess!(partition.ops[other.write]!)!.state, access.state))
        return undefined;
    }
    const cluster = newCluster(index, bounds);
    sameHash.push(cluster);
    writesByHash.set(hash, sameHash);
    clusters.push(cluster);
  }
  for (const { index, state } of reads) {
    const cluster = model.equal(state, initial)
      ? clusters[0]!
      : writesByHash
          .get(model.hash(state))
          ?.find((candidate) =>
            model.equal(model.registerAccess!(partition.ops[candidate.write]!)!.state, state),
          );
    if (cluster === undefined) return { core: [index] };
    if (cluster.write !== INITIAL && bounds.finish[index]! < bounds.invoke[cluster.write]!)
      return { core: [cluster.write, index] };
    cluster.reads.push(index);
  }
  return { clusters: clusters.filter((cluster) => settleCluster(cluster, bounds)) };
}

/** Computes a cluster's zone; false when it has nothing to order (no op must take effect). */
function settleCluster(cluster: Cluster, bounds: Bounds): boolean {
  const { write, reads } = cluster;
  if (reads.length === 0 && (write === INITIAL || bounds.ok[write] === 0)) return false;
  for (const read of reads) {
    if (bounds.finish[read]! < cluster.f) {
      cluster.f = bounds.finish[read]!;
      cluster.fOp = read;
    }
    if (bounds.invoke[read]! > cluster.s) {
      cluster.s = bounds.invoke[read]!;
      cluster.sOp = read;
    }
  }
  return true;
}

function isForward(cluster: Cluster): boolean {
  return cluster.f < cluster.s;
}

/** The operations that pin two clusters' zones: enough to show they conflict. */
function conflictCore(a: Cluster, b: Cluster): number[] {
  const core = new Set<number>();
  for (const cluster of [a, b]) {
    for (const index of [cluster.write, cluster.fOp, cluster.sOp]) {
      if (index !== INITIAL) core.add(index);
    }
  }
  return [...core].sort((x, y) => x - y);
}

/** The forward zone (sorted by start) that contains `position`, if any. */
function forwardZoneAt(forward: readonly Cluster[], position: number): Cluster | undefined {
  let low = 0;
  let high = forward.length - 1;
  let found: Cluster | undefined;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (forward[middle]!.f < position) {
      found = forward[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found !== undefined && position < found.s ? found : undefined;
}

/** The first pair of clusters whose zones conflict, or undefined when none do. */
function findConflict(clusters: readonly Cluster[]): [Cluster, Cluster] | undefined {
  const forward = clusters.filter(isForward).sort((a, b) => a.f - b.f);
  for (let index = 1; index < forward.length; index++) {
    if (forward[index]!.f < forward[index - 1]!.s) return [forward[index - 1]!, forward[index]!];
  }
  for (const cluster of clusters) {
    if (isForward(cluster)) continue;
    const around = forwardZoneAt(forward, cluster.s);
    if (around !== undefined && cluster.f < around.s) return [around, cluster];
  }
  return undefined;
}

/**
 * Linearization points for clusters whose zones fit: a forward cluster's write just before
 * f and each read as early as it may after that; a backward cluster as one block at an
 * instant in [s, f] outside every forward zone. Positions are distinct event indices, so
 * the fractions keep points of different clusters apart.
 */
function linearizationOrder(clusters: readonly Cluster[], bounds: Bounds): number[] {
  const forward = clusters.filter(isForward).sort((a, b) => a.f - b.f);
  const points: number[] = [];
  const operations: number[] = [];
  const place = (point: number, operation: number) => {
    points.push(point);
    operations.push(operation);
  };
  for (const cluster of clusters) {
    if (isForward(cluster)) {
      if (cluster.write !== INITIAL) place(cluster.f - 0.5, cluster.write);
      for (const read of cluster.reads) {
        place(Math.max(bounds.invoke[read]! + 0.25, cluster.f - 0.25), read);
      }
      continue;
    }
    const around = forwardZoneAt(forward, cluster.s);
    const instant = around === undefined ? cluster.s + 0.1 : around.s + 0.3;
    if (cluster.write !== INITIAL) place(instant, cluster.write);
    for (const read of cluster.reads) place(instant, read);
  }
  const byPoint = operations.map((_, index) => index);
  byPoint.sort((a, b) => points[a]! - points[b]! || a - b);
  return byPoint.map((index) => operations[index]!);
}

/** Whether `order` replays through the model, keeps real time, and places every known op. */
function isLinearization<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
  bounds: Bounds,
  order: readonly number[],
): boolean {
  const placed = new Uint8Array(partition.ops.length);
  let state = model.init();
  for (const index of order) {
    if (placed[index] === 1) return false;
    placed[index] = 1;
    const step = model.step(state, partition.ops[index]!);
    if (!step.legal) return false;
    state = step.state;
  }
  for (let index = 0; index < placed.length; index++) {
    if (bounds.ok[index] === 1 && placed[index] === 0) return false;
  }
  let earliestLaterFinish = Number.POSITIVE_INFINITY;
  for (let at = order.length - 1; at >= 0; at--) {
    const index = order[at]!;
    if (bounds.invoke[index]! > earliestLaterFinish) return false;
    earliestLaterFinish = Math.min(earliestLaterFinish, bounds.finish[index]!);
  }
  return true;
}

/**
 * Decides a partition by its zones, or returns undefined when they do not apply (or when
 * the linearization they give does not check out, which sends the partition to the search).
 */
export function decideByZones<State, Op>(
  model: Model<State, Op>,
  partition: PreparedPartition<Op>,
): ZoneOutcome | undefined {
  if (model.registerAccess === undefined || partition.ops.length === 0) return undefined;
  const bounds = boundsOf(partition);
  const clustering = clusterOperations(model, partition, bounds);
  if (clustering === undefined) return undefined;
  if ("core" in clustering) return { kind: "violation", core: clustering.core };
  const conflict = findConflict(clustering.clusters);
  if (conflict !== undefined) return { kind: "violation", core: conflictCore(...conflict) };
  const order = linearizationOrder(clustering.clusters, bounds);
  return isLinearization(model, partition, bounds, order)
    ? { kind: "linearizable", order }
    : undefined;
}
