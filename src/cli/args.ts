/**
 * Command-line parsing shared by the subcommands: Node's `parseArgs`, with its errors
 * turned into `UsageError`s that name the flag (and the closest known one for a typo), a
 * flag given twice refused, and parsers for the value types flags take.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { didYouMean } from "../text/closest-name.js";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type StrictConfig<O extends Options> = {
  args: string[];
  options: O;
  allowPositionals: true;
  strict: true;
};

/**
 * Joins `--flag -1` into `--flag=-1` for flags that take a value, so a negative number
 * reaches the flag's own check (which names the flag) instead of being read as a flag.
 */
function joinDashedValues(args: readonly string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const next = args[index + 1];
    const option = arg.startsWith("--") ? options[arg.slice(2)] : undefined;
    if (option?.type === "string" && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** The flag a parseArgs message is about: "'--foo'" or "'--foo <value>'" -> "--foo". */
function flagIn(message: string): string | undefined {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1];
}

/** Node's parseArgs error, said plainly. */
function usageErrorFor(error: Error & { code?: string }, options: Options): UsageError {
  const flag = flagIn(error.message) ?? "an option";
  const known = Object.keys(options).map((name) => `--${name}`);
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(
        `unknown option ${flag}${didYouMean(flag, known, "")}; the options are ${known.join(", ")}`,
      );
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(error.message)
        ? new UsageError(`${flag} takes no value`)
        : new UsageError(`${flag} needs a value`);
    default:
      return new UsageError(error.message);
  }
}

/** Refuses a flag that takes a value and is given more than once. */
function refuseRepeats(
  tokens: readonly { kind: string; name?: string; value?: string | undefined }[],
  options: Options,
): void {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== "option" || token.name === undefined) continue;
    if (options[token.name]?.type !== "string") continue;
    if (seen.has(token.name)) {
      throw new UsageError(
        `--${token.name} is given twice (${seen.get(token.name)} and ${token.value}): give it once`,
      );
    }
    seen.set(token.name, token.value);
  }
}

/**
 * Parses `args` strictly against `options`; unknown flags, missing values and a flag that
 * takes a value given twice become a `UsageError` naming the flag.
 */
export function parseCommandArgs<const O extends Options>(
  args: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<StrictConfig<O>>> {
  const joined = joinDashedValues(args, options);
  let tokens: readonly { kind: string; name?: string; value?: string | undefined }[];
  try {
    tokens = parseArgs({
      args: joined,
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    }).tokens;
  } catch (error) {
    if (error instanceof TypeError) throw usageErrorFor(error, options);
    throw error;
  }
  refuseRepeats(tokens, options);
  return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
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
