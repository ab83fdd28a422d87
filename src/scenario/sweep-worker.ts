/**
 * The worker process of a seed sweep: loads the scenario once (its file is the first
 * argument), then runs each seed the parent sends over the IPC channel and answers with a
 * compact summary. The parent watches the time each seed takes and kills this process if a
 * seed spins; the heap limit it was started with stops a seed that bloats. It exits when
 * the parent goes away.
 */

import { harnessWallClockMs } from "../sim/determinism-guard.js";
import { loadScenario } from "./load-scenario.js";
import { runScenario } from "./run-scenario.js";
import { summarizeRun, type WorkerReply, type WorkerRequest } from "./sweep-protocol.js";

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
    const started = harnessWallClockMs();
    const result = await runScenario(scenario, request.seed, {
      determinismGuard: request.determinismGuard,
    });
    reply({ kind: "result", summary: summarizeRun(result, harnessWallClockMs() - started) });
  });
  process.on("disconnect", () => process.exit(0));
  reply({ kind: "ready" });
}

serve().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  reply({ kind: "load-error", message });
  process.disconnect?.();
});
