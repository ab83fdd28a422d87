/**
 * Assertions that stay on in every build. Used where state changes to check the invariant
 * that must hold afterwards; a failing assertion is a bug, reported with its message.
 */

/** Thrown when an invariant does not hold. */
export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

/**
 * Throws an `AssertionError` with `message` unless `condition` holds.
 *
 * @example
 * ```ts
 * assert(term >= this.currentTerm, `term went backwards: ${term} < ${this.currentTerm}`);
 * ```
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}
