/**
 * Turns a simulated run (its full trace, with message bodies, and its result: history,
 * faults, verdict) into a `Recording`, the shape the run report, the history export and
 * the other views read. Messages are paired from the trace's send/deliver/drop records
 * (and the client request/reply records), node lifecycle and log lines become node events,
 * and every message and node event keeps its trace event number, so `#N` means the same
 * event in the report, the UI and `replay`.
 */

import type { Fault } from "../nemesis/fault.js";
import type { AppliedFault } from "../nemesis/nemesis.js";
import type {
  RecordedFault,
  RecordedHistoryEvent,
  RecordedMessage,
  RecordedNodeEvent,
  Recording,
} from "../recording/recording.js";
import type { Simulation } from "../sim/simulation.js";
import { dropReasonName, type Trace, type TraceEvent } from "../sim/trace.js";
import type { RunResult } from "./run-result.js";
import { runScenario } from "./run-scenario.js";
import type { Scenario } from "./scenario.js";

/** What the conversion needs. */
export interface RunToRecord {
  /** The scenario's name, node count, client count and linearizability model. */
  readonly scenario: {
    readonly name: string;
    readonly nodes: number;
    readonly workload: { readonly clients: number };
    readonly checks: { readonly linearizability: string | false };
  };
  readonly result: RunResult;
  /** The run's trace, kept in full ("full" mode; with payloads for message bodies). */
  readonly trace: Trace;
  /** The command that replays the run. */
  readonly replay?: string;
}

/** A message being built: mutable until its delivery or drop is seen. */
interface OpenMessage {
  id: number;
  from: string;
  to: string;
  sentUs: number;
  deliveredUs?: number;
  dropped?: string;
  body: unknown;
  duplicate?: boolean;
  process?: number;
  sentEvent: number;
  endEvent?: number;
}

const NODE_EVENT_KINDS = new Set(["crash", "restart", "pause", "resume", "log", "nodeFailure"]);

/** The history process a client endpoint (`c12`) stands for. */
function processOf(endpoint: string | undefined): number | undefined {
  const match = endpoint === undefined ? null : /^c(\d+)$/.exec(endpoint);
  return match === null ? undefined : Number(match[1]);
}

/** Pairs sends with deliveries and drops, in send order. */
class MessageTable {
  readonly messages: OpenMessage[] = [];
  readonly #open = new Map<string, OpenMessage>();

  send(key: string, event: TraceEvent, from: string, to: string, process?: number): void {
    const message: OpenMessage = {
      id: this.messages.length,
      from,
      to,
      sentUs: event.timeUs,
      body: event.payload ?? null,
      sentEvent: event.index,
      ...(process === undefined ? {} : { process }),
    };
    this.messages.push(message);
    this.#open.set(key, message);
  }

  deliver(key: string, event: TraceEvent): void {
    const message = this.#open.get(key);
    if (message === undefined) return;
    if (message.deliveredUs === undefined && message.dropped === undefined) {
      message.deliveredUs = event.timeUs;
      message.endEvent = event.index;
      return;
    }
    this.messages.push({
      ...message,
      id: this.messages.length,
      deliveredUs: event.timeUs,
      endEvent: event.index,
      duplicate: true,
    });
  }

  drop(key: string, event: TraceEvent): void {
    const message = this.#open.get(key);
    if (message === undefined || message.deliveredUs !== undefined) return;
    message.dropped = dropReasonName(event.digest) ?? "dropped";
    message.endEvent = event.index;
  }
}

function collectTrace(trace: Trace): { messages: OpenMessage[]; nodeEvents: RecordedNodeEvent[] } {
  const table = new MessageTable();
  const nodeEvents: RecordedNodeEvent[] = [];
  for (const event of trace.events()) {
    const { node, peer } = event;
    switch (event.kind) {
      case "send":
        table.send(`m${event.detail}`, event, node!, peer!);
        break;
      case "deliver":
        table.deliver(`m${event.detail}`, event);
        break;
      case "drop": {
        const client =
          processOf(node) !== undefined ? "q" : processOf(peer) !== undefined ? "r" : "m";
        table.drop(`${client}${event.detail}`, event);
        break;
      }
      case "clientRequest":
        table.send(`q${event.detail}`, event, node!, peer!, processOf(node));
        break;
      case "clientDeliver":
        table.deliver(`q${event.detail}`, event);
        break;
      case "clientReply":
        table.send(`r${event.detail}`, event, node!, peer!, processOf(peer));
        break;
      case "clientResponse":
        table.deliver(`r${event.detail}`, event);
        break;
      default:
        if (NODE_EVENT_KINDS.has(event.kind) && node !== undefined) {
          nodeEvents.push({
            timeUs: event.timeUs,
            node,
            kind: event.kind === "nodeFailure" ? "failure" : event.kind,
            ...(event.text === undefined ? {} : { text: event.text }),
            event: event.index,
          });
        }
    }
  }
  return { messages: table.messages, nodeEvents };
}

