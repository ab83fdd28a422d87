/**
 * Where and why the run failed, for the `v` key and the history lanes: the trace index to
 * jump to, one summary line, the longer explanation, and which client operations the
 * checker's explanation names. For a linearizability violation the place is the moment the
 * client got the answer that no order explains; for a node failure, the failure itself; for
 * invariants and liveness, the end of the run (the run stops at a safety violation).
 */
import type {
  DescribedOperation,
  ViolationExplanation,
} from "../../src/checkers/linearizability-result.js";
import { formatProcess } from "../../src/checkers/operation.js";
import { TraceKind } from "../../src/sim/trace.js";
import type { ReplayRecording } from "../recording/replay-recording.js";
import { formatClockTime } from "./format-time.js";
import { unorderableLines, unorderableSet } from "./unorderable-set.js";

/** How an operation figures in the explanation. */
export type OperationRole = "blocker" | "prefix";

/** The run's failure, located. */
export interface ViolationView {
  /** The failure's reason (`linearizability`, `invariant:…`, `node-failure`, ...). */
  readonly reason: string;
  /** The trace index to jump to. */
  readonly index: number;
  /** One line saying what went wrong. */
  readonly summary: string;
  /** The explanation, line by line. */
  readonly lines: readonly string[];
  /** Operations the explanation names, by the history index of their invocation. */
  readonly operations: ReadonlyMap<number, OperationRole>;
}

/** Steps of the longest linearizable prefix highlighted and listed before the blocker. */
const PREFIX_SHOWN = 3;
/** Prefix steps listed in the explanation. */
const PREFIX_LISTED = 6;

/** Locates the failure of `recording`, or undefined when the run passed. */
export function violationView(recording: ReplayRecording): ViolationView | undefined {
  const failure = recording.result.failure;
  if (failure === undefined) return undefined;
  const checked = recording.linearizability;
  if (failure.reason === "linearizability" && checked?.verdict === "violation")
    return linearizabilityView(recording, checked.explanation);
  const lastIndex = Math.max(0, recording.columns.length - 1);
  const failureIndex = lastIndexOfKind(recording, TraceKind.nodeFailure);
  const index =
    failure.reason === "node-failure" || failure.reason === "nondeterminism"
      ? (failureIndex ?? lastIndex)
      : lastIndex;
  const detail = failure.details?.split("\n") ?? [];
  return {
    reason: failure.reason,
    index,
    summary: `${failure.reason}: ${failure.message}`,
    lines: [failure.message, ...detail.filter((line) => line !== failure.message)],
    operations: new Map(),
  };
}

function linearizabilityView(
  recording: ReplayRecording,
  explanation: ViolationExplanation,
): ViolationView {
  const { blocker, longestPrefix } = explanation;
  const key = explanation.partition === undefined ? "" : ` on key ${String(explanation.partition)}`;
  const operations = new Map<number, OperationRole>();
  for (const step of longestPrefix.slice(-PREFIX_SHOWN))
    operations.set(step.operation.invokeIndex, "prefix");
  operations.set(blocker.operation.invokeIndex, "blocker");
  const minimal = unorderableSet(recording, explanation);
  const lines = [
    `Not linearizable${key}: no order of the operations explains what the clients saw.`,
    ...(minimal === undefined ? [] : unorderableLines(minimal, explanation)),
    `Longest linearizable prefix: ${longestPrefix.length} operations, ending in state ${explanation.stateAfterPrefix}; its last:`,
    ...longestPrefix
      .slice(-PREFIX_LISTED)
      .map((step) => `  ${describeTimed(step)}  => ${step.stateAfter}`),
    `Cannot be placed next: ${describeTimed(blocker)}`,
  ];
  return {
    reason: "linearizability",
    index: completionIndex(recording, blocker),
    summary:
      minimal === undefined
        ? `not linearizable${key}: ${blocker.description} by ${formatProcess(blocker.operation.process)} cannot follow state ${explanation.stateAfterPrefix}`
        : `not linearizable${key}: ${minimal.operations.length} operations cannot be ordered: ${minimal.operations.map(({ operation, description }) => `${formatProcess(operation.process)} ${description}`).join(", ")}`,
    lines,
    operations,
  };
}

function describeTimed({ operation, description }: DescribedOperation): string {
  const start = operation.invokeTime === undefined ? "?" : formatClockTime(operation.invokeTime);
  const end =
    operation.completeTime === undefined ? "never" : formatClockTime(operation.completeTime);
  return `${description} by ${formatProcess(operation.process)} [${start} .. ${end}]`;
}

/**
 * The trace index at which the client received the operation's answer: the response to its
 * process at its completion time (its invocation when it never completed).
 */
function completionIndex(recording: ReplayRecording, { operation }: DescribedOperation): number {
  const { columns } = recording;
  const client = recording.trace.endpoints.indexOf(`c${String(operation.process)}`);
  const timeUs = operation.completeTime ?? operation.invokeTime ?? 0;
  const wanted =
    operation.completeTime === undefined ? TraceKind.clientRequest : TraceKind.clientResponse;
  const first = columns.firstAtOrAfter(timeUs);
  let found: number | undefined;
  for (let index = first; index < columns.length && columns.timeUs(index) === timeUs; index++) {
    if (columns.kind(index) !== wanted) continue;
    const endpoint = wanted === TraceKind.clientRequest ? columns.node(index) : columns.peer(index);
    if (endpoint === client) found = index;
  }
  return found ?? Math.min(first, columns.length - 1);
}

function lastIndexOfKind(recording: ReplayRecording, kind: number): number | undefined {
  const { columns } = recording;
  for (let index = columns.length - 1; index >= 0; index--)
    if (columns.kind(index) === kind) return index;
  return undefined;
}
