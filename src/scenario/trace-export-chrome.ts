/**
 * Exports a run's trace in the Trace Event format that Perfetto (ui.perfetto.dev) and
 * chrome://tracing open, so a run can be explored in a timeline viewer: one track per node
 * and one per client thread (process `p12` of 5 threads runs on `c2`), virtual
 * microseconds as the timestamps. On a node's track, each handler run (start, delivery,
 * timer, client request) is a slice holding what it did (sends, replies, log lines) as
 * instants; virtual time does not pass inside a handler, so its slice is drawn up to
 * `HANDLER_VISIBLE_US` wide (never past the next handler) to be seen at all. An arrow (a
 * flow) joins each message's send to its delivery, client requests and replies included;
 * a dropped message's arrow ends in a `✕ dropped` slice on the receiver's drops track;
 * crashed and paused periods are slices; client operations are slices from invocation to
 * completion; faults are async slices on the cluster track; the failure is a global
 * instant marked `✗`.
 */

import { dropReasonName, type Trace, type TraceEvent, type TraceKindName } from "../sim/trace.js";
import type { RunResult } from "./run-result.js";

/** One Trace Event (the fields this exporter uses). */
export interface ChromeTraceEvent {
  readonly name: string;
  /** Phase: X complete slice, i instant, s/f flow start/end, b/e async slice, M metadata. */
  readonly ph: "X" | "i" | "s" | "f" | "b" | "e" | "M";
  readonly pid: number;
  readonly tid: number;
  /** Timestamp in microseconds (metadata events have none). */
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly id?: number;
  /** Instant scope (`t`: thread, `g`: global, drawn across every track). */
  readonly s?: "t" | "g";
  /** Flow binding point (`e`: the enclosing slice). */
  readonly bp?: "e";
  readonly args?: Readonly<Record<string, unknown>>;
}

/** The whole file: events plus what run they come from. */
export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: "ms";
  readonly otherData: Readonly<Record<string, string | number>>;
}

/** What the export needs besides the trace. */
export interface ChromeTraceRun {
  /** The scenario's name. */
  readonly scenario: string;
  /** The run's result (history, faults, verdict). */
  readonly result: RunResult;
  /** How many endpoints of the trace are nodes (the first ones); the rest are clients. */
  readonly nodes: number;
  /**
   * How many client threads the workload ran (process `p` runs on thread `p mod clients`);
   * when given, clients get one track per thread instead of one per process.
   */
  readonly clients?: number;
}

const CLUSTER_PID = 1;
const CLIENTS_PID = 2;
/** The cluster-wide track (network changes, notes, faults). */
const CLUSTER_TID = 0;
/** Widest a handler's slice is drawn, in microseconds (it is cut at the next handler). */
const HANDLER_VISIBLE_US = 200;
/** Drops tracks: node `i`'s is thread `DROPS_TID + i`. */
const DROPS_TID = 1000;
/** Flow ids of client requests and of replies, apart from node messages' own ids. */
const REQUEST_FLOW = 1_000_000_000;
const REPLY_FLOW = 2_000_000_000;
/** Longest payload text kept in an event's arguments. */
const BODY_CHARS = 200;

/** Kinds that run a node's handler: they become slices, the rest instants. */
const HANDLER_KINDS: ReadonlySet<TraceKindName> = new Set([
  "start",
  "deliver",
  "timer",
  "clientDeliver",
]);

/**
 * The Trace Event document of a run whose trace was kept in full.
 *
 * @example
 * ```ts
 * let sim: Simulation | undefined;
 * const result = await runScenario(scenario, 7, { trace: "full", onSimulation: (s) => (sim = s) });
 * const doc = chromeTrace(sim!.trace, { scenario: scenario.name, result, nodes: scenario.nodes });
 * await writeFile("run.json", formatChromeTrace(doc));
 * ```
 */
