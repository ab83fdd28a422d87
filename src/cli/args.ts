/**
 * Command-line parsing shared by the subcommands: Node's `parseArgs`, with its errors
 * turned into `UsageError`s, plus parsers for the value types flags take.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type StrictConfig<O extends Options> = {
  args: string[];
  options: O;
  allowPositionals: true;
  strict: true;
};

/**
 * Parses `args` strictly against `options`; unknown flags and missing values become a
 * `UsageError` naming the flag.
 */
export function parseCommandArgs<const O extends Options>(
  args: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<StrictConfig<O>>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Parses a non-negative integer flag value, or throws a `UsageError` naming the flag. */
export function parseNonNegativeInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`${flag} expects a non-negative integer, found "${text}"`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} is too large: ${text}`);
  return value;
}
