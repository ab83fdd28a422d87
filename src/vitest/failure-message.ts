/**
 * The text a failing simulation test shows: the scenario and seed, the failure reason and
 * its explanation, the shrunk reproducer when there is one, and, last, the one command
 * that replays it. The seed is the reproducer: it is always in the first line.
 */
import type { RunResult } from "../scenario/run-result.js";
import { sizeLines } from "../shrink/shrink-report.js";
import type { RunContext } from "./run-context.js";

/** Most lines of a failure's explanation shown in a test failure. */
const MAX_DETAIL_LINES = 30;

function explanation(result: RunResult): string[] {
  const text = result.failure?.details ?? result.failure?.message ?? "";
  const lines = text.split("\n");
  if (lines.length <= MAX_DETAIL_LINES) return lines;
  return [
    ...lines.slice(0, MAX_DETAIL_LINES),
    `... (${lines.length - MAX_DETAIL_LINES} more lines)`,
  ];
}

/** The command to show when no helper recorded one: how to run the seed from code. */
export function fallbackReplay(result: RunResult): string {
  return `await runScenario(scenario, ${result.seed}) // scenario ${result.scenario}, seed ${result.seed}`;
}

/**
 * Describes a failed run for a test report.
 *
 * @example
 * ```ts
 * describeFailure(result, { replay: "npx faultline replay scenarios/x.yaml --seed 3" });
 * // "x seed 3 failed: linearizability\n...\nreplay: npx faultline replay scenarios/x.yaml --seed 3"
 * ```
 */
export function describeFailure(result: RunResult, context: RunContext | undefined): string {
  const reason = result.failure?.reason ?? "no failure";
  const lines = [
    `${result.scenario} seed ${result.seed} failed: ${reason}`,
    ...explanation(result),
  ];
  const reproducer = context?.reproducer;
  if (reproducer !== undefined) {
    lines.push("", `shrunk reproducer: ${reproducer.file}`);
    for (const line of sizeLines(reproducer.before, reproducer.after)) lines.push(`  ${line}`);
    for (const line of reproducer.schedule) lines.push(`  fault: ${line}`);
    if (reproducer.note !== undefined) lines.push(reproducer.note);
  }
  lines.push("", `replay: ${context?.replay ?? fallbackReplay(result)}`);
  return lines.join("\n");
}
