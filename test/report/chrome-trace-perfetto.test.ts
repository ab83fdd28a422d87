import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../src/scenario/run-result.js";
import {
  type ChromeTrace,
  type ChromeTraceEvent,
  chromeTrace,
} from "../../src/scenario/trace-export-chrome.js";
import type { Trace } from "../../src/sim/trace.js";
import { recordRun, STALE_READ } from "./report-fixture.js";

let document: ChromeTrace;
let result: RunResult;
let trace: Trace;
let threadNames: Map<string, string>;
let drawn: ChromeTraceEvent[];

beforeAll(async () => {
  const run = await recordRun(STALE_READ, 1);
  ({ result, trace } = run);
  document = chromeTrace(trace, {
    scenario: run.scenario.name,
    result,
    nodes: run.scenario.nodes,
    clients: run.scenario.workload.clients,
  });
  threadNames = new Map();
  for (const event of document.traceEvents)
    if (event.ph === "M" && event.name === "thread_name")
      threadNames.set(`${event.pid}:${event.tid}`, String(event.args?.name));
  drawn = document.traceEvents.filter((event) => event.ph !== "M");
});

const names = () => threadNames;
const events = () => drawn;
const track = (event: ChromeTraceEvent) => `${event.pid}:${event.tid}`;

describe("the Perfetto export of a 20 s Raft run (5 client threads, 51 processes)", () => {
  it("has one track per client thread, not per process", () => {
    const clients = [...names().entries()].filter(([key]) => key.startsWith("2:"));
    expect(clients.map(([, name]) => name)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    const processes = new Set(result.history.map((event) => event.process));
    expect(processes.size).toBeGreaterThan(20);
    for (const event of events()) expect(names().has(track(event))).toBe(true);
  });

  it("joins client requests and replies by arrows, as node messages are", () => {
    const starts = new Map(
      events()
        .filter((e) => e.ph === "s")
        .map((e) => [e.id, e]),
    );
    const finishes = events().filter((e) => e.ph === "f");
    const requests = finishes.filter((f) => starts.get(f.id)?.pid === 2 && f.pid === 1);
    const replies = finishes.filter((f) => starts.get(f.id)?.pid === 1 && f.pid === 2);
    let delivered = 0;
    for (const event of trace.events()) if (event.kind === "clientDeliver") delivered++;
    expect(requests.length).toBe(delivered);
    expect(replies.length).toBeGreaterThan(1000);
    for (const finish of finishes)
      expect(starts.get(finish.id)!.ts!).toBeLessThanOrEqual(finish.ts!);
  });

  it("ends each dropped message's arrow in a ✕ slice on the receiver's drops track", () => {
    let drops = 0;
    for (const event of trace.events()) if (event.kind === "drop") drops++;
    const markers = events().filter((e) => e.ph === "X" && e.name.startsWith("✕ drop"));
    expect(markers.length).toBe(drops);
    const starts = new Map(
      events()
        .filter((e) => e.ph === "s")
        .map((e) => [e.id, e]),
    );
    const ends = events().filter((e) => e.ph === "f" && names().get(track(e))?.endsWith(" drops"));
    expect(ends.length).toBe(drops);
    for (const end of ends) expect(starts.has(end.id)).toBe(true);
    expect(names().get("1:1004")).toBe("n5 drops");
  });

  it("draws handler slices wide enough to see, never overlapping the next on their track", () => {
    const handlers = events().filter(
      (e) => e.ph === "X" && ["deliver", "timer", "clientDeliver", "start"].includes(e.cat!),
    );
    const wide = handlers.filter((e) => e.dur! >= 100).length;
    expect(wide / handlers.length).toBeGreaterThan(0.5);
    const last = new Map<string, ChromeTraceEvent>();
    for (const slice of handlers) {
      const previous = last.get(track(slice));
      if (previous !== undefined && previous.ts! < slice.ts!)
        expect(previous.ts! + previous.dur!).toBeLessThanOrEqual(slice.ts!);
      expect(slice.dur!).toBeGreaterThanOrEqual(1);
      last.set(track(slice), slice);
    }
  });

  it("marks the violation on the timeline where the stale read completed", () => {
    if (result.linearizability?.verdict !== "violation") throw new Error("expected a violation");
    const blocker = result.linearizability.explanation.blocker.operation;
    const marks = events().filter((e) => e.cat === "violation");
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ ph: "i", s: "g", ts: blocker.completeTime });
    expect(marks[0]!.name).toBe(`✗ linearizability: p12 read("k1") -> 171 cannot be linearized`);
  });
});