export function chromeTrace(trace: Trace, run: ChromeTraceRun): ChromeTrace {
  const tracks = new TrackTable(trace, run.nodes, run.clients);
  const events: ChromeTraceEvent[] = [];
  const delivered = new Set<number>();
  const open = new Map<string, { readonly name: string; readonly ts: number }>();
  const widths = new HandlerWidths();
  for (const event of trace.events()) {
    const track = tracks.trackOf(event);
    for (const made of eventsFor(event, track, delivered, tracks)) {
      events.push(made);
      if (made.ph === "X" && HANDLER_KINDS.has(event.kind)) widths.add(events.length - 1, made);
    }
    statusSlices(event, track, open, events);
  }
  widths.apply(events);
  for (const [key, span] of open) {
    const [pid, tid] = key.split(":").map(Number) as [number, number];
    events.push({
      name: span.name,
      ph: "X",
      cat: "status",
      pid,
      tid,
      ts: span.ts,
      dur: Math.max(0, run.result.virtualUs - span.ts),
    });
  }
  events.push(
    ...faultSlices(run.result),
    ...operationSlices(run.result, tracks),
    ...violationMarks(run.result),
  );
  return {
    traceEvents: [...tracks.metadata(run), ...events],
    displayTimeUnit: "ms",
    otherData: {
      scenario: run.scenario,
      seed: run.result.seed,
      traceHash: run.result.traceHash,
      verdict: run.result.ok ? "pass" : `fail: ${run.result.failure?.reason ?? ""}`,
    },
  };
}

/** The document as text: one event per line, so that large files stay diffable and greppable. */
export function formatChromeTrace(document: ChromeTrace): string {
  const lines = document.traceEvents.map((event) => JSON.stringify(event));
  return `{"displayTimeUnit":"ms","otherData":${JSON.stringify(document.otherData)},"traceEvents":[\n${lines.join(",\n")}\n]}\n`;
}

/** Which process and thread each endpoint's events go to. */
class TrackTable {
  readonly #endpoints: readonly string[];
  readonly #nodes: number;
  readonly #threads: number | undefined;
  readonly #clients = new Map<string, number>();
  readonly #drops = new Set<number>();

