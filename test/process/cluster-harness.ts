/**
 * Test helpers: a cluster of real node processes on the harness's network, with a fake
 * client endpoint that collects what nodes send to it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InFlight } from "../../src/process/delivery-queue.js";
import { resolveNodeCommand } from "../../src/process/node-command.js";
import type { NodeFinding } from "../../src/process/node-finding.js";
import { OrphanGuard } from "../../src/process/orphan-guard.js";
import { ProcessCluster } from "../../src/process/process-cluster.js";
import { ProcessNetwork } from "../../src/process/process-network.js";
import { ProcessRecorder } from "../../src/process/process-recorder.js";
import { RandomStreams } from "../../src/sim/random.js";

/**
 * The Python interpreter itself, not a version manager's shim in front of it (pyenv's
 * shim takes seconds per start on a busy machine, and each node is one start).
 */
export const PYTHON = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).trim();

/** The repository's root. */
export const ROOT = join(import.meta.dirname, "..", "..");
/** The misbehaving node's command line, for one mode. */
export const misbehaving = (mode: string): string =>
  `${PYTHON} ${join(import.meta.dirname, "fixtures", "misbehaving_node.py")} ${mode}`;

/** A cluster under test with what it reported. */
export interface TestCluster {
  readonly cluster: ProcessCluster;
  readonly network: ProcessNetwork;
  readonly recorder: ProcessRecorder;
  readonly findings: NodeFinding[];
  readonly received: InFlight[];
  close(): Promise<void>;
}

/** Builds a cluster of `nodes` running `bin`, with a client endpoint `c0`. */
export function testCluster(
  bin: string,
  nodes: readonly string[],
  options: { initTimeoutMs?: number; maxLinesPerSecond?: number } = {},
): TestCluster {
  const command = resolveNodeCommand(bin, [], ROOT);
  if (!command.ok) throw new Error(command.message);
  const recorder = new ProcessRecorder({ maxMessages: 100_000, maxStderrEvents: 1000 });
  const findings: NodeFinding[] = [];
  const received: InFlight[] = [];
  const network = new ProcessNetwork({
    latency: { meanMs: 0, distribution: "constant" },
    random: new RandomStreams(1).stream("network"),
    recorder,
    maxInFlight: 100_000,
    overflow: () => {},
  });
  network.register("c0", {
    isNode: false,
    unavailable: () => undefined,
    deliver: (item) => received.push(item),
  });
  const guard = new OrphanGuard();
  let nextClient = 1;
  const cluster = new ProcessCluster({
    nodeIds: nodes,
    command,
    cwd: ROOT,
    logDirectory: mkdtempSync(join(tmpdir(), "faultline-cluster-")),
    maxLineBytes: 1024 * 1024,
    maxLinesPerSecond: options.maxLinesPerSecond ?? 100_000,
    initTimeoutMs: options.initTimeoutMs ?? 5000,
    network,
    recorder,
    guard,
    nextClientId: () => `c${nextClient++}`,
    onFinding: (finding) => findings.push(finding),
  });
  return {
    cluster,
    network,
    recorder,
    findings,
    received,
    close: async () => {
      await cluster.stop();
      network.stop();
      guard.close();
    },
  };
}
