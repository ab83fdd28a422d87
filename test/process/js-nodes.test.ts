/**
 * The JS example nodes (examples/maelstrom/js, which also run inside the simulation) run
 * as real processes too: a correct node passes and its planted-bug twin fails, through the
 * process network and, for g-counter, the seq-kv service the harness hosts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./cluster-harness.js";

const OUT = mkdtempSync(join(tmpdir(), "faultline-js-nodes-"));

async function trial(node: string, args: readonly string[]) {
  const io = memoryIo({ cwd: ROOT });
  const bin = `${process.execPath} ${join(ROOT, "examples/maelstrom/js", node)}`;
  const code = await main(
    ["maelstrom", "test", "--bin", bin, ...args, "--out", join(OUT, node), "--json"],
    io,
  );
  const out = io.out();
  return { code, out, json: JSON.parse(out.trimEnd().split("\n").pop()!) };
}

describe("JS example nodes as processes", () => {
  it("broadcast passes across partitions; broadcast-no-retry loses values", async () => {
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
      trial("broadcast.mjs", args),
      trial("broadcast-no-retry.mjs", args),
    ]);
    expect(correct.json.valid, correct.out).toBe(true);
    expect(buggy.json.valid).toBe(false);
    expect(buggy.code).toBe(1);
    expect(buggy.json.anomalies[0].type).toBe("lost");
  });

  it("g-counter on the harness's seq-kv passes; the double-adding counter reads too high", async () => {
    const args = [
      "-w",
      "g-counter",
      "--node-count",
      "3",
      "--time-limit",
      "2",
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
      trial("g-counter.mjs", args),
      trial("counter-double-add.mjs", args),
    ]);
    expect(correct.json.valid, correct.out).toBe(true);
    expect(correct.json.okOps).toBeGreaterThan(3);
    expect(buggy.json.valid).toBe(false);
    expect(buggy.out).toMatch(/the final read on n\d returned \d+, but the adds allow only \d+/);
  });
});
