/**
 * Pairs each invocation in a history with its completion (the next event of the same
 * process), so the set, counter, unique-id and log checkers read operations rather than
 * events. Lenient by design: a completion with no open invocation is skipped (those
 * checkers judge values, and a malformed history still has values worth judging).
 */
import type { HistoryEvent } from "./history.js";

/** A history event as the value checkers read it: with the node it went to, and whether it was final. */
export interface ObservedEvent extends HistoryEvent {
  /** The node the operation was sent to, when known. */
  readonly node?: string;
  /** Set on the final operations after healing (final reads). */
  readonly final?: boolean;
}

/** An invocation and its completion (undefined when it never completed). */
export interface EventPair<E extends HistoryEvent = ObservedEvent> {
  readonly invoke: E;
  readonly completion: E | undefined;
}

/** The operations of `history`, in invocation order. */
export function pairEvents<E extends HistoryEvent>(history: readonly E[]): EventPair<E>[] {
  const open = new Map<number | string, { invoke: E; completion: E | undefined }>();
  const operations: { invoke: E; completion: E | undefined }[] = [];
  for (const event of history) {
    if (event.type === "invoke") {
      const operation = { invoke: event, completion: undefined };
      operations.push(operation);
      open.set(event.process, operation);
      continue;
    }
    const operation = open.get(event.process);
    if (operation === undefined) continue;
    operation.completion = event;
    open.delete(event.process);
  }
  return operations;
}
