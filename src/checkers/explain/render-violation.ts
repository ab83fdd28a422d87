/**
 * The terminal explanation of a violation: the smallest set of operations found that cannot
 * be ordered, drawn as lanes, then the longest linearizable prefix and the operation that
 * cannot follow it.
 */
import type { ViolationExplanation } from "../linearizability-result.js";
import { formatProcess } from "../operation.js";
import { formatValue } from "../value.js";
import type { MinimalViolation } from "./minimize-violation.js";
import { describeInterval, renderLanes } from "./render-lanes.js";

/** How much of the longest prefix to list before eliding its start. */
const PREFIX_TAIL = 5;

function partitionLabel(explanation: ViolationExplanation): string {
  if (explanation.partition === undefined) return "";
  const key = explanation.partitionOperations[0]?.key;
  return ` on key ${key === undefined ? String(explanation.partition) : formatValue(key)}`;
}

function minimalSection(minimal: MinimalViolation, maxWidth: number): string[] {
  const count = minimal.operations.length;
  const heading = minimal.minimal
    ? `These ${count} operations cannot be ordered, even if every other operation took effect at any time after its invocation, or never (and relaxing any one of them makes an order possible):`
    : `These ${count} operations cannot be ordered, even if every other operation took effect at any time after its invocation, or never (a smaller set may exist: the search for one ran out of budget):`;
  return [heading, renderLanes(minimal.operations, { maxWidth, indent: "  " })];
}

function prefixSection(explanation: ViolationExplanation): string[] {
  const { longestPrefix, blocker, stateAfterPrefix } = explanation;
  const shown = longestPrefix.slice(-PREFIX_TAIL);
  const elided = longestPrefix.length - shown.length;
  const lines = [
    `The longest linearizable prefix has ${longestPrefix.length} operation(s)${elided > 0 ? `; the last ${shown.length}:` : ":"}`,
    ...shown.map(
      (step) =>
        `  ${formatProcess(step.operation.process)}  ${step.description}  (${describeInterval(step.operation)})  => ${step.stateAfter}`,
    ),
  ];
  lines.push(
    `Then ${formatProcess(blocker.operation.process)} ${blocker.description} (${describeInterval(blocker.operation)}) cannot be placed: the state is ${stateAfterPrefix}, and every other order fails too.`,
  );
  return lines;
}

/**
 * Renders a violation for the terminal.
 *
 * @example
 * ```ts
 * io.stdout.write(`${renderViolation(result.explanation, minimal, { maxWidth: 100 })}\n`);
 * ```
 */
export function renderViolation(
  explanation: ViolationExplanation,
  minimal: MinimalViolation | undefined,
  options: { readonly maxWidth?: number } = {},
): string {
  const maxWidth = options.maxWidth ?? 100;
  const title = `No linearization exists${partitionLabel(explanation)}.`;
  const sections = [
    [title],
    ...(minimal === undefined ? [] : [minimalSection(minimal, maxWidth)]),
    prefixSection(explanation),
  ];
  return sections.map((lines) => lines.join("\n")).join("\n");
}
