/**
 * Watches a simulation as it runs and keeps what the viewer needs to show any point of the
 * run afterwards: the scan columns of every trace event, each node's `inspect()` summary
 * whenever an event may have changed it, and the cluster's fault state after every fault.
 *
 * The kernel records every event through `Trace.record`, and nothing else sees them all,
 * so the recorder wraps that one method of the run's trace (for this run only; it reads and
 * never changes what is recorded, so the trace hash stays that of the original run).
 *
 * When to sample a summary: a node's state can change only while one of its handlers runs
 * (start, message, timer, client request, with their promise continuations), and a handler
 * has always finished before the next kernel event is recorded. So the recorder marks the
 * node an event is delivered to, and samples the marked nodes at the next event that
 * begins a kernel step, dating the sample at the marking event.
 */
import type { Simulation } from "../../src/sim/simulation.js";
import { TraceKind, type TraceKindCode } from "../../src/sim/trace.js";
import type { ClusterSnapshot } from "./cluster-timeline.js";
import { ClusterTimeline } from "./cluster-timeline.js";
import { partitionView } from "./partition-groups.js";
import { SummaryTimeline } from "./summary-timeline.js";
import { TraceColumns } from "./trace-columns.js";

/** Kinds recorded while a node's handler is still running (they never begin a kernel step). */
const WITHIN_HANDLER: ReadonlySet<number> = new Set<number>([
  TraceKind.send,
  TraceKind.drop,
  TraceKind.duplicate,
  TraceKind.log,
  TraceKind.clientReply,
  TraceKind.report,
  TraceKind.nodeFailure,
]);

/** Kinds after which the cluster's fault state is sampled. */
const FAULT_STATE_KINDS: ReadonlySet<number> = new Set<number>([
  TraceKind.crash,
  TraceKind.restart,
  TraceKind.pause,
  TraceKind.resume,
  TraceKind.clock,
  TraceKind.network,
]);

/** What the recorder kept, once the run is over. */
export interface RecordedState {
  readonly columns: TraceColumns;
  readonly summaries: SummaryTimeline;
  readonly cluster: ClusterTimeline;
  /** Message and request ids to the index of the event that sent them. */
  readonly origins: ReadonlyMap<number, number>;
  /** Request ids to the index of the node's reply. */
  readonly replies: ReadonlyMap<number, number>;
}

/** Records a simulation's states for the viewer; attach it before the run starts. */
export class StateRecorder {
  readonly #sim: Simulation;
  readonly #nodeCount: number;
  readonly #columns = new TraceColumns();
  readonly #summaries: SummaryTimeline;
  readonly #cluster = new ClusterTimeline();
  readonly #origins = new Map<number, number>();
  readonly #replies = new Map<number, number>();
  /** Nodes marked for sampling, and the index of the event that marked each. */
  readonly #marked: number[] = [];
  readonly #markedAt: Int32Array;

  /** Attaches to `sim`, which must keep a full trace and must not have started. */
  constructor(sim: Simulation) {
    if (sim.trace.mode !== "full") throw new Error("the state recorder needs a full trace");
    this.#sim = sim;
    this.#nodeCount = sim.nodeIds.length;
    this.#summaries = new SummaryTimeline(this.#nodeCount);
    this.#markedAt = new Int32Array(this.#nodeCount).fill(-1);
    this.#cluster.push(this.#snapshot(-1, 0));
    const trace = sim.trace;
    const record = trace.record.bind(trace);
    trace.record = (kind, timeUs, node, peer, detail, digest) => {
      if (!WITHIN_HANDLER.has(kind)) this.#sampleMarked();
      const index = record(kind, timeUs, node, peer, detail, digest);
      this.#observe(index, kind, timeUs, node, peer, detail);
      return index;
    };
  }

  /** Samples what is still marked (call once the run has ended) and returns what was kept. */
  finish(): RecordedState {
    this.#sampleMarked();
    return {
      columns: this.#columns,
      summaries: this.#summaries,
      cluster: this.#cluster,
      origins: this.#origins,
      replies: this.#replies,
    };
  }

  #observe(
    index: number,
    kind: TraceKindCode,
    timeUs: number,
    node: number,
    peer: number,
    detail: number,
  ): void {
    // Clock events carry the clock delta where other events carry the peer.
    this.#columns.push(kind, node, kind === TraceKind.clock ? -1 : peer, timeUs);
    switch (kind) {
      case TraceKind.send:
      case TraceKind.clientRequest:
        if (!this.#origins.has(detail)) this.#origins.set(detail, index);
        return;
      case TraceKind.clientReply:
        this.#replies.set(detail, index);
        return;
      case TraceKind.deliver:
      case TraceKind.clientDeliver:
        this.#mark(peer, index);
        return;
      case TraceKind.start:
      case TraceKind.timer:
        this.#mark(node, index);
        return;
    }
    if (FAULT_STATE_KINDS.has(kind)) {
      this.#cluster.push(this.#snapshot(index, timeUs));
      if (kind === TraceKind.crash) this.#mark(node, index);
    }
  }

  #mark(node: number, index: number): void {
    if (node < 0 || node >= this.#nodeCount) return;
    if (this.#markedAt[node] === -1) this.#marked.push(node);
    this.#markedAt[node] = index;
  }

  #sampleMarked(): void {
    if (this.#marked.length === 0) return;
    for (const node of this.#marked) {
      this.#summaries.record(node, this.#markedAt[node]!, this.#inspect(node));
      this.#markedAt[node] = -1;
    }
    this.#marked.length = 0;
  }

  #inspect(node: number): ReturnType<Simulation["inspect"]> {
    try {
      return this.#sim.inspect(this.#sim.nodeIds[node]!);
    } catch (error) {
      return { inspectError: error instanceof Error ? error.message : String(error) };
    }
  }

  #snapshot(index: number, timeUs: number): ClusterSnapshot {
    const sim = this.#sim;
    const nodeIds = sim.nodeIds;
    return {
      index,
      timeUs,
      statuses: nodeIds.map((id) => sim.status(id)),
      partition: partitionView(nodeIds, (from, to) => sim.network.isCut(from, to)),
      clocks: nodeIds.map((id) => sim.clock(id)),
    };
  }
}
