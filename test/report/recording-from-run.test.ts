import { beforeAll, describe, expect, it } from "vitest";
import type { Recording } from "../../src/recording/recording.js";
import { renderReport } from "../../src/report/render-report.js";
import type { RunResult } from "../../src/scenario/run-result.js";
import type { Trace } from "../../src/sim/trace.js";
import { recordRun, STALE_READ } from "./report-fixture.js";

let recording: Recording;
let result: RunResult;
let trace: Trace;

beforeAll(async () => {
  ({ recording, result, trace } = await recordRun(STALE_READ, 1));
});

function countKinds(kinds: readonly string[]): number {
  let count = 0;
  for (const event of trace.events()) if (kinds.includes(event.kind)) count++;
  return count;
}

describe("recordingFromRun", () => {
  it("pairs every send with its delivery or drop, client requests and replies included", () => {
    expect(recording.messages.length).toBe(
      countKinds(["send", "clientRequest", "clientReply"]) +
        recording.messages.filter((m) => m.duplicate).length,
    );
    const delivered = recording.messages.filter((message) => message.deliveredUs !== undefined);
    expect(delivered.length).toBe(countKinds(["deliver", "clientDeliver", "clientResponse"]));
    expect(recording.messages.filter((message) => message.dropped !== undefined).length).toBe(
      countKinds(["drop"]),
    );
    for (const message of delivered)
      expect(message.deliveredUs!).toBeGreaterThanOrEqual(message.sentUs);
    const event = trace.event(recording.messages[0]!.sentEvent!);
    expect([event.kind, event.node, event.peer]).toEqual([
      "clientRequest",
      recording.messages[0]!.from,
      recording.messages[0]!.to,
    ]);
  });

  it("keeps the run's history, faults, verdict and what views need to re-check it", () => {
    expect(recording.history).toEqual(result.history);
    expect(recording.faults.map((fault) => fault.description)).toEqual(
      result.faults.map((fault) => fault.description),
    );
    expect(recording.faults[0]).toMatchObject({ kind: "partition", nodes: ["n5"] });
    expect(recording.verdict).toMatchObject({ valid: false, reason: "linearizability" });
    expect(recording).toMatchObject({
      model: "kv",
      concurrency: 5,
      seed: 1,
      traceHash: result.traceHash,
    });
    expect(recording.nodes).toEqual(["n1", "n2", "n3", "n4", "n5"]);
  });
});

describe("renderReport", () => {
  it("is one offline page, under 5 MB for a 20 s Raft run, and the same for the same recording", () => {
    const html = renderReport(recording);
    expect(html.length).toBeLessThan(5 * 1024 * 1024);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/);
    expect(renderReport(recording)).toBe(html);
  });

  it("opens on the failure: verdict, replay command and the smallest unorderable set", () => {
    const html = renderReport(recording);
    expect(html).toContain("FAILED linearizability");
    expect(html).toContain("npx faultline replay");
    expect(html).toContain("These 3 operations cannot be ordered");
    expect(html).toContain("partition isolate n5");
  });
});
