/**
 * `faultline replay SCENARIO --seed N` (or `faultline replay FAILURE_FILE`): runs one seed
 * again, in this thread, with the full trace. The same seed gives the same verdict and the
 * same trace hash; `--check-determinism` runs it twice and shows the first event at which
 * the two runs differ, if they do; `--trace FILE` writes the trace as JSON lines, or with
 * `--trace-format chrome` as Trace Event JSON for Perfetto and chrome://tracing.
 */
import { relative } from "node:path";
import { recordingFromRun } from "../../scenario/recording-from-run.js";
import type { RunResult } from "../../scenario/run-result.js";
import { runScenario } from "../../scenario/run-scenario.js";
import type { Scenario } from "../../scenario/scenario.js";
import { chromeTrace, formatChromeTrace } from "../../scenario/trace-export-chrome.js";
import type { Simulation } from "../../sim/simulation.js";
import { formatTime } from "../../sim/time.js";
import { firstDivergence, type Trace, type TraceEvent } from "../../sim/trace.js";
import { parseCommandArgs, parseNonNegativeInteger } from "../args.js";
import type { Command } from "../command.js";
import {
  applyDeterminismGuardFlag,
  DETERMINISM_GUARD_OPTION,
  DETERMINISM_GUARD_USAGE,
} from "../determinism-guard-flag.js";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { isFailureFile, readFailure, replayCommand as replayCommandLine } from "../failure-file.js";
import type { CommandIo } from "../io.js";
import { historyOutput, writeHistory, writeReport } from "../run-outputs.js";
import { loadScenarioArgument } from "../scenario-argument.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomically } from "../write-file-atomically.js";

const USAGE = `Usage: faultline replay SCENARIO --seed N [options]
       faultline replay FAILURE_FILE [options]

Runs one seed again: same verdict, same trace hash.

Options:
  --seed N              the seed to replay
  --trace FILE          write the trace as JSON lines
  --trace-format F      jsonl (the default) or chrome: Trace Event JSON for Perfetto and
                        chrome://tracing, one track per node and per client
                        (\`--trace-format chrome FILE\` is short for \`--trace FILE --trace-format chrome\`)
  --history FILE        write the run's client history, readable by \`faultline check\`
  --history-format F    jsonl (the default) or jepsen-edn
  --report DIR          write the run report (DIR/index.html: history, message diagram, plots)
  --check-determinism   run twice and report the first diverging event, if any
  --json                print {"seed","traceHash","verdict","events",...} on the last line
${DETERMINISM_GUARD_USAGE}

Exit codes: 0 the run passed, 1 it failed (or is not deterministic), 2 bad input or usage.
`;

/** The scenario and seed a replay names, from a scenario file and --seed, or a failure file. */
export async function replayTarget(
  path: string,
  seedFlag: string | undefined,
  io: CommandIo,
): Promise<{ scenario: Scenario; seed: number }> {
  const full = path.startsWith("/") ? path : `${io.cwd}/${path}`;
  if (await isFailureFile(full)) {
    const record = await readFailure(full);
    const seed = seedFlag === undefined ? record.seed : parseNonNegativeInteger("--seed", seedFlag);
    return { scenario: await loadScenarioArgument(record.scenarioFile, io.cwd), seed };
  }
  if (seedFlag === undefined)
    throw new UsageError(`--seed is required with a scenario file\n\n${USAGE}`);
  return {
    scenario: await loadScenarioArgument(path, io.cwd),
    seed: parseNonNegativeInteger("--seed", seedFlag),
  };
}

function describeEvent(event: TraceEvent | undefined): string {
  if (event === undefined) return "(the run had ended)";
  const between = [event.node, event.peer].filter((part) => part !== undefined).join(" -> ");
  const extra = event.text ?? `detail ${event.detail}, digest ${event.digest.toString(16)}`;
  return `#${event.index} at ${formatTime(event.timeUs)}: ${event.kind} ${between} (${extra})`;
}

async function runOnce(
  scenario: Scenario,
  seed: number,
  keepPayloads = false,
): Promise<{ result: RunResult; trace: Trace }> {
  let sim: Simulation | undefined;
  const result = await runScenario(scenario, seed, {
    trace: "full",
    keepPayloads,
    onSimulation: (created) => (sim = created),
  });
  return { result, trace: sim!.trace };
}