  constructor(trace: Trace, nodes: number, threads: number | undefined) {
    this.#endpoints = trace.endpoints;
    this.#nodes = nodes;
    this.#threads = threads;
    const clients = trace.endpoints.slice(nodes).map((name) => this.#threadOf(name));
    clients.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    for (const name of clients) this.client(name);
  }

  /** The client thread an endpoint (`c12`) runs on (`c2` of 5 threads). */
  #threadOf(endpoint: string): string {
    const match = /^c(\d+)$/.exec(endpoint);
    if (match === null || this.#threads === undefined) return endpoint;
    return `c${Number(match[1]) % this.#threads}`;
  }

  /** Whether `endpoint` is a client (not one of the nodes). */
  isClient(endpoint: string | undefined): boolean {
    if (endpoint === undefined) return false;
    const index = this.#endpoints.indexOf(endpoint);
    return index >= this.#nodes;
  }

  /** The track where messages to `endpoint` that were dropped end. */
  dropsOf(endpoint: string | undefined): { readonly pid: number; readonly tid: number } {
    const index = endpoint === undefined ? -1 : this.#endpoints.indexOf(endpoint);
    if (index >= 0 && index < this.#nodes) {
      this.#drops.add(index);
      return { pid: CLUSTER_PID, tid: DROPS_TID + index };
    }
    return { pid: CLIENTS_PID, tid: this.client(endpoint ?? "client") };
  }

  /** The track of an event: the endpoint whose code ran or acted. */
  trackOf(event: TraceEvent): { readonly pid: number; readonly tid: number } {
    const receiving =
      event.kind === "deliver" || event.kind === "clientDeliver" || event.kind === "clientResponse";
    const endpoint = receiving
      ? event.peer
      : event.kind === "clock"
        ? event.node
        : (event.node ?? event.peer);
    if (endpoint === undefined) return { pid: CLUSTER_PID, tid: CLUSTER_TID };
    const index = this.#endpoints.indexOf(endpoint);
    if (index >= 0 && index < this.#nodes) return { pid: CLUSTER_PID, tid: index + 1 };
    return { pid: CLIENTS_PID, tid: this.client(endpoint) };
  }

  /** The thread of client endpoint `endpoint` (allocated on first use). */
  client(endpoint: string): number {
    const name = this.#threadOf(endpoint);
    let tid = this.#clients.get(name);
    if (tid === undefined) {
      tid = this.#clients.size + 1;
      this.#clients.set(name, tid);
    }
    return tid;
  }

  metadata(run: ChromeTraceRun): ChromeTraceEvent[] {
    const name = (pid: number, tid: number, text: string): ChromeTraceEvent[] => [
      { name: "thread_name", ph: "M", pid, tid, args: { name: text } },
      { name: "thread_sort_index", ph: "M", pid, tid, args: { sort_index: tid } },
    ];
    return [
      {
        name: "process_name",
        ph: "M",
        pid: CLUSTER_PID,
        tid: 0,
        args: { name: `${run.scenario} seed ${run.result.seed}: nodes` },
      },
      { name: "process_name", ph: "M", pid: CLIENTS_PID, tid: 0, args: { name: "clients" } },
      ...name(CLUSTER_PID, CLUSTER_TID, "network and faults"),
      ...this.#endpoints
        .slice(0, this.#nodes)
        .flatMap((node, index) => name(CLUSTER_PID, index + 1, node)),
      ...[...this.#drops]
        .sort((a, b) => a - b)
        .flatMap((index) =>
          name(CLUSTER_PID, DROPS_TID + index, `${this.#endpoints[index]} drops`),
        ),
      ...[...this.#clients].flatMap(([client, tid]) => name(CLIENTS_PID, tid, client)),
    ];
  }
}

/** The flow id of a message event: node messages, client requests and replies apart. */
function flowId(event: TraceEvent, nodes: TrackTable): number | undefined {
  switch (event.kind) {
    case "send":
    case "deliver":
      return event.detail;
    case "clientRequest":
    case "clientDeliver":
      return REQUEST_FLOW + event.detail;
    case "clientReply":
    case "clientResponse":
      return REPLY_FLOW + event.detail;
    case "drop":
      return nodes.isClient(event.node)
        ? REQUEST_FLOW + event.detail
        : nodes.isClient(event.peer)
          ? REPLY_FLOW + event.detail
          : event.detail;
    default:
      return undefined;
  }
}

const FLOW_STARTS: ReadonlySet<TraceKindName> = new Set(["send", "clientRequest", "clientReply"]);
const FLOW_ENDS: ReadonlySet<TraceKindName> = new Set([
  "deliver",
  "clientDeliver",
  "clientResponse",
]);

function flow(
  phase: "s" | "f",
  id: number,
  track: { readonly pid: number; readonly tid: number },
  ts: number,
): ChromeTraceEvent {
  return {
    name: "message",
    cat: "flow",
    ph: phase,
    id,
    pid: track.pid,
    tid: track.tid,
    ts,
    ...(phase === "f" ? { bp: "e" as const } : {}),
  };
}

function eventsFor(
  event: TraceEvent,
  track: { readonly pid: number; readonly tid: number },
  delivered: Set<number>,
  tracks: TrackTable,
): ChromeTraceEvent[] {
  const base = {
    name: nameOf(event),
    cat: event.kind,
    pid: track.pid,
    tid: track.tid,
    ts: event.timeUs,
    args: argsOf(event),
  };
  const id = flowId(event, tracks);
  if (event.kind === "drop" && id !== undefined) {
    const drops = tracks.dropsOf(event.peer);
    const marker: ChromeTraceEvent = { ...base, ...drops, name: `✕ ${base.name}`, ph: "X", dur: 1 };
    return [{ ...base, ph: "i", s: "t" }, marker, flow("f", id, drops, event.timeUs)];
  }
  const made: ChromeTraceEvent[] = [
    HANDLER_KINDS.has(event.kind) ? { ...base, ph: "X", dur: 1 } : { ...base, ph: "i", s: "t" },
  ];
  if (id === undefined) return made;
  if (FLOW_STARTS.has(event.kind)) made.push(flow("s", id, track, event.timeUs));
  else if (FLOW_ENDS.has(event.kind) && !delivered.has(id)) {
    delivered.add(id);
    made.push(flow("f", id, track, event.timeUs));
  }
  return made;
}

/**
 * Widens handler slices so they can be seen: each up to `HANDLER_VISIBLE_US`, but never
 * into the next handler on its track (slices on a track must nest, not overlap).
 */
class HandlerWidths {
  readonly #last = new Map<string, number>();
  readonly #widths = new Map<number, number>();
  readonly #pending: number[] = [];

  add(position: number, slice: ChromeTraceEvent): void {
    const key = `${slice.pid}:${slice.tid}`;
    const previous = this.#last.get(key);
    if (previous !== undefined) this.#widths.set(previous, slice.ts!);
    this.#last.set(key, position);
    this.#pending.push(position);
  }

  apply(events: ChromeTraceEvent[]): void {
    for (const position of this.#pending) {
      const slice = events[position]!;
      const next = this.#widths.get(position);
      const room = next === undefined ? HANDLER_VISIBLE_US : next - slice.ts!;
      events[position] = { ...slice, dur: Math.max(1, Math.min(HANDLER_VISIBLE_US, room)) };
    }
  }
}

/** The failure, as a global instant at the moment it shows: the ✗ on the timeline. */
function violationMarks(result: RunResult): ChromeTraceEvent[] {
  const failure = result.failure;
  if (failure === undefined) return [];
  const checked = result.linearizability;
  const blocker = checked?.verdict === "violation" ? checked.explanation.blocker : undefined;
  const ts =
    blocker === undefined
      ? result.virtualUs
      : (blocker.operation.completeTime ?? blocker.operation.invokeTime ?? result.virtualUs);
  const what =
    blocker === undefined
      ? failure.message
      : `p${String(blocker.operation.process)} ${blocker.description} cannot be linearized`;
  return [
    {
      name: `✗ ${failure.reason}: ${what}`,
      cat: "violation",
      ph: "i",
      s: "g",
      pid: CLUSTER_PID,
      tid: CLUSTER_TID,
      ts,
      args: { reason: failure.reason, message: failure.message },
    },
  ];
}

/** Crashed and paused periods of nodes, closed when the node restarts or resumes. */
function statusSlices(
  event: TraceEvent,
  track: { readonly pid: number; readonly tid: number },
  open: Map<string, { readonly name: string; readonly ts: number }>,
  events: ChromeTraceEvent[],
): void {
  const key = `${track.pid}:${track.tid}`;
  if (event.kind === "crash" || event.kind === "pause") {
    open.set(key, { name: event.kind === "crash" ? "crashed" : "paused", ts: event.timeUs });
    return;
  }
  if (event.kind !== "restart" && event.kind !== "resume") return;
  const span = open.get(key);
  if (span === undefined) return;
  open.delete(key);
  events.push({
    name: span.name,
    ph: "X",
    cat: "status",
    pid: track.pid,
    tid: track.tid,
    ts: span.ts,
    dur: event.timeUs - span.ts,
  });
}

function faultSlices(result: RunResult): ChromeTraceEvent[] {
  return result.faults.flatMap((fault) => {
    const end = fault.endUs ?? result.virtualUs;
    const common = {
      name: fault.description,
      cat: "fault",
      id: fault.episode + 1,
      pid: CLUSTER_PID,
      tid: CLUSTER_TID,
    };
    return [
      {
        ...common,
        ph: "b" as const,
        ts: fault.atUs,
        args: fault.skipped === undefined ? {} : { skipped: fault.skipped },
      },
      { ...common, ph: "e" as const, ts: end },
    ];
  });
}

function operationSlices(result: RunResult, tracks: TrackTable): ChromeTraceEvent[] {
  const open = new Map<number, (typeof result.history)[number]>();
  const slices: ChromeTraceEvent[] = [];
  const slice = (
    invoke: (typeof result.history)[number],
    end: (typeof result.history)[number] | undefined,
  ) => {
    const endUs = end?.time ?? result.virtualUs;
    slices.push({
      name: `${invoke.f}${invoke.key === undefined ? "" : ` ${invoke.key}`}`,
      cat: "operation",
      ph: "X",
      pid: CLIENTS_PID,
      tid: tracks.client(`c${invoke.process}`),
      ts: invoke.time,
      dur: Math.max(0, endUs - invoke.time),
      args: {
        process: invoke.process,
        input: invoke.value,
        outcome: end?.type ?? "pending",
        output: end?.value,
        error: end?.error,
      },
    });
  };
  for (const event of result.history) {
    if (event.type === "invoke") open.set(event.process, event);
    else {
      const invoke = open.get(event.process);
      open.delete(event.process);
      if (invoke !== undefined) slice(invoke, event);
    }
  }
  for (const invoke of open.values()) slice(invoke, undefined);
  return slices;
}

function nameOf(event: TraceEvent): string {
  const type = typeOf(event.payload);
  if (event.kind === "drop") return `drop (${dropReasonName(event.digest) ?? "?"})`;
  return type === undefined ? event.kind : `${event.kind} ${type}`;
}

function typeOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const record = payload as { type?: unknown; f?: unknown };
  const type = record.type ?? record.f;
  return typeof type === "string" ? type : undefined;
}

function argsOf(event: TraceEvent): Record<string, unknown> {
  const args: Record<string, unknown> = { index: event.index };
  if (event.node !== undefined && event.kind !== "clock") args.from = event.node;
  if (event.peer !== undefined && event.kind !== "clock") args.to = event.peer;
  if (event.detail !== 0) args.detail = event.detail;
  if (event.text !== undefined) args.text = event.text;
  if (event.payload !== undefined) args.body = shortJson(event.payload);
  return args;
}

function shortJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}…` : text;
}
