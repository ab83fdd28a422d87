/**
 * Every benchmark suite `faultline bench` knows, in the order `bench all` runs them.
 */
import { checkerBench } from "./checker.js";
import type { BenchSuite } from "./suite.js";

/** The registered suites. */
export const BENCH_SUITES: readonly BenchSuite[] = [checkerBench];
