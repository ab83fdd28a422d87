/**
 * Waiting for a quorum: send to every replica at once and go on as soon as `needed` of
 * them gave an acceptable answer, or as soon as so many failed (timed out, or answered
 * something else) that `needed` can no longer be reached. Answers come in the order the
 * simulation delivers them, so which replies make the quorum is deterministic.
 */
import type { CallResult } from "../../../sim/node-api.js";

/** One acceptable answer and the index of the call it answered. */
export interface Reply<T> {
  readonly index: number;
  readonly value: T;
}

/**
 * The first `needed` acceptable answers, or undefined when they cannot all come.
 *
 * @example
 * ```ts
 * const acks = await gatherReplies(calls, 2, (body) => (isAck(body) ? body : undefined));
 * ```
 */
export function gatherReplies<T>(
  calls: readonly Promise<CallResult>[],
  needed: number,
  accept: (body: unknown) => T | undefined,
): Promise<Reply<T>[] | undefined> {
  return new Promise((resolve) => {
    if (needed <= 0) return resolve([]);
    const replies: Reply<T>[] = [];
    let failed = 0;
    let done = false;
    calls.forEach((call, index) => {
      void call.then((result) => {
        if (done) return;
        const value = result.ok ? accept(result.body) : undefined;
        if (value === undefined) failed++;
        else replies.push({ index, value });
        if (replies.length >= needed) {
          done = true;
          resolve(replies);
        } else if (calls.length - failed < needed) {
          done = true;
          resolve(undefined);
        }
      });
    });
  });
}
