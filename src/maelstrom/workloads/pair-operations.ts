/**
 * Pairs each invocation in a Maelstrom history with its completion (the next event of the
 * same process), so checkers can read operations instead of events.
 */
import type { MaelstromEvent } from "../workload.js";

/** An invocation and its completion (undefined when the operation never completed). */
export interface PairedOperation {
  readonly invoke: MaelstromEvent;
  readonly completion: MaelstromEvent | undefined;
}

/** The operations of `history`, in invocation order. */
export function pairOperations(history: readonly MaelstromEvent[]): PairedOperation[] {
  const open = new Map<
    number | string,
    PairedOperation & { completion: MaelstromEvent | undefined }
  >();
  const operations: (PairedOperation & { completion: MaelstromEvent | undefined })[] = [];
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
