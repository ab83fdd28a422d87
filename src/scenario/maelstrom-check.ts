/**
 * The end-of-run check of a Maelstrom workload: its own checker over the recorded history,
 * as a check summary and, when the history is invalid, a failure with reason
 * `workload:<name>` (e.g. `workload:broadcast`) and the checker's explanation.
 */
import type { MaelstromEvent } from "../maelstrom/workload.js";
import type { ScenarioMaelstrom } from "./maelstrom-workload.js";
import type { CheckSummary, RunFailure } from "./run-result.js";

/** What the Maelstrom check said, for the run's end checks. */
export interface MaelstromCheckOutcome {
  readonly summary: CheckSummary;
  readonly failure?: RunFailure;
}

/** Runs the workload's checker over `history`. */
export function checkMaelstromHistory(
  maelstrom: ScenarioMaelstrom,
  history: readonly MaelstromEvent[],
): MaelstromCheckOutcome {
  const { workload, options } = maelstrom;
  const verdict = workload.check(history, options);
  const name = `workload:${workload.name}`;
  if (verdict.valid === true) {
    return { summary: { name, verdict: "pass", detail: verdict.explanation } };
  }
  if (verdict.valid === "unknown") {
    return { summary: { name, verdict: "unknown", detail: verdict.explanation } };
  }
  const details = verdict.anomalies
    .slice(0, 20)
    .map((anomaly) => `- ${anomaly.type}: ${anomaly.explanation}`)
    .join("\n");
  const message = `${workload.name} checker: ${verdict.explanation}`;
  return {
    summary: { name, verdict: "fail", detail: message },
    failure: { reason: name, message, details },
  };
}
