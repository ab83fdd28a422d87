/**
 * The process mode's speed figures for `faultline bench maelstrom`:
 *
 * - `trialOverheadMs`: the wall time a 5-node echo trial takes beyond its time limit
 *   (spawning the nodes, init, stopping them, checking, building the recording); median of
 *   three trials. Goal: <= 1000 ms.
 * - `processMsgsPerSec`: the messages per second the process network carries between
 *   clients and 5 echo node processes when it is kept busy (a window of requests in flight
 *   per node, every request and every answer passing through the network, parsed,
 *   checked and recorded). Goal: >= 50,000 on 2 cores.
 *
 * The nodes are the Python example echo node, started with the interpreter itself (not a
 * version manager's shim, which can take seconds to start), or the command line in
 * `FAULTLINE_BENCH_ECHO_BIN` (e.g. a built Go echo node) to measure the harness with a node
 * that starts and answers faster.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findMaelstromWorkload } from "../maelstrom/workloads/index.js";
import { resolveNodeCommand } from "../process/node-command.js";
import { OrphanGuard } from "../process/orphan-guard.js";
import { ProcessCluster } from "../process/process-cluster.js";
import { ProcessNetwork } from "../process/process-network.js";
import { ProcessRecorder } from "../process/process-recorder.js";
import { MAELSTROM_DEFAULTS, type ProcessTestOptions } from "../process/process-test-options.js";
import { runProcessTest } from "../process/run-process-test.js";
import { RandomStreams } from "../sim/random.js";
import type { MaelstromMeasure } from "./maelstrom.js";
import { formatNumber, median } from "./suite.js";

const NODES = ["n0", "n1", "n2", "n3", "n4"];
const TRIAL_TIME_LIMIT_MS = 1000;
const TRIALS = 3;
const THROUGHPUT_MS = 3000;
/** Requests kept in flight per node while measuring throughput. */
const WINDOW_PER_NODE = 64;

/** The process figures and their rows. */
export interface ProcessBenchFigures {
  readonly trialOverheadMs: number;
  readonly processMsgsPerSec: number;
  readonly harnessCpuUsPerMsg: number;
  readonly rows: readonly (readonly [string, string])[];
}

/** The repository (or installed package) root: the nearest directory with package.json. */
function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, "package.json"))) directory = dirname(directory);
  return directory;
}

/** The echo node: `FAULTLINE_BENCH_ECHO_BIN` when set (any --bin), else the Python example. */
function echoNodeCommandLine(): string {
  const override = process.env.FAULTLINE_BENCH_ECHO_BIN;
  if (override !== undefined && override !== "") return override;
  const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
    encoding: "utf8",
  }).trim();
  return `${python} ${join(packageRoot(), "examples", "maelstrom", "python", "echo.py")}`;
}

async function trialOverheadMs(bin: string, directory: string): Promise<number> {
  const command = resolveNodeCommand(bin, [], directory);
  if (!command.ok) throw new Error(command.message);
  const workload = findMaelstromWorkload("echo")!;
  const overheads: number[] = [];
  for (let trial = 1; trial <= TRIALS; trial++) {
    const options: ProcessTestOptions = {
      workload: "echo",
      command,
      nodeIds: NODES,
      seed: trial,
      timeLimitMs: TRIAL_TIME_LIMIT_MS,
      ratePerSecond: 20,
      concurrency: NODES.length,
      latency: { meanMs: 0, distribution: "constant" },
      nemesis: [],
      nemesisIntervalMs: 10_000,
      topology: "grid",
      availability: undefined,
      keyCount: undefined,
      maxTxnLength: 4,
      maxWritesPerKey: 16,
      consistencyModels: ["strict-serializable"],
      logStderr: false,
      recoveryMs: 0,
      initTimeoutMs: MAELSTROM_DEFAULTS.initTimeoutSeconds * 1000,
      requestTimeoutMs: MAELSTROM_DEFAULTS.requestTimeoutMs,
      outDirectory: join(directory, `trial-${trial}`),
      cwd: directory,
    };
    const guard = new OrphanGuard();
    try {
      const started = performance.now();
      const result = await runProcessTest(options, workload, { guard });
      if (result.valid !== true)
        throw new Error(`bench echo trial was not valid: ${result.explanation}`);
      overheads.push(performance.now() - started - TRIAL_TIME_LIMIT_MS);
    } finally {
      guard.close();
    }
  }
  return Math.round(median(overheads));
}

/** What the throughput run measured. */
interface Throughput {
  readonly msgsPerSec: number;
  /** The harness's own CPU time per message, in microseconds (less sensitive to a busy machine). */
  readonly harnessCpuUsPerMsg: number;
}

