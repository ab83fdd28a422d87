/**
 * A call that is sent again when its answer does not come: a lost message then costs one
 * more round trip instead of a failed operation (and, in primary-backup, a view change).
 * Safe for the messages it is used for, which replicas handle idempotently (an operation
 * already applied is acknowledged again; a view already started is acknowledged again).
 */
import type { CallResult, NodeContext, NodeId } from "../../../sim/node-api.js";

/** How a call is retried. */
export interface RetryOptions {
  /** How long each attempt waits for its answer, in ms. */
  readonly timeoutMs: number;
  /** How many attempts at most (at least 1). */
  readonly attempts: number;
}

/**
 * Calls `to` until an answer comes or the attempts run out.
 *
 * @example
 * ```ts
 * const answer = await callWithRetries(ctx, "n2", message, { timeoutMs: 50, attempts: 3 });
 * ```
 */
export async function callWithRetries(
  ctx: NodeContext,
  to: NodeId,
  body: unknown,
  options: RetryOptions,
): Promise<CallResult> {
  let result: CallResult = { ok: false, reason: "timeout" };
  for (let attempt = 0; attempt < options.attempts && !result.ok; attempt++) {
    result = await ctx.call(to, body, { timeoutMs: options.timeoutMs });
  }
  return result;
}
