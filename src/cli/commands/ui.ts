/**
 * `faultline ui SCENARIO --seed N` (or `faultline ui FAILURE_FILE`): replays one seed with
 * its full trace and steps through it in the terminal: nodes, events, client history and
 * the checker's explanation (see `ui/`). Without a terminal it prints a plain report of the
 * failure instead, so it is safe in pipes and CI.
 */
import { relative } from "node:path";
import { buildViewerContext, recordReplay, staticReport } from "../../../ui/index.js";
import { loadViewer } from "../../../ui/load-viewer.js";
import { parseCommandArgs, parseNonNegativeInteger } from "../args.js";
import type { Command } from "../command.js";
import {
  applyDeterminismGuardFlag,
  DETERMINISM_GUARD_OPTION,
  DETERMINISM_GUARD_USAGE,
} from "../determinism-guard-flag.js";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { isFailureFile, readFailure } from "../failure-file.js";
import type { CommandIo } from "../io.js";
import { UsageError } from "../usage-error.js";
import { replayTarget } from "./replay.js";

const USAGE = `Usage: faultline ui SCENARIO --seed N [options]
       faultline ui FAILURE_FILE [options]

Replays one seed and lets you step through it: node states, events, client history and
the checker's explanation. Press ? in the viewer for its keys. Without a terminal (a pipe,
CI) it prints a plain report of the run instead.

Options:
  --seed N       the seed to replay (a failure file names its own)
  --static       print the plain report even in a terminal
  --width N      width of the plain report (default: the terminal's, or 100)
${DETERMINISM_GUARD_USAGE}

Exit codes: 0 the run passed, 1 it failed, 2 bad input or usage.
`;

/** Default width of the plain report when the output is not a terminal. */
const REPORT_WIDTH = 100;

/** The trace hash a failure file recorded, when `path` is one and its seed is replayed. */
async function expectedTraceHash(path: string, seedFlag: string | undefined, io: CommandIo) {
  const full = path.startsWith("/") ? path : `${io.cwd}/${path}`;
  if (seedFlag !== undefined || !(await isFailureFile(full))) return undefined;
  return (await readFailure(full)).traceHash;
}

/** Whether the command writes to a real terminal it can take over (keys and screen). */
function interactive(io: CommandIo): boolean {
  return io.stdout === process.stdout && Boolean(process.stdout.isTTY && process.stdin.isTTY);
}

async function uiCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    seed: { type: "string" },
    static: { type: "boolean", default: false },
    width: { type: "string" },
    ...DETERMINISM_GUARD_OPTION,
  });
  if (positionals.length !== 1)
    throw new UsageError(`expected one scenario or failure file\n\n${USAGE}`);
  const path = positionals[0]!;
  const width =
    values.width === undefined ? undefined : parseNonNegativeInteger("--width", values.width);
  const target = await replayTarget(path, values.seed, io);
  const { seed } = target;
  const scenario = applyDeterminismGuardFlag(target.scenario, values);
  const hash = await expectedTraceHash(path, values.seed, io);
  const label = relative(io.cwd, scenario.file ?? scenario.name) || scenario.name;
  io.stderr.write(`replaying ${label} seed ${seed}\n`);
  const recording = await recordReplay(scenario, seed, {
    label,
    ...(hash === undefined ? {} : { expectedTraceHash: hash }),
  });
  const context = buildViewerContext(recording);
  if (!values.static && interactive(io)) {
    const { runReplayUi } = await loadViewer();
    await runReplayUi(context);
  } else {
    const reportWidth = width ?? (interactive(io) ? io.columns : REPORT_WIDTH);
    io.stdout.write(staticReport(context, { width: Math.max(40, reportWidth) }));
  }
  return recording.result.ok ? EXIT_OK : EXIT_FAILURE;
}

/** The `ui` subcommand. */
export const uiCommandDefinition: Command = {
  name: "ui",
  usage: USAGE,
  run: uiCommand,
};
