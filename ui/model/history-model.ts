/**
 * The client history as the lanes view draws it: every operation, paired from its
 * invocation and completion, with its virtual start and end, on the lane of the client
 * slot that issued it. A process that timed out is retired and a new process takes its
 * slot (as in Jepsen), so one lane per slot shows every process, one after the other.
 */
import type { Value } from "../../src/checkers/value.js";
import type { WorkloadEvent } from "../../src/workload/workload.js";
import { formatValue } from "./format-value.js";

/** How an operation ended; `pending` when it never did. */
export type OperationOutcome = "ok" | "fail" | "info" | "pending";

/** One client operation, as a bar. */
export interface HistoryOperation {
  /** Index of its invocation in the history (the checker's `invokeIndex`). */
  readonly invokeIndex: number;
  /** The process that ran it. */
  readonly process: number;
  /** Its lane (the client slot). */
  readonly lane: number;
  /** Invocation time, in virtual microseconds. */
  readonly startUs: number;
  /** Completion time; for pending operations, the end of the run. */
  readonly endUs: number;
  /** How it ended. */
  readonly outcome: OperationOutcome;
  /** A short label: `r k1=3`, `w k1 5`, `cas k1 3>4`. */
  readonly label: string;
}

/** The history arranged in lanes. */
export interface HistoryModel {
  /** Operations of each lane, by start time (they never overlap within a lane). */
  readonly lanes: readonly (readonly HistoryOperation[])[];
  /** The median duration of completed operations, in microseconds (0 when none). */
  readonly medianDurationUs: number;
}

/** Arranges `history` into `clients` lanes; `endUs` closes operations that never completed. */
export function buildHistoryModel(
  history: readonly WorkloadEvent[],
  clients: number,
  endUs: number,
): HistoryModel {
  const laneCount = Math.max(1, clients);
  const lanes: HistoryOperation[][] = Array.from({ length: laneCount }, () => []);
  const open = new Map<number, { readonly index: number; readonly event: WorkloadEvent }>();
  const durations: number[] = [];
  const close = (index: number, invoke: WorkloadEvent, completion: WorkloadEvent | undefined) => {
    const outcome = completion === undefined ? "pending" : (completion.type as OperationOutcome);
    const operation: HistoryOperation = {
      invokeIndex: index,
      process: invoke.process,
      lane: invoke.process % laneCount,
      startUs: invoke.time,
      endUs: completion?.time ?? endUs,
      outcome,
      label: operationLabel(invoke, completion),
    };
    lanes[operation.lane]!.push(operation);
    if (completion !== undefined) durations.push(operation.endUs - operation.startUs);
  };
  history.forEach((event, index) => {
    if (event.type === "invoke") {
      open.set(event.process, { index, event });
      return;
    }
    const invoke = open.get(event.process);
    if (invoke === undefined) return;
    open.delete(event.process);
    close(invoke.index, invoke.event, event);
  });
  for (const { index, event } of open.values()) close(index, event, undefined);
  for (const lane of lanes)
    lane.sort((a, b) => a.startUs - b.startUs || a.invokeIndex - b.invokeIndex);
  return { lanes, medianDurationUs: medianOf(durations) };
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/** A short label for an operation: what it asked and, for reads, what it saw. */
export function operationLabel(
  invoke: WorkloadEvent,
  completion: WorkloadEvent | undefined,
): string {
  const key = invoke.key === undefined ? "" : `${invoke.key}`;
  const shown = (value: Value | undefined) => (value === undefined ? "?" : formatValue(value));
  switch (invoke.f) {
    case "read":
      return `r ${key}=${completion?.type === "ok" ? shown(completion.value) : "?"}`;
    case "write":
      return `w ${key} ${shown(invoke.value)}`;
    case "cas": {
      const [from, to] = Array.isArray(invoke.value) ? invoke.value : [invoke.value, "?"];
      const failed = completion?.type === "ok" && completion.value === false ? "!" : "";
      return `cas ${key} ${shown(from as Value)}>${shown(to as Value)}${failed}`;
    }
    default:
      return `${invoke.f} ${key} ${shown(invoke.value)}`.trim();
  }
}

/**
 * The operations of `lane` that overlap [fromUs, toUs), found by binary search (a lane's
 * operations never overlap, so their ends increase with their starts).
 */
export function operationsBetween(
  lane: readonly HistoryOperation[],
  fromUs: number,
  toUs: number,
): readonly HistoryOperation[] {
  let low = 0;
  let high = lane.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lane[middle]!.endUs < fromUs) low = middle + 1;
    else high = middle;
  }
  const found: HistoryOperation[] = [];
  for (let index = low; index < lane.length && lane[index]!.startUs < toUs; index++)
    found.push(lane[index]!);
  return found;
}
