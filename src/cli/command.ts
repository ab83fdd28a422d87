/**
 * The shape of one `faultline` subcommand. Each lives in its own file under `commands/`
 * and is listed once in `main.ts`, which loads it only when it runs.
 */
import type { CommandIo } from "./io.js";

/** One subcommand of the `faultline` command. */
export interface Command {
  /** The word that selects it: `faultline <name>`. */
  readonly name: string;
  /** The full usage text shown by `faultline <name> --help`. */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}
