/**
 * Pairs invocations with completions, process by process, turning a history's events into
 * operations. A completion with no open invocation, a process that invokes while its last
 * operation is still open, and a completion whose `f` or key differ from its invocation are
 * errors, not guesses.
 */
import type { HistoryEvent, HistorySource, ProcessId, SourcedHistory } from "./history.js";
import type { Checked, HistoryProblem } from "./history-problem.js";
import { formatProcess, type Operation } from "./operation.js";
import { formatValue, sameValue, type Value } from "./value.js";

interface OpenOperation {
  readonly event: HistoryEvent;
  readonly index: number;
  readonly operationId: number;
}

/** Where event `index` is, for a problem: its file and line, or its index. */
export function eventPlace(
  index: number,
  source: HistorySource | undefined,
): Pick<HistoryProblem, "file" | "line" | "eventIndex"> {
  if (source === undefined) return { eventIndex: index };
  const line = source.lines[index];
  return line === undefined
    ? { file: source.file, eventIndex: index }
    : { file: source.file, line };
}

function describePlace(index: number, source: HistorySource | undefined): string {
  const line = source?.lines[index];
  return line === undefined ? `event #${index}` : `line ${line}`;
}

function invocation(
  event: HistoryEvent,
  index: number,
  id: number,
  source?: HistorySource,
): Operation {
  const line = source?.lines[index];
  return {
    id,
    process: event.process,
    f: event.f,
    ...(event.key === undefined ? {} : { key: event.key }),
    input: event.value ?? null,
    output: null,
    status: "info",
    invokeIndex: index,
    ...(line === undefined ? {} : { invokeLine: line }),
    ...(event.time === undefined ? {} : { invokeTime: event.time }),
  };
}

function completed(
  open: Operation,
  event: HistoryEvent,
  index: number,
  source?: HistorySource,
): Operation {
  const line = source?.lines[index];
  const status = event.type === "invoke" ? "info" : event.type;
  return {
    ...open,
    output: status === "ok" ? (event.value ?? null) : null,
    status,
    completeIndex: index,
    ...(line === undefined ? {} : { completeLine: line }),
    ...(event.time === undefined ? {} : { completeTime: event.time }),
  };
}

function keyText(key: Value | undefined): string {
  return key === undefined ? "no key" : `key ${formatValue(key)}`;
}

function mismatch(
  open: OpenOperation,
  event: HistoryEvent,
  source?: HistorySource,
): { expected: string; found: string } | undefined {
  const at = describePlace(open.index, source);
  if (event.f !== open.event.f) {
    return { expected: `f "${open.event.f}" as invoked at ${at}`, found: `f "${event.f}"` };
  }
  const key = event.key;
  if (key !== undefined && (open.event.key === undefined || !sameValue(key, open.event.key))) {
    return { expected: `${keyText(open.event.key)} as invoked at ${at}`, found: keyText(key) };
  }
  return undefined;
}

/** The pairing walk; one instance pairs one history. */
class Pairing {
  readonly operations: Operation[] = [];
  private readonly open = new Map<ProcessId, OpenOperation>();

  constructor(private readonly source: HistorySource | undefined) {}

  accept(event: HistoryEvent, index: number): HistoryProblem | undefined {
    const pending = this.open.get(event.process);
    const who = formatProcess(event.process);
    if (event.type === "invoke") {
      if (pending !== undefined) {
        const at = describePlace(pending.index, this.source);
        return this.problem(
          index,
          `a completion of ${who}'s operation invoked at ${at} first`,
          `a second invoke by ${who}`,
        );
      }
      const operationId = this.operations.length;
      this.operations.push(invocation(event, index, operationId, this.source));
      this.open.set(event.process, { event, index, operationId });
      return undefined;
    }
    if (pending === undefined) {
      return this.problem(
        index,
        `an invoke by ${who} before this completion`,
        `an ${event.type} with no open invocation`,
      );
    }
    const wrong = mismatch(pending, event, this.source);
    if (wrong !== undefined) return this.problem(index, wrong.expected, wrong.found);
    const operation = this.operations[pending.operationId]!;
    this.operations[pending.operationId] = completed(operation, event, index, this.source);
    this.open.delete(event.process);
    return undefined;
  }

  private problem(index: number, expected: string, found: string): HistoryProblem {
    return { ...eventPlace(index, this.source), expected, found };
  }
}

/**
 * Pairs each invocation with the next completion by the same process. Invocations never
 * completed become `info` operations (their outcome is unknown).
 *
 * @example
 * ```ts
 * const paired = pairOperations({ events });
 * if (paired.ok) console.log(paired.value.length, "operations");
 * ```
 */
export function pairOperations(history: SourcedHistory): Checked<Operation[]> {
  const pairing = new Pairing(history.source);
  for (let index = 0; index < history.events.length; index++) {
    const problem = pairing.accept(history.events[index]!, index);
    if (problem !== undefined) return { ok: false, problem };
  }
  return { ok: true, value: pairing.operations };
}
