/**
 * The worker process of a seed sweep: loads the scenario once (its file is the first
 * argument), then runs each seed the parent sends over the IPC channel and answers with a
 * compact summary. The parent watches the time each seed takes and kills this process if a
 * seed spins; the heap limit it was started with stops a seed that bloats. It exits when
 * the parent goes away.
 */
import { loadScenario } from "./load-scenario.js";
import type { WorkerReply, WorkerRequest } from "./sweep-protocol.js";
import { runSweepSeed } from "./sweep-recheck.js";

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function serve(): Promise<void> {
  if (process.send === undefined)
    throw new Error("sweep-worker.js must run as a child process with an IPC channel");
  const scenarioFile = process.argv[2];
  if (scenarioFile === undefined) throw new Error("sweep-worker.js needs a scenario file");
  const scenario = await loadScenario(scenarioFile);
  process.on("message", async (request: WorkerRequest) => {
    // The guard setting comes with each request: the parent's scenario object may differ
    // from its file (--no-determinism-guard).
    const guarded = { ...scenario, determinismGuard: request.determinismGuard };
    const summary = await runSweepSeed(guarded, request.seed, request.recheck);
    reply({ kind: "result", summary });
  });
  process.on("disconnect", () => process.exit(0));
  // Ctrl-C reaches the whole process group: the parent reports what it found and stops
  // this worker itself, so the worker does not die with its seed half-reported.
  process.on("SIGINT", () => {});
  reply({ kind: "ready" });
}

serve().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  reply({ kind: "load-error", message });
  process.disconnect?.();
});
