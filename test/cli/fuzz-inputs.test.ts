import { describe, expect, it } from "vitest";
import { fuzzCorpus, fuzzInputs } from "../../src/cli/fuzz/fuzz-inputs.js";
import { inputMutant } from "../../src/cli/fuzz/input-mutants.js";
import { ROOT } from "../scenario/helpers.js";

describe("input fuzzer", () => {
  it("makes the same mutants from the same seed, and different ones from another", () => {
    const text = "name: a\nsystem: raft\nnodes: 3\nduration: 2s\n";
    expect(inputMutant(text, 5, 3)).toBe(inputMutant(text, 5, 3));
    const mutants = new Set(Array.from({ length: 20 }, (_, index) => inputMutant(text, 5, index)));
    expect(mutants.size).toBeGreaterThan(10);
  });

  it("covers every shipped scenario and every history format", () => {
    const corpus = fuzzCorpus(ROOT);
    expect(corpus.filter((input) => input.kind === "scenario").length).toBeGreaterThanOrEqual(20);
    const formats = new Set(
      corpus.flatMap((input) => (input.kind === "scenario" ? [] : [input.kind.format])),
    );
    expect([...formats].sort()).toEqual(["jepsen-edn", "jepsen-etcd", "jsonl", "porcupine-kv"]);
  });

  it("finds no stack trace, escaping exception or undocumented exit code in 150 mutants", {
    timeout: 120_000,
  }, async () => {
    const report = await fuzzInputs(fuzzCorpus(ROOT), { mutants: 150, seed: 20261204 });
    const shown = report.failures
      .slice(0, 3)
      .map((failure) => `${failure.input} #${failure.index}: ${failure.problem}\n${failure.mutant}`)
      .join("\n\n");
    expect(report.failures, shown).toEqual([]);
    // The mutants reach past the loader: some scenarios run and some histories are judged.
    expect(report.outcomes.ran ?? 0).toBeGreaterThan(0);
    expect((report.outcomes["exit 0"] ?? 0) + (report.outcomes["exit 1"] ?? 0)).toBeGreaterThan(0);
  });
});
