/**
 * The linearizability verdict of a replay, computed once. `runScenario` checks the history
 * itself but keeps only the text of the checker's explanation; the viewer needs its
 * structure (which operations, in which order), so the replay runs with the check off and
 * judges the history here, composing the same verdict the runner would have given (a
 * test pins the two to agree). Checking once instead of twice is what keeps long runs
 * quick to open.
 */
import { checkLinearizability } from "../../src/checkers/check-linearizability.js";
import type { LinearizabilityResult } from "../../src/checkers/linearizability-result.js";
import { BUILTIN_MODELS } from "../../src/checkers/models/builtin-models.js";
import { formatProcess } from "../../src/checkers/operation.js";
import type { CheckSummary, RunFailure, RunResult } from "../../src/scenario/run-result.js";
import type { Scenario } from "../../src/scenario/scenario.js";

/** A run's result with the history judged, and the checker's own answer. */
export interface JudgedRun {
  readonly result: RunResult;
  /** The checker's answer; undefined when the runner would not have checked. */
  readonly linearizability: LinearizabilityResult | undefined;
}

/** `scenario` with the linearizability check off (the replay judges the history itself). */
export function withoutLinearizability(scenario: Scenario): Scenario {
  return { ...scenario, checks: { ...scenario.checks, linearizability: false } };
}

/**
 * Judges the history of `result` (a run of `withoutLinearizability(scenario)`) as the
 * runner would have for `scenario`: only when no other failure came first (a liveness
 * failure still gets its history checked), keeping the earlier failure if there is one.
 */
export function judgeHistory(scenario: Scenario, result: RunResult): JudgedRun {
  const model = scenario.checks.linearizability;
  if (model === false) return { result, linearizability: undefined };
  const earlier = result.failure;
  if (earlier !== undefined && earlier.reason !== "liveness")
    return { result, linearizability: undefined };
  const checked = checkLinearizability(result.history, BUILTIN_MODELS[model]!, {
    maxSteps: scenario.checks.checkerSteps,
  });
  const failure = earlier ?? violationFailure(checked);
  return {
    result: {
      ...result,
      ok: failure === undefined,
      failure,
      checks: replaceCheck(result.checks, summaryOf(checked)),
    },
    linearizability: checked,
  };
}

function replaceCheck(checks: readonly CheckSummary[], summary: CheckSummary): CheckSummary[] {
  const others = checks.filter((check) => check.name !== summary.name);
  return [...others, summary];
}

function summaryOf(checked: LinearizabilityResult): CheckSummary {
  switch (checked.verdict) {
    case "linearizable":
      return {
        name: "linearizability",
        verdict: "pass",
        detail: `${checked.operations} operations`,
      };
    case "unknown":
      return {
        name: "linearizability",
        verdict: "unknown",
        detail: `search stopped: ${checked.reason}`,
      };
    case "violation":
      return { name: "linearizability", verdict: "fail", detail: violationMessage(checked) };
  }
}

function violationMessage(
  checked: Extract<LinearizabilityResult, { verdict: "violation" }>,
): string {
  const partition = checked.explanation.partition;
  const key = partition === undefined ? "" : ` on key ${String(partition)}`;
  return `history not linearizable${key}: no order of the operations explains what clients saw.`;
}

function violationFailure(checked: LinearizabilityResult): RunFailure | undefined {
  if (checked.verdict !== "violation") return undefined;
  const { explanation } = checked;
  const message = violationMessage(checked);
  const details = [
    message,
    `Longest linearizable prefix (${explanation.longestPrefix.length} operations), ending in state ${explanation.stateAfterPrefix}:`,
    ...explanation.longestPrefix
      .slice(-10)
      .map((step) => `  ${step.description}  => ${step.stateAfter}`),
    `Cannot be placed next: ${explanation.blocker.description} (process ${formatProcess(explanation.blocker.operation.process)})`,
  ].join("\n");
  return { reason: "linearizability", message, details };
}
