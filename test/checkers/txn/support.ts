/**
 * Compact transactions for tests, in the notation of Elle's own tests: "ax1" appends 1 to
 * x, "rx12" reads x = [1 2], "rx" reads x = [] (list-append) or nil (rw-register), "wx1"
 * writes 1 to x. Keys are one letter, values one digit each.
 */
import type { HistoryEvent } from "../../../src/checkers/history.js";
import type { Value } from "../../../src/checkers/value.js";

type Model = "list-append" | "rw-register";

/** The micro-ops of a compact transaction, as completed (`done`) or as invoked. */
export function microOps(text: string, model: Model, done: boolean): Value[] {
  const ops: Value[] = [];
  const pattern = /([arw])([a-z])(\d*)/g;
  for (const [, f, key, digits] of text.matchAll(pattern)) {
    if (f === "a") ops.push(["append", key!, Number(digits)]);
    else if (f === "w") ops.push(["w", key!, Number(digits)]);
    else if (!done) ops.push(["r", key!, null]);
    else if (model === "list-append") ops.push(["r", key!, [...digits!].map(Number)]);
    else ops.push(["r", key!, digits === "" ? null : Number(digits)]);
  }
  return ops;
}

/** An invoke event. */
export function invoke(process: number, text: string, model: Model = "list-append"): HistoryEvent {
  return { process, type: "invoke", f: "txn", value: microOps(text, model, false) };
}

/** A completion event (`ok` carries the reads; others echo the invocation). */
export function complete(
  process: number,
  text: string,
  type: "ok" | "fail" | "info" = "ok",
  model: Model = "list-append",
): HistoryEvent {
  return { process, type, f: "txn", value: microOps(text, model, type === "ok") };
}

/** A transaction run alone: invoke then completion on `process`. */
export function serial(
  process: number,
  text: string,
  type: "ok" | "fail" | "info" = "ok",
  model: Model = "list-append",
): HistoryEvent[] {
  return [invoke(process, text, model), complete(process, text, type, model)];
}

/**
 * Transactions that all overlap: every invoke first, then every completion, each on its own
 * process (0, 1, 2...), so no real-time or process order relates them.
 */
export function concurrent(texts: readonly string[], model: Model = "list-append"): HistoryEvent[] {
  return [
    ...texts.map((text, process) => invoke(process, text, model)),
    ...texts.map((text, process) => complete(process, text, "ok", model)),
  ];
}
