/**
 * `faultline bench maelstrom`: the Maelstrom modes' speed goals. The process mode's
 * figures (maelstrom-process.ts): `trialOverheadMs`, the harness's cost on top of a 5-node
 * trial's time limit (goal <= 1000), and `processMsgsPerSec`, the messages per second the
 * process network carries with echo nodes (goal >= 50,000 on 2 cores).
 */
import { measureProcessBench } from "./maelstrom-process.js";
import type { BenchReport, BenchSuite } from "./suite.js";

async function runMaelstromBench(progress: (message: string) => void): Promise<BenchReport> {
  const process = await measureProcessBench(progress);
  return {
    json: {
      suite: "maelstrom",
      trialOverheadMs: process.trialOverheadMs,
      processMsgsPerSec: process.processMsgsPerSec,
      harnessCpuUsPerMsg: process.harnessCpuUsPerMsg,
    },
    rows: [...process.rows],
  };
}

/** The Maelstrom suite. */
export const maelstromBench: BenchSuite = {
  name: "maelstrom",
  summary: "process trial overhead (goal <= 1 s) and process network messages/s (goal >= 50,000)",
  run: runMaelstromBench,
};
