/**
 * `faultline bench elle`: the transactional (Elle-style) checker on generated list-append
 * histories of 10k, 100k and 1M transactions with up to 100 concurrent processes, checked
 * as serializable (pairing and reading of micro-operations included, generation excluded).
 * Reports transactions checked per second on the largest (wall clock, and per CPU second
 * of this process, which a busy shared machine disturbs less), the time of each size (the
 * growth from size to size should be no worse than n log n), and the heap in use after
 * the largest check. Goal: >= 200,000 transactions/s and < 2 GiB for 1M transactions.
 */
import { checkParsedTransactions } from "../checkers/txn/check-transactions.js";
import { parseTransactions } from "../checkers/txn/transactions.js";
import { generateListAppendHistory, LIST_APPEND_BENCH_DEFAULTS } from "./list-append-history.js";
import { type BenchReport, type BenchSuite, formatNumber } from "./suite.js";

const SIZES = [10_000, 100_000, 1_000_000];
const MEBIBYTE = 2 ** 20;

interface Measured {
  readonly txns: number;
  readonly ms: number;
  /** CPU time of this process (user + system) over the same span: less sensitive to a busy machine. */
  readonly cpuMs: number;
  readonly heapMb: number;
  readonly verdict: string;
}

function measure(txns: number): Measured {
  const history = generateListAppendHistory({ ...LIST_APPEND_BENCH_DEFAULTS, transactions: txns });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const parsed = parseTransactions(history, "list-append");
  if (!parsed.ok)
    throw new Error(`bench elle: generated history is malformed: ${parsed.problem.expected}`);
  const result = checkParsedTransactions(parsed.value, { model: "list-append" });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const heapMb = process.memoryUsage().heapUsed / MEBIBYTE;
  return { txns, ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMb, verdict: result.verdict };
}

/** How much worse than n log n the growth from `a` to `b` is (1 = exactly n log n). */
function growthVersusNLogN(a: Measured, b: Measured): number {
  const expected = (b.txns * Math.log2(b.txns)) / (a.txns * Math.log2(a.txns));
  return b.ms / a.ms / expected;
}

async function runElleBench(progress: (message: string) => void): Promise<BenchReport> {
  measure(SIZES[0]!); // warm-up, untimed
  const results: Measured[] = [];
  for (const size of SIZES) {
    const measured = measure(size);
    if (measured.verdict !== "valid") {
      throw new Error(`bench elle: a strict serializable history was judged ${measured.verdict}`);
    }
    results.push(measured);
    progress(
      `${formatNumber(size)} txns: ${formatNumber(measured.ms, 1)} ms, heap ${Math.round(measured.heapMb)} MiB`,
    );
  }
  const largest = results[results.length - 1]!;
  const txnPerSec = Math.round((largest.txns / largest.ms) * 1000);
  const txnPerCpuSec = Math.round((largest.txns / largest.cpuMs) * 1000);
  const growth = results
    .slice(1)
    .map((result, index) => growthVersusNLogN(results[index]!, result));
  return {
    json: {
      suite: "elle",
      txnPerSec,
      historyTxns: largest.txns,
      scaling: results.map(({ txns, ms, cpuMs }) => ({
        txns,
        ms: Math.round(ms * 10) / 10,
        cpuMs: Math.round(cpuMs * 10) / 10,
      })),
      txnPerCpuSec,
      heapMb: Math.round(largest.heapMb),
      processes: LIST_APPEND_BENCH_DEFAULTS.processes,
    },
    rows: [
      ...results.map((result): readonly [string, string] => [
        `${formatNumber(result.txns)} txns`,
        `${formatNumber(result.ms, 1)} ms (${formatNumber((result.txns / result.ms) * 1000)} txns/s)`,
      ]),
      ["txns/s goal", txnPerSec >= 200_000 ? "met (>= 200,000)" : "NOT met (< 200,000)"],
      ["txns per CPU second", formatNumber(txnPerCpuSec)],
      [
        "growth vs n log n",
        `${growth.map((value) => value.toFixed(2)).join(", ")} (goal <= 1 each, noisy)`,
      ],
      ["heap after 1M", `${Math.round(largest.heapMb)} MiB (goal < 2048)`],
    ],
  };
}

/** The elle suite. */
export const elleBench: BenchSuite = {
  name: "elle",
  summary:
    "transactional checker on 10k/100k/1M-txn list-append histories (goal >= 200,000 txns/s)",
  run: runElleBench,
};
