/**
 * The figures `--json` reports for a process run: operations, successful operations,
 * messages between nodes per operation (Maelstrom's `servers msgs-per-op`), and the
 * latency percentiles of successful operations in milliseconds.
 */
import type { RecordedHistoryEvent, RecordedMessage } from "../recording/recording.js";

/** Latency percentiles in milliseconds. */
export interface LatencyPercentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The run's figures. */
export interface RunStatistics {
  /** Operations invoked. */
  readonly ops: number;
  /** Operations that completed `ok`. */
  readonly okOps: number;
  /** Messages between nodes per operation (0 when there were no operations). */
  readonly msgsPerOp: number;
  readonly latencyMs: LatencyPercentiles;
}

/** The `fraction` percentile of sorted `values` (nearest rank); 0 when empty. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds milliseconds to a tenth. */
const tenth = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Works out the figures from the history (each process has one operation outstanding, so
 * a completion closes the latest invocation of its process) and the messages.
 */
export function runStatistics(
  history: readonly RecordedHistoryEvent[],
  messages: readonly RecordedMessage[],
  nodes: readonly string[],
): RunStatistics {
  const openedAt = new Map<string, number>();
  const latencies: number[] = [];
  let ops = 0;
  let okOps = 0;
  for (const event of history) {
    const process = String(event.process);
    if (event.type === "invoke") {
      ops++;
      openedAt.set(process, event.time);
      continue;
    }
    const start = openedAt.get(process);
    openedAt.delete(process);
    if (event.type === "ok") {
      okOps++;
      if (start !== undefined) latencies.push((event.time - start) / 1000);
    }
  }
  const nodeSet = new Set(nodes);
  let between = 0;
  for (const message of messages)
    if (nodeSet.has(message.from) && nodeSet.has(message.to)) between++;
  latencies.sort((a, b) => a - b);
  return {
    ops,
    okOps,
    msgsPerOp: ops === 0 ? 0 : Math.round((between / ops) * 100) / 100,
    latencyMs: {
      p50: tenth(percentile(latencies, 0.5)),
      p95: tenth(percentile(latencies, 0.95)),
      p99: tenth(percentile(latencies, 0.99)),
      max: tenth(latencies[latencies.length - 1] ?? 0),
    },
  };
}
