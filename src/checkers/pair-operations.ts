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
function eventPlace(
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

/** Builds an operation from its invocation and (optional) completion, in one object. */
function operationOf(
  id: number,
  invoke: { readonly event: HistoryEvent; readonly index: number },
  completion: { readonly event: HistoryEvent; readonly index: number } | undefined,
  source: HistorySource | undefined,
): Operation {
  const { event, index } = invoke;
  const type = completion?.event.type;
  const status = type === "ok" || type === "fail" ? type : "info";
  const operation: {
    -readonly [K in keyof Operation]: Operation[K];
  } = {
    id,
    process: event.process,
    f: event.f,
    input: event.value ?? null,
    output: status === "ok" ? (completion!.event.value ?? null) : null,
    status,
    invokeIndex: index,
  };
  if (event.key !== undefined) operation.key = event.key;
  const invokeLine = source?.lines[index];
  if (invokeLine !== undefined) operation.invokeLine = invokeLine;
  if (event.time !== undefined) operation.invokeTime = event.time;
  if (completion !== undefined) {
    operation.completeIndex = completion.index;
    const completeLine = source?.lines[completion.index];
    if (completeLine !== undefined) operation.completeLine = completeLine;
    if (completion.event.time !== undefined) operation.completeTime = completion.event.time;
  }
  return operation;
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
  if (key === undefined && open.event.key !== undefined) {
    return { expected: `${keyText(open.event.key)} as invoked at ${at}`, found: "no key" };
  }
  if (key !== undefined && (open.event.key === undefined || !sameValue(key, open.event.key))) {
    return { expected: `${keyText(open.event.key)} as invoked at ${at}`, found: keyText(key) };
  }
  return undefined;
}

/** The pairing walk; one instance pairs one history. */
class Pairing {
  /** Each operation's invocation and completion, by operation id. */
  private readonly invocations: OpenOperation[] = [];
  private readonly completions: ({ event: HistoryEvent; index: number } | undefined)[] = [];
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
      const invocation = { event, index, operationId: this.invocations.length };
      this.invocations.push(invocation);
      this.completions.push(undefined);
      this.open.set(event.process, invocation);
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
    this.completions[pending.operationId] = { event, index };
    this.open.delete(event.process);
    return undefined;
  }

  /** The operations, once every event has been accepted. */
  operations(): Operation[] {
    const operations = new Array<Operation>(this.invocations.length);
    for (let id = 0; id < operations.length; id++)
      operations[id] = operationOf(id, this.invocations[id]!, this.completions[id], this.source);
    return operations;
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
  return { ok: true, value: pairing.operations() };
}
