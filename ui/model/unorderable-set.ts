/**
 * The strongest part of a linearizability explanation, for the viewer: the smallest set of
 * operations that cannot be ordered (as `faultline check` finds it), each read in it
 * followed by the write whose value it returned. Found with a fixed step budget, so the
 * same recording always gives the same lines.
 */
import {
  type MinimalViolation,
  minimizeViolation,
} from "../../src/checkers/explain/minimize-violation.js";
import type {
  DescribedOperation,
  ViolationExplanation,
} from "../../src/checkers/linearizability-result.js";
import { BUILTIN_MODELS } from "../../src/checkers/models/builtin-models.js";
import { formatProcess, type Operation } from "../../src/checkers/operation.js";
import { prepareHistory } from "../../src/checkers/prepare-history.js";
import { formatValue, type Value } from "../../src/checkers/value.js";
import type { ReplayRecording } from "../recording/replay-recording.js";
import { formatClockTime } from "./format-time.js";

/** Steps the search for the smallest set may take. */
const MINIMIZE_STEPS = 2_000_000;

/** The smallest unorderable set of `recording`'s violation, or undefined when it cannot be found. */
export function unorderableSet(
  recording: ReplayRecording,
  explanation: ViolationExplanation,
): MinimalViolation | undefined {
  const model = recording.model === undefined ? undefined : BUILTIN_MODELS[recording.model];
  if (model === undefined) return undefined;
  const prepared = prepareHistory(recording.result.history, model);
  if (!prepared.ok) return undefined;
  const partition = prepared.value.partitions.find((p) => p.key === explanation.partition);
  if (partition === undefined) return undefined;
  return minimizeViolation(model, partition, explanation, { maxSteps: MINIMIZE_STEPS });
}

/** The value an operation writes, when it is a write (or a cas that swapped). */
function writtenValue(operation: Operation): Value | undefined {
  if (operation.status === "fail") return undefined;
  if (operation.f === "write" || operation.f === "put") return operation.input;
  if (operation.f === "cas" && Array.isArray(operation.input)) return operation.input[1];
  return undefined;
}

/** The write whose value a read returned (the latest one invoked before the read completed). */
export function sourceWrite(
  read: Operation,
  operations: readonly Operation[],
): Operation | undefined {
  if (read.f !== "read" && read.f !== "get") return undefined;
  if (read.status !== "ok" || read.output === null) return undefined;
  const wanted = JSON.stringify(read.output);
  const end = read.completeIndex ?? Number.POSITIVE_INFINITY;
  let found: Operation | undefined;
  for (const operation of operations) {
    if (operation.invokeIndex > end) break;
    const value = writtenValue(operation);
    if (value !== undefined && JSON.stringify(value) === wanted) found = operation;
  }
  return found;
}

function timed({ operation, description }: DescribedOperation): string {
  const start = operation.invokeTime === undefined ? "?" : formatClockTime(operation.invokeTime);
  const end =
    operation.completeTime === undefined ? "never" : formatClockTime(operation.completeTime);
  return `${formatProcess(operation.process)} ${description} [${start} .. ${end}]`;
}

/** The lines that show the set: a title, then each operation, reads with their source write. */
export function unorderableLines(
  minimal: MinimalViolation,
  explanation: ViolationExplanation,
): string[] {
  const lines = [
    `These ${minimal.operations.length} operations cannot be ordered${minimal.minimal ? " (relaxing any one of them makes an order possible)" : ""}:`,
  ];
  for (const described of minimal.operations) {
    lines.push(`  ${timed(described)}`);
    const source = sourceWrite(described.operation, explanation.partitionOperations);
    if (source !== undefined) {
      const at =
        source.invokeTime === undefined ? "" : ` invoked at ${formatClockTime(source.invokeTime)}`;
      lines.push(
        `    read ${formatValue(described.operation.output)}: the value written by ${formatProcess(source.process)} ${source.f}(${formatValue(source.input)})${at}`,
      );
    }
  }
  return lines;
}
