/**
 * End-to-end trials of the Python example nodes as real processes: each correct node
 * passes its workload under faults, and each planted bug fails with the explanation that
 * names it. Trials are short (a couple of seconds); each correct node runs beside its
 * buggy twin.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { PYTHON, ROOT } from "./cluster-harness.js";

const OUT = mkdtempSync(join(tmpdir(), "faultline-python-nodes-"));

interface Trial {
  readonly code: number;
  readonly out: string;
  readonly json: {
    readonly valid: boolean | "unknown";
    readonly okOps: number;
    readonly anomalies: readonly { readonly type: string; readonly explanation: string }[];
  };
}

async function trial(node: string, args: readonly string[]): Promise<Trial> {
  const io = memoryIo({ cwd: ROOT });
  const bin = `${PYTHON} ${join(ROOT, "examples/maelstrom/python", node)}`;
  const out = join(OUT, `${node.replaceAll(/\W/g, "-")}`);
  const code = await main(["maelstrom", "test", "--bin", bin, ...args, "--out", out, "--json"], io);
  const printed = io.out();
  return { code, out: printed, json: JSON.parse(printed.trimEnd().split("\n").pop()!) };
}

describe("Python example nodes as processes", () => {
  it("broadcast: the retrying node loses nothing across partitions; the never-retry bug loses values", async () => {
    const args = [
      "-w",
      "broadcast",
      "--node-count",
      "5",
      "--time-limit",
      "2.5",
      "--rate",
      "20",
      "--nemesis",
      "partition",
      "--nemesis-interval",
      "0.6",
      "--recovery-time",
      "1.5",
      "--seed",
      "1",
    ];
    const [correct, buggy] = await Promise.all([
      trial("broadcast.py", args),
      trial("broadcast.py --bug never-retry", args),
    ]);
    expect(correct.json.valid, correct.out).toBe(true);
    expect(correct.code).toBe(0);
    expect(buggy.json.valid).toBe(false);
    expect(buggy.code).toBe(1);
    expect(buggy.json.anomalies[0]?.type).toBe("lost");
    expect(buggy.out).toMatch(/\d+ was acknowledged at [\d.]+ms but is missing on n\d/);
  });

  it("g-counter: the deduplicating node sums exactly; the double-add bug reads above every add", async () => {
    const args = [
      "-w",
      "g-counter",
      "--node-count",
      "3",
      "--time-limit",
      "2.5",
      "--rate",
      "20",
      "--latency",
      "100",
      "--latency-dist",
      "exponential",
      "--recovery-time",
      "1",
      "--seed",
      "1",
    ];
    const [correct, buggy] = await Promise.all([
      trial("g_counter.py", args),
      trial("g_counter.py --bug double-add", args),
    ]);
    expect(correct.json.valid, correct.out).toBe(true);
    expect(buggy.json.valid).toBe(false);
    expect(buggy.code).toBe(1);
    expect(buggy.out).toMatch(/the final read on n\d returned \d+, but the adds allow only \d+/);
  });

  it("lin-kv: the primary-ordered node is linearizable; the local-read bug serves stale reads", async () => {
    const args = [
      "-w",
      "lin-kv",
      "--node-count",
      "3",
      "--time-limit",
      "2.5",
      "--rate",
      "40",
      "--concurrency",
      "6",
      "--key-count",
      "2",
      "--latency",
      "30",
      "--latency-dist",
      "exponential",
      "--nemesis",
      "partition",
      "--nemesis-interval",
      "0.5",
      "--seed",
      "1",
    ];
    const [correct, buggy] = await Promise.all([
      trial("lin_kv.py", args),
      trial("lin_kv.py --bug local-read", args),
    ]);
    expect(correct.json.valid, correct.out).toBe(true);
    expect(correct.json.okOps).toBeGreaterThan(10);
    expect(buggy.json.valid).toBe(false);
    expect(buggy.code).toBe(1);
    expect(buggy.out).toContain("not linearizable");
  });
});