/**
 * The nodes a fault touched: its target; for a partition, the nodes with the most cut
 * links (the isolated node of `isolate`, every node of an even split).
 */
function faultNodes(fault: Fault, nodes: readonly string[]): string[] {
  if ("target" in fault && fault.target !== undefined) return [fault.target];
  if ("links" in fault) {
    const cuts = new Map<string, number>();
    for (const [from, to] of fault.links) {
      cuts.set(from, (cuts.get(from) ?? 0) + 1);
      cuts.set(to, (cuts.get(to) ?? 0) + 1);
    }
    const most = Math.max(0, ...cuts.values());
    return nodes.filter((node) => most > 0 && cuts.get(node) === most);
  }
  if ("groups" in fault) return fault.groups.flat();
  if ("oneWay" in fault) return [...fault.oneWay.from, ...fault.oneWay.to];
  return [];
}

function recordedFault(applied: AppliedFault, nodes: readonly string[]): RecordedFault {
  const skipped = applied.skipped === undefined ? "" : ` (skipped: ${applied.skipped})`;
  return {
    kind: applied.fault.kind,
    startUs: applied.atUs,
    ...(applied.endUs === undefined ? {} : { endUs: applied.endUs }),
    nodes: faultNodes(applied.fault, nodes),
    description: `${applied.description}${skipped}`,
  };
}

function verdictOf(result: RunResult): Recording["verdict"] {
  if (result.failure !== undefined) {
    return {
      valid: false,
      reason: result.failure.reason,
      explanation: result.failure.details ?? result.failure.message,
      message: result.failure.message,
    };
  }
  return { valid: result.linearizability?.verdict === "unknown" ? "unknown" : true };
}

/**
 * The recording of a simulated run.
 *
 * @example
 * ```ts
 * let sim: Simulation | undefined;
 * const result = await runScenario(scenario, 1, {
 *   trace: "full",
 *   keepPayloads: true,
 *   onSimulation: (created) => (sim = created),
 * });
 * const recording = recordingFromRun({ scenario, result, trace: sim!.trace });
 * ```
 */
export function recordingFromRun(run: RunToRecord): Recording {
  const { scenario, result, trace } = run;
  const nodes = trace.endpoints.slice(0, scenario.nodes);
  const clients = trace.endpoints
    .slice(scenario.nodes)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const { messages, nodeEvents } = collectTrace(trace);
  const history: RecordedHistoryEvent[] = result.history.map((event) => ({ ...event }));
  const model = scenario.checks.linearizability;
  return {
    format: "faultline-recording",
    version: 1,
    source: "simulation",
    name: scenario.name,
    seed: result.seed,
    nodes,
    clients,
    durationUs: result.virtualUs,
    traceHash: result.traceHash,
    messages: messages as RecordedMessage[],
    faults: result.faults.map((fault) => recordedFault(fault, nodes)),
    nodeEvents,
    history,
    verdict: verdictOf(result),
    ...(model === false ? {} : { model }),
    concurrency: scenario.workload.clients,
    ...(run.replay === undefined ? {} : { replay: run.replay }),
  };
}

/**
 * Runs `scenario` for `seed` with its full trace and message bodies, and records it.
 *
 * @example
 * ```ts
 * const { result, recording } = await recordScenarioRun(scenario, 1, "npx faultline replay s.yaml --seed 1");
 * ```
 */
export async function recordScenarioRun(
  scenario: Scenario,
  seed: number,
  replay?: string,
): Promise<{ readonly result: RunResult; readonly trace: Trace; readonly recording: Recording }> {
  let sim: Simulation | undefined;
  const result = await runScenario(scenario, seed, {
    trace: "full",
    keepPayloads: true,
    onSimulation: (created) => (sim = created),
  });
  const trace = sim!.trace;
  const recording = recordingFromRun({
    scenario,
    result,
    trace,
    ...(replay === undefined ? {} : { replay }),
  });
  return { result, trace, recording };
}
