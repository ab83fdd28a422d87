/**
 * The `faultline` command: finds the subcommand, runs it, and turns a `UsageError` into a
 * message and exit code 2. Subcommands are registered in `COMMANDS` below.
 */
import { version } from "../index.js";
import type { Command } from "./command.js";
import { benchCommand } from "./commands/bench.js";
import { checkCommand } from "./commands/check.js";
import { replayCommandDefinition } from "./commands/replay.js";
import { runCommandDefinition } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { shrinkCommandDefinition } from "./commands/shrink.js";
import { uiCommandDefinition } from "./commands/ui.js";
import { EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { type CommandIo, processIo } from "./io.js";
import { UsageError } from "./usage-error.js";

/** Every subcommand, in the order `faultline --help` lists them. */
const COMMANDS: readonly Command[] = [
  runCommandDefinition,
  replayCommandDefinition,
  shrinkCommandDefinition,
  checkCommand,
  uiCommandDefinition,
  schemaCommand,
  benchCommand,
];

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `faultline ${version}: deterministic simulation and fault injection for distributed systems`,
    "",
    "Usage: faultline <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `faultline <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/**
 * Runs the `faultline` command line and resolves to the process exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["check", "history.jsonl", "--model", "kv"]);
 * ```
 */
export async function main(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(helpText());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`faultline: unknown command "${name}"\n\n${helpText()}`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`faultline ${command.name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
