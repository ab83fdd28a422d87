import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "porcupine");
const directory = mkdtempSync(join(tmpdir(), "faultline-check-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, lines: readonly object[] | string): string {
  const text =
    typeof lines === "string" ? lines : lines.map((line) => JSON.stringify(line)).join("\n");
  writeFileSync(join(directory, name), text);
  return name;
}

const linearizable = file("ok.jsonl", [
  { process: 0, type: "invoke", f: "write", value: 1 },
  { process: 1, type: "invoke", f: "read", value: null },
  { process: 0, type: "ok", f: "write", value: 1 },
  { process: 1, type: "ok", f: "read", value: 1 },
]);
const stale = file("stale.jsonl", [
  { process: 0, type: "invoke", f: "write", value: 1 },
  { process: 0, type: "ok", f: "write", value: 1 },
  { process: 0, type: "invoke", f: "write", value: 2 },
  { process: 0, type: "ok", f: "write", value: 2 },
  { process: 1, type: "invoke", f: "read", value: null },
  { process: 1, type: "ok", f: "read", value: 1 },
]);
/**
 * Twelve overlapping writes and a read of a value nobody wrote: many steps to refute. Two
 * writes write the same value, so the zones stand aside and the search must try orders.
 */
const hard = file("hard.jsonl", [
  ...Array.from({ length: 12 }, (_, process) => ({
    process,
    type: "invoke",
    f: "write",
    value: process % 11,
  })),
  ...Array.from({ length: 12 }, (_, process) => ({
    process,
    type: "ok",
    f: "write",
    value: process % 11,
  })),
  { process: 12, type: "invoke", f: "read", value: null },
  { process: 12, type: "ok", f: "read", value: 99 },
]);
const malformed = file(
  "bad.jsonl",
  '{"process":0,"type":"invoke","f":"read","value":null}\n{"process":0,"type":"ok","f":"read","value":',
);

async function check(...args: string[]) {
  const io = memoryIo({ cwd: directory });
  const code = await main(["check", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("faultline check", () => {
  it("prints a verdict line per file and exits 0 when all are linearizable", async () => {
    const { code, out } = await check(linearizable, "--model", "register");
    expect(code).toBe(0);
    expect(out).toMatch(/^ok\.jsonl: linearizable \(2 operations, [\d.]+ ms\)\n$/);
  });

  it("exits 1 and explains a violation", async () => {
    const { code, out } = await check(linearizable, stale, "--model", "register");
    expect(code).toBe(1);
    expect(out).toContain("stale.jsonl: not linearizable (3 operations,");
    expect(out).toContain("cannot be ordered");
    expect(out).toContain("read() -> 1");
    expect(out).toContain("Then p1 read() -> 1 (line 5 – line 6) cannot be placed: the state is 2");
  });

  it("prints the JSON shape of the issue with --json", async () => {
    const { code, out } = await check(linearizable, stale, "--model", "register", "--json");
    expect(code).toBe(1);
    const report = JSON.parse(out) as { results: Record<string, unknown>[] };
    expect(report.results.map((row) => Object.keys(row))).toEqual([
      ["file", "verdict", "ops", "elapsedMs"],
      ["file", "verdict", "ops", "elapsedMs"],
    ]);
    expect(report.results.map(({ file, verdict, ops }) => [file, verdict, ops])).toEqual([
      ["ok.jsonl", "linearizable", 2],
      ["stale.jsonl", "violation", 3],
    ]);
    expect(typeof report.results[0]!.elapsedMs).toBe("number");
  });

  it("exits 3 when a check runs out of time without finding a violation", async () => {
    expect((await check(hard, "--model", "register")).code).toBe(1);
    const { code, out } = await check(
      hard,
      linearizable,
      "--model",
      "register",
      "--timeout-ms",
      "0",
    );
    expect(code).toBe(3);
    expect(out).toContain("hard.jsonl: unknown (13 operations");
    expect(out).toContain("stopped by --timeout-ms");
  });

  it("exits 2 naming the file and line of malformed input, before checking anything", async () => {
    const { code, out, err } = await check(linearizable, malformed, "--model", "register");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(
      "faultline check: bad.jsonl:2: expected a JSON object, found invalid JSON",
    );
  });

  it("exits 2 for a file that does not exist, an unknown f, and bad options", async () => {
    expect((await check("missing.jsonl", "--model", "register")).err).toContain(
      "missing.jsonl: cannot read the file (ENOENT)",
    );
    const unknownF = file("incr.jsonl", [{ process: 0, type: "invoke", f: "incr", value: 1 }]);
    const unknown = await check(unknownF, "--model", "register");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'incr.jsonl:1: expected an f the register model knows (read, write, cas), found f "incr"',
    );
    expect((await check(linearizable)).err).toContain("--model is required: register, kv or mutex");
    expect((await check(linearizable, "--model", "queue")).err).toContain(
      '--model expects register, kv or mutex, found "queue"',
    );
    expect((await check(linearizable, "--model", "kv", "--format", "csv")).code).toBe(2);
    expect((await check(linearizable, "--model", "kv", "--timeout-ms", "soon")).code).toBe(2);
    expect((await check("--model", "kv")).err).toContain("expected at least one history file");
  });

  it("reads the Porcupine fixtures with an explicit format", async () => {
    const { code, out } = await check(
      join(FIXTURES, "jepsen", "etcd_002.log"),
      join(FIXTURES, "kv", "c10-ok.txt"),
      "--model",
      "kv",
      "--format",
      "porcupine-kv",
    );
    expect(code).toBe(2);
    expect(out).toBe("");
    const etcd = await check(
      join(FIXTURES, "jepsen", "etcd_002.log"),
      "--model",
      "register",
      "--format",
      "jepsen-etcd",
    );
    expect(etcd.code).toBe(0);
  });

  it("writes a self-contained HTML view atomically with --html", async () => {
    const { code, err } = await check(
      stale,
      linearizable,
      "--model",
      "register",
      "--html",
      "view.html",
    );
    expect(code).toBe(1);
    expect(err).toContain("wrote view.html");
    const page = readFileSync(join(directory, "view.html"), "utf8");
    expect(page).toContain("stale.jsonl: not linearizable");
    expect(page).toContain("ok.jsonl: linearizable");
    expect(page).toContain("<svg");
    expect(readdirSync(directory).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("exits 2 naming file and line for malformed input in every format", async () => {
    const cases: [string, string, string][] = [
      [
        "etcd.log",
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0 :ok :read [1\n",
        "etcd.log:2: expected one EDN value",
      ],
      [
        "kv.txt",
        '{:process 0, :type :invoke, :f :get, :key "1", :value nil}\n{:process 0, :type :ok, :f :scan, :key "1"}\n',
        "kv.txt:2: expected :f to be one of :get, :put, :append",
      ],
      [
        "h.edn",
        "[{:process 0 :type :invoke :f :read}\n {:process 0 :type :ok :f :read :value}]",
        "h.edn:2: expected a map with a value for every key",
      ],
      [
        "h.jsonl",
        '{"process":0,"type":"ok","f":"read","value":1}',
        "h.jsonl:1: expected an invoke by p0 before this completion",
      ],
    ];
    for (const [name, text, message] of cases) {
      file(name, text);
      const { code, err } = await check(name, "--model", "kv");
      expect(code).toBe(2);
      expect(err).toContain(message);
    }
  });

  it("exits 2 when the HTML file cannot be written, leaving no temporary file", async () => {
    const { code, err } = await check(
      linearizable,
      "--model",
      "register",
      "--html",
      "no-such-dir/view.html",
    );
    expect(code).toBe(2);
    expect(err).toContain("--html: cannot write no-such-dir/view.html (ENOENT)");
  });

  it("shows its usage with --help", async () => {
    const { code, out } = await check("--help");
    expect(code).toBe(0);
    expect(out).toContain("Exit codes: 0 all linearizable, 1 any violation, 2 bad input or usage");
  });
});
