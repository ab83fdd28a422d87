/**
 * Misbehaving nodes are findings that name the node, quote what it wrote and its stderr,
 * never a crash or a hang of the harness.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { NodeFinding } from "../../src/process/node-finding.js";
import { formatNodeFinding } from "../../src/process/node-finding.js";
import { misbehaving, type TestCluster, testCluster } from "./cluster-harness.js";

async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let current: TestCluster | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** Starts one misbehaving node, sends it an echo, and returns the first finding. */
async function firstFinding(
  mode: string,
  options: { initTimeoutMs?: number; maxLinesPerSecond?: number } = {},
): Promise<{ finding: NodeFinding; started: boolean }> {
  current = testCluster(misbehaving(mode), ["n1"], options);
  const started = await current.cluster.start();
  if (started) {
    const request = { src: "c0", dest: "n1", body: { type: "echo", msg_id: 2, echo: "x" } };
    current.network.send("c0", "n1", request, JSON.stringify(request));
  }
  await until(() => current!.findings.length > 0);
  return { finding: current.findings[0]!, started };
}

describe("node findings", () => {
  it("a node that exits at start: its exit code and its stderr", async () => {
    const { finding, started } = await firstFinding("exit-at-start");
    expect(started).toBe(false);
    expect(finding).toMatchObject({ kind: "exited-at-start", node: "n1", fatal: true });
    expect(finding.summary).toContain("exited with code 3 before answering init");
    expect(finding.stderrTail).toEqual(["fatal: could not open config file /etc/node.conf"]);
    expect(formatNodeFinding(finding)).toContain("| fatal: could not open config file");
  });

  it("a node that never answers init: a timeout naming the node", async () => {
    const { finding, started } = await firstFinding("no-init", { initTimeoutMs: 1500 });
    expect(started).toBe(false);
    expect(finding).toMatchObject({ kind: "init-timeout", node: "n1", fatal: true });
    expect(finding.summary).toBe("n1 did not answer init within 1500 ms");
    expect(finding.stderrTail).toEqual(["waiting for something that never comes"]);
  });

  it("a line that is not JSON: the line itself and the stderr before it", async () => {
    const { finding } = await firstFinding("not-json");
    expect(finding).toMatchObject({ kind: "not-json", node: "n1", fatal: true });
    expect(finding.line).toBe("DEBUG got request 2");
    expect(finding.stderrTail).toEqual(["about to print a debug line"]);
    expect(finding.advice).toContain("stderr");
  });

  it("a message without src: what is missing", async () => {
    const { finding } = await firstFinding("malformed");
    expect(finding.kind).toBe("malformed-message");
    expect(finding.summary).toContain('"src" must be a non-empty string, found nothing');
    expect(finding.line).toContain('"source": "n1"');
  });

  it("a message to a node that does not exist is dropped and named, and the run goes on", async () => {
    const { finding } = await firstFinding("unknown-destination");
    expect(finding).toMatchObject({ kind: "unknown-destination", node: "n1", fatal: false });
    expect(finding.summary).toContain('"n99"');
    await until(() => current!.received.length > 0);
    expect(current!.received[0]!.message).toMatchObject({ body: { type: "echo_ok" } });
  });

  it("a node that floods stdout is stopped by the bound, not by memory", async () => {
    const { finding } = await firstFinding("flood", { maxLinesPerSecond: 20_000 });
    expect(finding).toMatchObject({ kind: "flood", node: "n1", fatal: true });
    expect(finding.summary).toContain("more than 20000 lines within one second");
    expect(finding.stderrTail).toEqual(["flooding"]);
  });

  it("a line longer than the limit is named with its start", async () => {
    const { finding } = await firstFinding("long-line");
    expect(finding).toMatchObject({ kind: "line-too-long", node: "n1", fatal: true });
    expect(finding.line?.startsWith('{"src": "n1", "padding": "xxx')).toBe(true);
  });

  it("a node that exits during the run: its last line and stderr", async () => {
    const { finding } = await firstFinding("exit-later");
    expect(finding).toMatchObject({ kind: "exited", node: "n1", fatal: true });
    expect(finding.summary).toBe("n1 exited with code 1 during the run");
    expect(finding.stderrTail).toContain("KeyError: 'delta'");
  });
});
