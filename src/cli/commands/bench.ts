/**
 * `faultline bench <suite|all> [--json]`: runs benchmark suites and prints their figures,
 * as a table or as one JSON line per suite. `npm run bench` is `faultline bench all`.
 */

import type { BenchReport, BenchSuite } from "../../bench/suite.js";
import { BENCH_SUITES } from "../../bench/suites.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import type { CommandIo } from "../io.js";
import { UsageError } from "../usage-error.js";

function suiteList(): string {
  return BENCH_SUITES.map((suite) => `  ${suite.name.padEnd(10)} ${suite.summary}`).join("\n");
}

function formatTable(report: BenchReport): string {
  const width = Math.max(...report.rows.map(([label]) => label.length));
  const lines = report.rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  return `${report.json.suite}\n${lines.join("\n")}\n`;
}

function selectSuites(name: string): readonly BenchSuite[] {
  if (name === "all") return BENCH_SUITES;
  const suite = BENCH_SUITES.find((candidate) => candidate.name === name);
  if (suite === undefined) {
    throw new UsageError(`unknown suite "${name}"; expected "all" or one of:\n${suiteList()}`);
  }
  return [suite];
}

async function runBench(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: "boolean", default: false },
  });
  if (positionals.length !== 1) {
    throw new UsageError(`expected one suite name, found ${positionals.length}\n${suiteList()}`);
  }
  const suites = selectSuites(positionals[0]!);
  for (const suite of suites) {
    io.stderr.write(`bench ${suite.name}: ${suite.summary}\n`);
    const report = await suite.run((message) => io.stderr.write(`  ${message}\n`));
    io.stdout.write(values.json ? `${JSON.stringify(report.json)}\n` : formatTable(report));
  }
  return EXIT_OK;
}

/** The `bench` subcommand. */
export const benchCommand: Command = {
  name: "bench",
  usage: `Usage: faultline bench <suite|all> [--json]

Runs a benchmark suite and prints its figures. With --json, prints one JSON line per suite.
Suites:
${suiteList()}
`,
  run: runBench,
};
