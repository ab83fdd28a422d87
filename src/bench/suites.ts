/**
 * Every benchmark suite `faultline bench` knows, in the order `bench all` runs them.
 */
import { kernelBench } from "./kernel.js";
import type { BenchSuite } from "./suite.js";
import { sweepBench } from "./sweep.js";
import { uiBench } from "./ui.js";

/** The registered suites. */
export const BENCH_SUITES: readonly BenchSuite[] = [kernelBench, sweepBench, uiBench];
