/**
 * The worker thread of a seed sweep: loads the scenario once, then runs each seed the
 * parent sends and answers with a compact summary. The parent watches the time each seed
 * takes and this thread's memory, and terminates it if a seed spins or bloats.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadScenario } from "./load-scenario.js";
import { runScenario } from "./run-scenario.js";
import { summarizeRun, type WorkerReply, type WorkerRequest } from "./sweep-protocol.js";

interface SweepWorkerData {
  readonly scenarioFile: string;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error("sweep-worker.js must run as a worker thread");
  const { scenarioFile } = workerData as SweepWorkerData;
  const scenario = await loadScenario(scenarioFile);
  port.on("message", async (request: WorkerRequest) => {
    const started = performance.now();
    const result = await runScenario(scenario, request.seed);
    const summary = summarizeRun(result, performance.now() - started);
    port.postMessage({ kind: "result", summary } satisfies WorkerReply);
  });
  port.postMessage({ kind: "ready" } satisfies WorkerReply);
}

serve().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  parentPort?.postMessage({ kind: "load-error", message } satisfies WorkerReply);
});
