/**
 * Every benchmark suite `faultline bench` knows, in the order `bench all` runs them.
 */

import { checkerBench } from "./checker.js";
import { elleBench } from "./elle.js";
import { kernelBench } from "./kernel.js";
import { maelstromBench } from "./maelstrom.js";
import { raftBench } from "./raft.js";
import type { BenchSuite } from "./suite.js";
import { sweepBench } from "./sweep.js";
import { uiBench } from "./ui.js";

/** The registered suites. */
export const BENCH_SUITES: readonly BenchSuite[] = [
  kernelBench,
  checkerBench,
  sweepBench,
  raftBench,
  uiBench,
  elleBench,
  maelstromBench,
];
