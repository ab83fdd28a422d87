/**
 * `faultline maelstrom test`: runs a Maelstrom workload against real node processes, as
 * `maelstrom test` does, with faultline as the network, the nemesis and the checker. The
 * flags are Maelstrom's (see maelstrom-flags.ts). Each trial prints its seed and the
 * command that re-runs it first, and ends with the verdict and what to do about it; the
 * recording (messages, faults, history, verdict) and each node's stderr are saved under
 * `--out` (default `.faultline/maelstrom/<workload>-seed-<N>/`).
 *
 * Exit codes: 0 valid, 1 invalid, 2 bad input or usage, 3 unknown.
 */
import { join, relative } from "node:path";
import { TOPOLOGY_NAMES } from "../../maelstrom/topology.js";
import {
  findMaelstromWorkload,
  MAELSTROM_WORKLOAD_NAMES,
} from "../../maelstrom/workloads/index.js";
import { OrphanGuard } from "../../process/orphan-guard.js";
import { type ProcessTestResult, runProcessTest } from "../../process/run-process-test.js";
import type { Command } from "../command.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_UNKNOWN } from "../exit-codes.js";
import type { CommandIo } from "../io.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { type MaelstromTestFlags, parseMaelstromTestFlags } from "./maelstrom-flags.js";
import { resultJson, verdictText } from "./maelstrom-report.js";

const USAGE = `Usage: faultline maelstrom test -w WORKLOAD --bin NODE [options]

Runs a Maelstrom workload against real node processes (one per node), with faultline as
their network: the same flags, binaries and workloads as \`maelstrom test\`.

Maelstrom's flags (same meanings and defaults):
  -w, --workload NAME        ${MAELSTROM_WORKLOAD_NAMES.join(", ")} (default lin-kv)
  --bin NODE                 the node program: a path, or a command line ("python3 node.py")
  --node-count N             nodes n0..n(N-1) (default: n1..n5)
  --time-limit SECONDS       how long the workload runs (default 60)
  --rate N                   requests per second, across all clients (default 5)
  --concurrency N|Kn         clients at once; Kn is K per node (default 1n)
  --latency MS               mean message latency (default 0)
  --latency-dist DIST        constant, uniform or exponential (default constant)
  --nemesis FAULTS           comma-separated: partition (Maelstrom's), and faultline's
                             kill (SIGKILL, restart, init again), pause (SIGSTOP/SIGCONT),
                             loss, duplicate (default: none)
  --nemesis-interval SECONDS mean time between nemesis operations (default 10)
  --topology NAME            broadcast topology: ${TOPOLOGY_NAMES.join(", ")} (default grid)
  --availability A           fraction of requests that must succeed, or "total"
  --key-count N              keys at once (txn and kafka workloads)
  --max-txn-length N         operations per transaction (default 4)
  --max-writes-per-key N     writes per key (default 16)
  --consistency-models LIST  models to check txn workloads against (default strict-serializable)
  --log-stderr               print the nodes' stderr as it comes

faultline's flags:
  --seed N                   the seed (default: drawn, and printed)
  --seeds A..B               several trials, one per seed ("1..20", "3,9,27")
  --until-failure            stop at the first trial that is not valid
  --out DIR                  where the recording and node logs go
                             (default .faultline/maelstrom/<workload>-seed-<N>/)
  --recovery-time SECONDS    wait after healing, before final reads (default 10, as Maelstrom)
  --init-timeout SECONDS     how long a node may take to answer init (default 10)
  --json                     print {"valid","workload","seed","ops","okOps","msgsPerOp",
                             "latencyMs","anomalies","recording"} on the last line

The seed fixes the fault schedule, the drawn latencies and the client operations; it
cannot fix the nodes' own scheduling and clocks (see README, "Maelstrom users").

Exit codes: 0 valid, 1 invalid, 2 bad input or usage, 3 unknown.
`;

/** The command that re-runs one seed. */
function rerunCommand(flags: MaelstromTestFlags, seed: number): string {
  const quoted = flags.rerunArgs.map((arg) =>
    /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`,
  );
  return `npx faultline maelstrom test ${[...quoted, "--seed", String(seed)].join(" ")}`;
}

function outDirectory(flags: MaelstromTestFlags, seed: number, cwd: string): string {
  const name = `${flags.trial.workload}-seed-${seed}`;
  if (flags.out === undefined) return join(cwd, ".faultline", "maelstrom", name);
  return flags.seeds.length === 1 ? flags.out : join(flags.out, name);
}

async function runTrial(
  flags: MaelstromTestFlags,
  seed: number,
  io: CommandIo,
  guard: OrphanGuard,
): Promise<{ result: ProcessTestResult; recordingPath: string }> {
  const directory = outDirectory(flags, seed, io.cwd);
  const options = { ...flags.trial, seed, outDirectory: directory };
  io.stdout.write(`seed ${seed}  (re-run: ${rerunCommand(flags, seed)})\n`);
  const workload = findMaelstromWorkload(options.workload)!;
  const result = await runProcessTest(options, workload, {
    guard,
    onStderr: (node, line) => io.stderr.write(`${node} | ${line}\n`),
  });
  const recordingPath = join(directory, "recording.json");
  await writeFileAtomically(recordingPath, `${JSON.stringify(result.recording)}\n`, {
    createDirectory: true,
  });
  const shown = relative(io.cwd, recordingPath) || recordingPath;
  io.stdout.write(verdictText(result, shown, rerunCommand(flags, seed)));
  return { result, recordingPath: shown };
}

function exitCode(results: readonly ProcessTestResult[]): number {
  if (results.some((result) => result.valid === false)) return EXIT_FAILURE;
  if (results.some((result) => result.valid === "unknown")) return EXIT_UNKNOWN;
  return EXIT_OK;
}

async function test(args: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseMaelstromTestFlags(args, io.cwd, MAELSTROM_WORKLOAD_NAMES);
  const guard = new OrphanGuard();
  const results: { result: ProcessTestResult; recordingPath: string }[] = [];
  try {
    for (const seed of flags.seeds) {
      const trial = await runTrial(flags, seed, io, guard);
      results.push(trial);
      if (flags.untilFailure && trial.result.valid !== true) break;
    }
  } finally {
    guard.close();
  }
  if (results.length > 1) {
    const failed = results.filter(({ result }) => result.valid !== true);
    io.stdout.write(
      `${results.length} trials: ${results.length - failed.length} valid, ${failed.length} not` +
        (failed.length > 0
          ? ` (seeds ${failed.map(({ result }) => result.seed).join(", ")})`
          : "") +
        "\n",
    );
  }
  if (flags.json) {
    const shown =
      results.find(({ result }) => result.valid !== true) ?? results[results.length - 1]!;
    io.stdout.write(`${JSON.stringify(resultJson(shown.result, shown.recordingPath))}\n`);
  }
  return exitCode(results.map(({ result }) => result));
}

/** `faultline maelstrom`. */
export const maelstromCommand: Command = {
  name: "maelstrom",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== "test") {
      throw new UsageError(
        sub === undefined
          ? `expected a subcommand: test\n\n${USAGE}`
          : `unknown subcommand "${sub}": expected test\n\n${USAGE}`,
      );
    }
    return test(rest, io);
  },
};
