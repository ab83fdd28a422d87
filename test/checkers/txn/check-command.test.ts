/**
 * `faultline check --model list-append|rw-register`: formats read, exit codes, the JSON
 * contract (verdict, anomalies with type/cycle/ops/explanation, notModels), the HTML page,
 * and bad input named by file and line. Includes the example history of the Elle paper
 * (test/fixtures/elle, EPL-2.0, see its README).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { memoryIo } from "../../../src/cli/io.js";
import { main } from "../../../src/cli/main.js";

const directory = mkdtempSync(join(tmpdir(), "faultline-txn-check-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(directory, name), text);
  return name;
}

async function run(...args: string[]) {
  const io = memoryIo({ cwd: directory });
  const code = await main(["check", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const writeSkewEdn = file(
  "write-skew.edn",
  `{:process 0 :type :invoke :f :txn :value [[:r :x nil] [:append :y 1]]}
{:process 1 :type :invoke :f :txn :value [[:r :y nil] [:append :x 1]]}
{:process 0 :type :ok :f :txn :value [[:r :x []] [:append :y 1]]}
{:process 1 :type :ok :f :txn :value [[:r :y []] [:append :x 1]]}
`,
);

const writeSkewJsonl = file(
  "write-skew.jsonl",
  [
    {
      process: 0,
      type: "invoke",
      f: "txn",
      value: [
        ["r", "x", null],
        ["append", "y", 1],
      ],
    },
    {
      process: 1,
      type: "invoke",
      f: "txn",
      value: [
        ["r", "y", null],
        ["append", "x", 1],
      ],
    },
    {
      process: 0,
      type: "ok",
      f: "txn",
      value: [
        ["r", "x", []],
        ["append", "y", 1],
      ],
    },
    {
      process: 1,
      type: "ok",
      f: "txn",
      value: [
        ["r", "y", []],
        ["append", "x", 1],
      ],
    },
  ]
    .map((event) => JSON.stringify(event))
    .join("\n"),
);

const serialJson = file(
  "serial.json",
  `[{"process": 0, "type": "invoke", "f": "txn", "value": [["w", "x", 1]]},
 {"process": 0, "type": "ok", "f": "txn", "value": [["w", "x", 1]]},
 {"process": 1, "type": "invoke", "f": "txn", "value": [["r", "x", null]]},
 {"process": 1, "type": "ok", "f": "txn", "value": [["r", "x", 1]]}]
`,
);

const paperText = readFileSync(
  join(import.meta.dirname, "..", "..", "fixtures", "elle", "paper-example.edn"),
  "utf8",
);
const paperExample = file(
  "paper-example.edn",
  paperText.replaceAll(/\{:index (\d+)/g, "{:process 0 :f :txn :index $1"),
);

describe("faultline check with a transactional model", () => {
  test("write skew in Jepsen EDN: a violation of serializable (exit 1), explained", async () => {
    const { code, out } = await run(writeSkewEdn, "--model", "list-append");
    expect(code).toBe(1);
    expect(out).toContain("write-skew.edn: not serializable (2 transactions, 1 anomaly");
    expect(out).toContain("G2-item: a cycle of anti-dependencies on items (write skew).");
    expect(out).toContain(
      "Rules out: strict-serializable, strong-session-serializable, serializable, repeatable-read",
    );
  });

  test("the same history is valid under snapshot isolation (exit 0), still listing the anomaly", async () => {
    const { code, out } = await run(
      writeSkewJsonl,
      "--model",
      "list-append",
      "--consistency",
      "snapshot-isolation",
      "--json",
    );
    expect(code).toBe(0);
    const { results } = JSON.parse(out);
    expect(results[0].verdict).toBe("valid");
    expect(results[0].notModels).toEqual([
      "strict-serializable",
      "strong-session-serializable",
      "serializable",
      "repeatable-read",
    ]);
    const [anomaly] = results[0].anomalies;
    expect(anomaly.type).toBe("G2-item");
    expect(anomaly.cycle.map((step: { edge: string }) => step.edge)).toEqual(["rw", "rw"]);
    expect(anomaly.cycle[0].from).toMatchObject({ id: 1, process: 0, status: "ok", line: 1 });
    expect(anomaly.cycle[0].explanation).toContain("so T1 precedes T2");
    expect(typeof anomaly.explanation).toBe("string");
  });

  test("a JSON array of ops is read, and a valid rw-register history exits 0", async () => {
    const { code, out } = await run(
      serialJson,
      "--model",
      "rw-register",
      "--consistency",
      "strict-serializable",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).results[0]).toMatchObject({
      verdict: "valid",
      anomalies: [],
      notModels: [],
      txns: 2,
    });
  });

  test("the Elle paper's example history is G-single: T2 -wr-> T3 -ww-> T4 -rw-> T2", async () => {
    const { code, out } = await run(paperExample, "--model", "list-append", "--json");
    expect(code).toBe(1);
    const [result] = JSON.parse(out).results;
    expect(result.anomalies.map((anomaly: { type: string }) => anomaly.type)).toContain("G-single");
    const single = result.anomalies.find(
      (anomaly: { type: string }) => anomaly.type === "G-single",
    );
    const steps = single.cycle.map(
      (step: { from: { id: number }; edge: string; to: { id: number } }) =>
        `T${step.from.id} ${step.edge} T${step.to.id}`,
    );
    expect([...steps].sort()).toEqual(["T2 wr T3", "T3 ww T4", "T4 rw T2"]);
    expect(result.notModels).toContain("snapshot-isolation");
    expect(result.notModels).not.toContain("read-committed");
  });

  test("--html writes a page with each cycle drawn as SVG", async () => {
    const { code, err } = await run(
      writeSkewEdn,
      "--model",
      "list-append",
      "--html",
      "report.html",
    );
    expect(code).toBe(1);
    expect(err).toContain("wrote report.html");
    const html = readFileSync(join(directory, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain(">T1</text>");
    expect(html).toContain("rw &quot;x&quot;");
    expect(html).toContain("G2-item");
  });

  test("bad input is named by file and line (exit 2)", async () => {
    const bad = file(
      "bad.jsonl",
      `{"process": 0, "type": "invoke", "f": "txn", "value": [["append", "x", 1]]}\n{"process": 0, "type": "ok", "f": "txn", "value": [["inc", "x", 1]]}\n`,
    );
    const { code, err } = await run(bad, "--model", "list-append");
    expect(code).toBe(2);
    expect(err).toContain(
      'bad.jsonl:2: expected a micro-operation function "append" or "r" for list-append, found "inc"',
    );
  });

  test("an unknown --consistency, or --consistency with a linearizability model, is a usage error", async () => {
    const unknown = await run(writeSkewEdn, "--model", "list-append", "--consistency", "causal");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("--consistency expects one of strict-serializable");
    const misplaced = await run(
      writeSkewEdn,
      "--model",
      "register",
      "--consistency",
      "serializable",
    );
    expect(misplaced.code).toBe(2);
    expect(misplaced.err).toContain("--consistency applies to the transactional models");
  });
});
