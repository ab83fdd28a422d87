/**
 * One trace event as a row of the events list: when, who to whom, what kind, and what it
 * carried. Deliveries and drops show the body of the message they deliver or drop (found
 * through the send that carried it), client responses show the node's reply.
 */
import { dropReasonName, type TraceEvent, type TraceKindName } from "../../src/sim/trace.js";
import type { ReplayRecording } from "../recording/replay-recording.js";
import { formatValue } from "./format-value.js";

/** How an event is coloured: by what kind of thing happened. */
export type EventTone = "message" | "drop" | "fault" | "client" | "timer" | "log" | "failure";

/** One event, described for people. */
export interface EventDescription {
  /** Its trace index. */
  readonly index: number;
  /** Virtual time, in microseconds. */
  readonly timeUs: number;
  /** Its kind. */
  readonly kind: TraceKindName;
  /** Short name shown for the kind (`deliver`, `crash`, `request`, ...). */
  readonly label: string;
  /** `n1->n2`, `n3`, or empty for cluster-wide events. */
  readonly route: string;
  /** What it carried or said. */
  readonly text: string;
  /** How to colour it. */
  readonly tone: EventTone;
}

const LABELS: Readonly<Record<TraceKindName, string>> = {
  start: "start",
  send: "send",
  deliver: "deliver",
  drop: "drop",
  duplicate: "duplicate",
  timer: "timer",
  crash: "crash",
  restart: "restart",
  pause: "pause",
  resume: "resume",
  clock: "clock",
  network: "network",
  log: "log",
  clientRequest: "request",
  clientDeliver: "req-arrive",
  clientReply: "reply",
  clientResponse: "resp-arrive",
  nodeFailure: "FAILURE",
  note: "note",
  report: "report",
};

const TONES: Readonly<Record<TraceKindName, EventTone>> = {
  start: "timer",
  send: "message",
  deliver: "message",
  drop: "drop",
  duplicate: "message",
  timer: "timer",
  crash: "fault",
  restart: "fault",
  pause: "fault",
  resume: "fault",
  clock: "fault",
  network: "fault",
  log: "log",
  clientRequest: "client",
  clientDeliver: "client",
  clientReply: "client",
  clientResponse: "client",
  nodeFailure: "failure",
  note: "fault",
  report: "log",
};

/** Describes trace event `index` of `recording`. */
export function describeEvent(recording: ReplayRecording, index: number): EventDescription {
  const event = recording.trace.event(index);
  return {
    index,
    timeUs: event.timeUs,
    kind: event.kind,
    label: LABELS[event.kind],
    route: routeOf(event),
    text: textOf(recording, event),
    tone: TONES[event.kind],
  };
}

function routeOf(event: TraceEvent): string {
  if (event.kind === "clock") return event.node ?? "";
  if (event.node !== undefined && event.peer !== undefined) return `${event.node}->${event.peer}`;
  return event.node ?? event.peer ?? "";
}

/** The payload of the event at `index`, if it has one. */
function payloadAt(recording: ReplayRecording, index: number | undefined): unknown {
  return index === undefined ? undefined : recording.trace.event(index).payload;
}

function textOf(recording: ReplayRecording, event: TraceEvent): string {
  switch (event.kind) {
    case "send":
    case "clientRequest":
    case "clientReply":
    case "report":
      return formatValue(event.payload);
    case "deliver":
    case "duplicate":
    case "clientDeliver":
      return formatValue(payloadAt(recording, recording.origins.get(event.detail)));
    case "drop":
      return `(${dropReasonName(event.digest) ?? "?"}) ${formatValue(payloadAt(recording, recording.origins.get(event.detail)))}`;
    case "clientResponse":
      return formatValue(payloadAt(recording, recording.replies.get(event.detail)));
    case "timer":
      return `timer ${event.detail}`;
    case "start":
      return event.detail > 0 ? `incarnation ${event.detail}` : "";
    case "crash":
      return event.detail > 0 ? `lost ${event.detail} unsynced write(s)` : "";
    case "resume":
      return `${event.detail} held event(s) delivered`;
    default:
      return event.text ?? "";
  }
}
