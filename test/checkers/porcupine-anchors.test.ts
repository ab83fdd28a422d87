import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPreparedHistory } from "../../src/checkers/check-linearizability.js";
import { parseHistory } from "../../src/checkers/formats/history-format.js";
import type { Model } from "../../src/checkers/model.js";
import { kvModel } from "../../src/checkers/models/kv.js";
import { registerModel } from "../../src/checkers/models/register.js";
import { prepareHistory } from "../../src/checkers/prepare-history.js";
import { witnessProblem } from "./support/witness.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "porcupine");

interface Expected {
  readonly linearizable: boolean | null;
  readonly ops: number;
  readonly crashed_ops?: number;
  readonly timed_out_reads?: number;
  readonly keys?: number;
}

const expected = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as Record<
  string,
  Expected
>;

function load(name: string) {
  const model: Model = name.startsWith("kv/") ? kvModel : registerModel;
  const parsed = parseHistory(readFileSync(join(FIXTURES, name), "utf8"), {
    file: name,
    format: "auto",
  });
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  const prepared = prepareHistory(parsed.value, model);
  if (!prepared.ok) throw new Error(`${name} does not prepare`);
  return { parsed: parsed.value, prepared: prepared.value };
}

describe("Porcupine's reference histories", () => {
  it("covers every file in the fixture folders", () => {
    const files = ["jepsen", "kv"].flatMap((folder) =>
      readdirSync(join(FIXTURES, folder)).map((file) => `${folder}/${file}`),
    );
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files).toHaveLength(109);
  });

  for (const [name, facts] of Object.entries(expected)) {
    it(`${name}: ${facts.linearizable === false ? "not linearizable" : "linearizable"}`, () => {
      const { parsed, prepared } = load(name);
      // An empty file (etcd_095) reads as an empty history in any format.
      if (parsed.events.length > 0) {
        expect(parsed.format).toBe(name.startsWith("kv/") ? "porcupine-kv" : "jepsen-etcd");
      }
      expect(prepared.operations).toHaveLength(facts.ops);
      if (facts.crashed_ops !== undefined) {
        const crashed = prepared.operations.filter((op) => op.status === "info" && op.f !== "read");
        expect(crashed).toHaveLength(facts.crashed_ops);
        const timedOutReads = prepared.operations.filter(
          (op) => op.status === "info" && op.f === "read",
        );
        expect(timedOutReads).toHaveLength(facts.timed_out_reads ?? 0);
      }
      if (facts.keys !== undefined) expect(prepared.partitions).toHaveLength(facts.keys);
      const result = checkPreparedHistory(prepared);
      // etcd_095 is empty and has no assertion; it is linearizable, trivially.
      expect(result.verdict).toBe(facts.linearizable === false ? "violation" : "linearizable");
      if (result.verdict === "linearizable")
        expect(witnessProblem(prepared, result.witness)).toBeUndefined();
    });
  }
});
