/**
 * The `faultline` command: finds the subcommand, runs it, and turns a `UsageError` into a
 * message and exit code 2. Subcommands are registered in `COMMANDS` below.
 *
 * A subcommand's module is imported only when it runs: `faultline check` then loads the
 * checker and not the systems, the scenario runner or the terminal UI, and starts in about
 * a third of the time.
 */

import { assert } from "../sim/assert.js";
import { didYouMean } from "../text/closest-name.js";
import { version } from "../version.js";
import type { Command } from "./command.js";
import { EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { type CommandIo, processIo } from "./io.js";
import { UsageError } from "./usage-error.js";

/** A subcommand as the command list knows it, before its module is loaded. */
export interface CommandEntry {
  /** The word that selects it: `faultline <name>`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Imports the subcommand's module. */
  readonly load: () => Promise<Command>;
}

/** Every subcommand, in the order `faultline --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "run",
    summary: "run a scenario over many seeds and report failures",
    load: async () => (await import("./commands/run.js")).runCommandDefinition,
  },
  {
    name: "replay",
    summary: "run one seed again (same verdict, same trace hash)",
    load: async () => (await import("./commands/replay.js")).replayCommandDefinition,
  },
  {
    name: "shrink",
    summary: "shrink a failing seed to a small reproducer scenario file",
    load: async () => (await import("./commands/shrink.js")).shrinkCommandDefinition,
  },
  {
    name: "check",
    summary: "check recorded histories for linearizability (register, kv, mutex)",
    load: async () => (await import("./commands/check.js")).checkCommand,
  },
  {
    name: "ui",
    summary: "step through one seed in the terminal (plain report without a terminal)",
    load: async () => (await import("./commands/ui.js")).uiCommandDefinition,
  },
  {
    name: "schema",
    summary: "print the JSON Schema of scenario files",
    load: async () => (await import("./commands/schema.js")).schemaCommand,
  },
  {
    name: "maelstrom",
    summary: "run a Maelstrom workload against real node processes (any language)",
    load: async () => (await import("./commands/maelstrom.js")).maelstromCommand,
  },
  {
    name: "bench",
    summary: "measure speed goals (kernel, checker, sweep, raft, ...)",
    load: async () => (await import("./commands/bench.js")).benchCommand,
  },
];

/** Loads the subcommand `entry` lists. */
async function loadCommand(entry: CommandEntry): Promise<Command> {
  const command = await entry.load();
  assert(command.name === entry.name, `"${entry.name}" loaded the "${command.name}" command`);
  return command;
}

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
    "Run `faultline help <command>` (or `faultline <command> --help`) for a command's options.",
    "",
  ].join("\n");
}

/** `faultline help COMMAND`: the command's own usage. */
async function commandHelp(name: string, io: CommandIo): Promise<number> {
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    const names = COMMANDS.map((command) => command.name);
    io.stderr.write(
      `faultline help: unknown command "${name}"${didYouMean(name, names)}\n\n${helpText()}`,
    );
    return EXIT_USAGE;
  }
  io.stdout.write(`${(await loadCommand(entry)).usage.trimEnd()}\n`);
  return EXIT_OK;
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
  if (name === "help" && rest.length > 0) return commandHelp(rest[0]!, io);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(helpText());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    const names = COMMANDS.map((command) => command.name);
    io.stderr.write(
      `faultline: unknown command "${name}"${didYouMean(name, names)}\n\n${helpText()}`,
    );
    return EXIT_USAGE;
  }
  const command = await loadCommand(entry);
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
