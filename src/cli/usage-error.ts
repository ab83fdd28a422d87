/**
 * The error for bad input or usage. Commands throw it; `main` prints its message and exits
 * with code 2. Anything else that escapes a command is a bug in faultline.
 */

/** Bad input or usage; the message says what was expected and what was found. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
