#!/usr/bin/env node
// The input fuzzer, longer than the test suite's round: mutants of the shipped scenario
// files and of histories in every format `check` reads must never end in a stack trace,
// an escaping exception or an undocumented exit code. Runs on the built package (dist/):
//
//   npm run build && node scripts/fuzz-inputs.mjs --mutants 5000 [--seed 1]
//
// Prints a summary and every failing mutant (input, index and text: the same seed and
// index rebuild it); exits 1 when any failed.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fuzzCorpus, fuzzInputs } from "../dist/src/cli/fuzz/fuzz-inputs.js";

const { values } = parseArgs({
  options: { mutants: { type: "string", default: "5000" }, seed: { type: "string", default: "1" } },
});
const mutants = Number(values.mutants);
const seed = Number(values.seed);
if (!Number.isSafeInteger(mutants) || mutants < 1 || !Number.isSafeInteger(seed)) {
  console.error("usage: node scripts/fuzz-inputs.mjs [--mutants N] [--seed S]");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const started = performance.now();
const report = await fuzzInputs(fuzzCorpus(root), { mutants, seed });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${report.mutants} mutants (seed ${seed}) in ${seconds}s: ${JSON.stringify(report.outcomes)}, ` +
    `${report.failures.length} failed, slowest ${Math.round(report.slowestMs)} ms`,
);
for (const failure of report.failures) {
  console.log(`\n--- ${failure.input}, mutant ${failure.index}: ${failure.problem}`);
  console.log(failure.mutant);
}
process.exitCode = report.failures.length === 0 ? 0 : 1;