/** Keeps `WINDOW_PER_NODE` echo requests in flight per node for `THROUGHPUT_MS`. */
async function processMsgsPerSec(bin: string, directory: string): Promise<Throughput> {
  const command = resolveNodeCommand(bin, [], directory);
  if (!command.ok) throw new Error(command.message);
  const recorder = new ProcessRecorder({ maxMessages: 10_000_000, maxStderrEvents: 100 });
  const network = new ProcessNetwork({
    latency: { meanMs: 0, distribution: "constant" },
    random: new RandomStreams(1).stream("network"),
    recorder,
    maxInFlight: 1_000_000,
    overflow: () => {},
  });
  const guard = new OrphanGuard();
  let clients = 0;
  const cluster = new ProcessCluster({
    nodeIds: NODES,
    command,
    cwd: directory,
    logDirectory: join(directory, "throughput-logs"),
    maxLineBytes: 1024 * 1024,
    maxLinesPerSecond: 10_000_000,
    initTimeoutMs: 10_000,
    network,
    recorder,
    guard,
    nextClientId: () => `c${++clients}`,
    onFinding: (finding) => {
      throw new Error(`bench echo node misbehaved: ${finding.summary}`);
    },
  });
  try {
    if (!(await cluster.start())) throw new Error("bench echo nodes did not start");
    let measuring = false;
    let delivered = 0;
    let msgId = 0;
    const sendEcho = (client: string, node: string): void => {
      const message = {
        src: client,
        dest: node,
        body: { type: "echo", msg_id: ++msgId, echo: msgId },
      };
      network.send(client, node, message, JSON.stringify(message));
    };
    NODES.forEach((node, index) => {
      const client = `bench-${index}`;
      network.register(client, {
        isNode: false,
        unavailable: () => undefined,
        deliver: () => {
          if (measuring) delivered += 2;
          sendEcho(client, node);
        },
      });
      for (let slot = 0; slot < WINDOW_PER_NODE; slot++) sendEcho(client, node);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    measuring = true;
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, THROUGHPUT_MS));
    const cpu = process.cpuUsage(cpuStart);
    const elapsedMs = performance.now() - started;
    measuring = false;
    return {
      msgsPerSec: Math.round((delivered / elapsedMs) * 1000),
      harnessCpuUsPerMsg: Number(((cpu.user + cpu.system) / Math.max(1, delivered)).toFixed(2)),
    };
  } finally {
    await cluster.stop();
    network.stop();
    guard.close();
  }
}

/** The process mode's measure of the Maelstrom suite. */
export const processMeasure: MaelstromMeasure = {
  name: "process mode (5 echo node processes)",
  async run(progress) {
    const figures = await measureProcessBench(progress);
    return {
      json: {
        trialOverheadMs: figures.trialOverheadMs,
        processMsgsPerSec: figures.processMsgsPerSec,
        harnessCpuUsPerMsg: figures.harnessCpuUsPerMsg,
      },
      rows: figures.rows,
    };
  },
};

/** Measures both figures. */
export async function measureProcessBench(
  progress: (message: string) => void,
): Promise<ProcessBenchFigures> {
  const directory = mkdtempSync(join(tmpdir(), "faultline-bench-maelstrom-"));
  try {
    const bin = echoNodeCommandLine();
    progress(`process mode: ${TRIALS} echo trials of ${TRIAL_TIME_LIMIT_MS} ms on 5 Python nodes`);
    const overhead = await trialOverheadMs(bin, directory);
    progress(
      `process mode: echo throughput for ${THROUGHPUT_MS} ms, ${WINDOW_PER_NODE} requests in flight per node`,
    );
    const throughput = await processMsgsPerSec(bin, directory);
    return {
      trialOverheadMs: overhead,
      processMsgsPerSec: throughput.msgsPerSec,
      harnessCpuUsPerMsg: throughput.harnessCpuUsPerMsg,
      rows: [
        [
          "process trial overhead (5 nodes, median)",
          `${formatNumber(overhead)} ms beyond the time limit (goal <= 1,000 ms)`,
        ],
        [
          "process network throughput (5 echo nodes)",
          `${formatNumber(throughput.msgsPerSec)} messages/s (goal >= 50,000)`,
        ],
        [
          "harness CPU per message",
          `${formatNumber(throughput.harnessCpuUsPerMsg, 2)} us (the harness alone could carry ${formatNumber(1e6 / Math.max(0.01, throughput.harnessCpuUsPerMsg))} messages/s on one core)`,
        ],
      ],
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
