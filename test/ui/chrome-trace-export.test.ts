import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChromeTraceEvent } from "../../src/scenario/trace-export-chrome.js";
import { faultline, scratchProject } from "../scenario/helpers.js";
import { LEADER_FAULTS } from "./support/fixtures.js";

interface Document {
  readonly traceEvents: ChromeTraceEvent[];
  readonly displayTimeUnit: string;
  readonly otherData: Record<string, unknown>;
}

async function exported(args: string[], file: string): Promise<Document> {
  const cwd = scratchProject();
  const run = await faultline(["replay", ...args], cwd);
  expect(run.stderr).toContain(`trace written to ${file}`);
  return JSON.parse(readFileSync(join(cwd, file), "utf8")) as Document;
}

function threadNames(document: Document): Map<string, string> {
  const names = new Map<string, string>();
  for (const event of document.traceEvents)
    if (event.ph === "M" && event.name === "thread_name")
      names.set(`${event.pid}:${event.tid}`, String(event.args?.name));
  return names;
}

describe("faultline replay --trace-format chrome", () => {
  it("writes Trace Event JSON with one track per node and per client", async () => {
    const document = await exported(
      [LEADER_FAULTS, "--seed", "3", "--trace-format", "chrome", "run.json"],
      "run.json",
    );
    expect(document.displayTimeUnit).toBe("ms");
    expect(document.otherData).toMatchObject({
      scenario: "leader-faults",
      seed: 3,
      verdict: "fail: linearizability",
    });
    const names = threadNames(document);
    expect(names.get("1:1")).toBe("n1");
    expect(names.get("1:2")).toBe("n2");
    expect(names.get("1:3")).toBe("n3");
    expect([...names.values()].filter((name) => /^c\d+$/.test(name)).length).toBeGreaterThanOrEqual(
      3,
    );
    for (const event of document.traceEvents) {
      if (event.ph === "M") continue;
      expect(names.has(`${event.pid}:${event.tid}`)).toBe(true);
      expect(Number.isInteger(event.ts)).toBe(true);
    }
  });

  it("joins each delivered message to its send, and shows faults, crashes and operations", async () => {
    const document = await exported(
      [LEADER_FAULTS, "--seed", "3", "--trace", "run.json", "--trace-format", "chrome"],
      "run.json",
    );
    const events = document.traceEvents;
    const starts = new Map(events.filter((e) => e.ph === "s").map((e) => [e.id, e]));
    const finishes = events.filter((e) => e.ph === "f");
    expect(finishes.length).toBeGreaterThan(100);
    for (const finish of finishes) {
      const start = starts.get(finish.id);
      expect(start).toBeDefined();
      expect(start!.ts!).toBeLessThanOrEqual(finish.ts!);
      expect(`${finish.pid}:${finish.tid}`).not.toBe(`${start!.pid}:${start!.tid}`);
    }
    const crashed = events.find((e) => e.ph === "X" && e.name === "crashed");
    expect(crashed).toMatchObject({ pid: 1, tid: 2, ts: 2_000_000, dur: 300_000 });
    expect(events.some((e) => e.ph === "X" && e.name === "paused" && e.tid === 3)).toBe(true);
    const begins = events.filter((e) => e.ph === "b" && e.cat === "fault");
    expect(begins.map((e) => e.name)).toContain("crash n2");
    expect(events.filter((e) => e.ph === "e" && e.cat === "fault").length).toBe(begins.length);
    const operations = events.filter((e) => e.cat === "operation");
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.every((e) => e.pid === 2 && e.dur! >= 0)).toBe(true);
  });

  it("still writes JSON lines by default, and rejects unknown formats", async () => {
    const cwd = scratchProject();
    const lines = await faultline(
      [
        "replay",
        "test/fixtures/scenarios/stale-replicas.yaml",
        "--seed",
        "2",
        "--trace",
        "t.jsonl",
      ],
      cwd,
    );
    expect(lines.stderr).toMatch(/trace written to t\.jsonl \(\d+ events, jsonl\)/);
    const first = JSON.parse(readFileSync(join(cwd, "t.jsonl"), "utf8").split("\n")[0]!);
    expect(first).toMatchObject({ index: 0, kind: "start", node: "n1" });
    const bad = await faultline(
      [
        "replay",
        "test/fixtures/scenarios/stale-replicas.yaml",
        "--seed",
        "2",
        "--trace-format",
        "svg",
        "x",
      ],
      cwd,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--trace-format expects jsonl or chrome, found "svg"');
    const noFile = await faultline(
      [
        "replay",
        "test/fixtures/scenarios/stale-replicas.yaml",
        "--seed",
        "2",
        "--trace-format",
        "chrome",
      ],
      cwd,
    );
    expect(noFile.code).toBe(2);
  });
});
