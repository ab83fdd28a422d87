/**
 * Reading a reply into a completion, as Maelstrom's clients do: the expected `<type>_ok`
 * is `ok`; an error with a definite code is `fail`; an indefinite error (or a timeout) is
 * `info`, except for idempotent operations such as reads, which change nothing and so are
 * `fail` whatever went wrong. Any other reply is `info`, with what was expected in words.
 */
import type { Value } from "../checkers/value.js";
import { errorName, isDefiniteError, isErrorBody, type MaelstromBody } from "./protocol.js";
import type { Completion, MaelstromOp } from "./workload.js";

/** The completion of `op` given an error body, or an unexpected reply type. */
export function failedCompletion(
  op: MaelstromOp,
  reply: MaelstromBody,
  idempotent: boolean,
): Completion {
  if (isErrorBody(reply)) {
    const text = typeof reply.text === "string" ? `: ${reply.text}` : "";
    const error = `${errorName(reply.code)} (${reply.code})${text}`;
    const type = idempotent || isDefiniteError(reply.code) ? "fail" : "info";
    return { type, value: op.value, error };
  }
  return {
    type: idempotent ? "fail" : "info",
    value: op.value,
    error: `unexpected reply type ${reply.type}`,
  };
}

/**
 * Completes `op`: `ok` with `read(reply)` when the reply is `expectedType`, otherwise as
 * `failedCompletion` says. `read` returns undefined when the reply lacks its field.
 */
export function completeWith(
  op: MaelstromOp,
  reply: MaelstromBody,
  expectedType: string,
  idempotent: boolean,
  read: (reply: MaelstromBody) => Value | undefined = () => op.value,
): Completion {
  if (reply.type !== expectedType) return failedCompletion(op, reply, idempotent);
  const value = read(reply);
  if (value === undefined) {
    return {
      type: idempotent ? "fail" : "info",
      value: op.value,
      error: `malformed ${expectedType}: ${JSON.stringify(reply).slice(0, 120)}`,
    };
  }
  return { type: "ok", value };
}

/** A timeout: `fail` for idempotent operations, `info` for the rest. */
export function timeoutCompletion(op: MaelstromOp, idempotent: boolean): Completion {
  return { type: idempotent ? "fail" : "info", value: op.value, error: "timeout" };
}