function traceLines(trace: Trace): string {
  const lines: string[] = [];
  for (const event of trace.events()) {
    const { payload: _payload, ...fields } = event;
    lines.push(JSON.stringify(fields));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/**
 * Where and how to write the trace, from `--trace FILE`, `--trace-format F`, or the short
 * form `--trace-format chrome FILE` (the file then follows as a second positional, which
 * is taken out of `positionals`).
 */
function traceOutput(
  file: string | undefined,
  format: string | undefined,
  positionals: string[],
): { file: string; format: "jsonl" | "chrome" } | undefined {
  if (format !== undefined && format !== "jsonl" && format !== "chrome")
    throw new UsageError(`--trace-format expects jsonl or chrome, found "${format}"`);
  const path =
    file ?? (format !== undefined && positionals.length === 2 ? positionals.pop() : undefined);
  if (path === undefined) {
    if (format !== undefined)
      throw new UsageError("--trace-format needs a file: --trace-format chrome FILE");
    return undefined;
  }
  return { file: path, format: format ?? "jsonl" };
}

function report(result: RunResult, io: CommandIo, scenario: Scenario): void {
  const verdict = result.ok ? "PASSED" : `FAILED ${result.failure?.reason}`;
  io.stdout.write(`${scenario.name} seed ${result.seed}: ${verdict}\n`);
  if (result.failure !== undefined)
    io.stdout.write(`${result.failure.details ?? result.failure.message}\n`);
  io.stdout.write(
    `trace hash ${result.traceHash}, ${result.events} events, ${formatTime(result.virtualUs)} virtual, ` +
      `${result.ops.invoked} operations (${result.ops.ok} ok, ${result.ops.fail} fail, ${result.ops.info} info), ${result.faults.length} faults\n`,
  );
  for (const fault of result.faults) {
    const end = fault.endUs === undefined ? "to the end" : `to ${formatTime(fault.endUs)}`;
    io.stdout.write(
      `  ${formatTime(fault.atUs)} ${end}: ${fault.description}${fault.skipped ? ` (skipped: ${fault.skipped})` : ""}\n`,
    );
  }
}

async function replayCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    seed: { type: "string" },
    trace: { type: "string" },
    "trace-format": { type: "string" },
    "check-determinism": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    history: { type: "string" },
    "history-format": { type: "string" },
    report: { type: "string" },
    ...DETERMINISM_GUARD_OPTION,
  });
  const output = traceOutput(values.trace, values["trace-format"], positionals);
  const history = historyOutput(values.history, values["history-format"]);
  if (positionals.length !== 1)
    throw new UsageError(`expected one scenario or failure file\n\n${USAGE}`);
  const target = await replayTarget(positionals[0]!, values.seed, io);
  const { seed } = target;
  const scenario = applyDeterminismGuardFlag(target.scenario, values);
  io.stderr.write(`replaying ${relative(io.cwd, scenario.file ?? scenario.name)} seed ${seed}\n`);
  const first = await runOnce(
    scenario,
    seed,
    output?.format === "chrome" || values.report !== undefined,
  );
  report(first.result, io, scenario);
  let deterministic = true;
  if (values["check-determinism"]) {
    const second = await runOnce(scenario, seed);
    const divergence = firstDivergence(first.trace, second.trace);
    deterministic = divergence === undefined && first.result.traceHash === second.result.traceHash;
    if (deterministic) {
      io.stdout.write(`deterministic: both runs gave trace hash ${first.result.traceHash}\n`);
    } else {
      io.stdout.write(
        `NOT deterministic: hashes ${first.result.traceHash} and ${second.result.traceHash}\n`,
      );
      if (divergence !== undefined) {
        io.stdout.write(
          `first difference at event ${divergence.index}:\n  run 1: ${describeEvent(divergence.first)}\n  run 2: ${describeEvent(divergence.second)}\n`,
        );
      }
    }
  }
  if (output !== undefined) {
    const path = output.file.startsWith("/") ? output.file : `${io.cwd}/${output.file}`;
    const text =
      output.format === "chrome"
        ? formatChromeTrace(
            chromeTrace(first.trace, {
              scenario: scenario.name,
              result: first.result,
              nodes: scenario.nodes,
              clients: scenario.workload.clients,
            }),
          )
        : traceLines(first.trace);
    await writeFileAtomically(path, text);
    io.stderr.write(
      `trace written to ${output.file} (${first.trace.length} events, ${output.format})\n`,
    );
  }
  if (history !== undefined || values.report !== undefined) {
    const recording = recordingFromRun({
      scenario,
      result: first.result,
      trace: first.trace,
      ...(scenario.file === undefined
        ? {}
        : { replay: replayCommandLine(io.cwd, scenario.file, seed, scenario) }),
    });
    if (history !== undefined) await writeHistory(recording, history, io);
    if (values.report !== undefined)
      io.stderr.write(`report written to ${await writeReport(recording, values.report, io)}\n`);
  }
  if (values.json) {
    const verdict = first.result.ok ? "pass" : "fail";
    io.stdout.write(
      `${JSON.stringify({
        scenario: scenario.name,
        seed,
        traceHash: first.result.traceHash,
        verdict,
        reason: first.result.failure?.reason ?? null,
        events: first.result.events,
        ...(values["check-determinism"] ? { deterministic } : {}),
      })}\n`,
    );
  }
  return first.result.ok && deterministic ? EXIT_OK : EXIT_FAILURE;
}

/** The `replay` subcommand. */
export const replayCommandDefinition: Command = {
  name: "replay",
  usage: USAGE,
  run: replayCommand,
};
