import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultline } from "../scenario/helpers.js";

/** Checks `text` (written as `name`) with `--model model`; returns the command's outcome. */
async function check(name: string, text: string, model = "kv") {
  const cwd = mkdtempSync(join(tmpdir(), "faultline-check-"));
  writeFileSync(join(cwd, name), text);
  return faultline(["check", name, "--model", model], cwd);
}

const lines = (...events: object[]) =>
  `${events.map((event) => JSON.stringify(event)).join("\n")}\n`;

describe("faultline check: histories that cannot be what the user meant", () => {
  it('refuses a misspelled "value" instead of reading it as write(null)', async () => {
    const run = await check(
      "h.jsonl",
      lines(
        { process: 0, type: "invoke", f: "write", key: "x", velue: 1 },
        { process: 0, type: "ok", f: "write", key: "x", velue: 1 },
        { process: 1, type: "invoke", f: "read", key: "x" },
        { process: 1, type: "ok", f: "read", key: "x", value: 1 },
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("h.jsonl:1");
    expect(run.stderr).toContain('"velue" (a misspelling of "value"?)');
    expect(run.stdout).not.toContain("linearizable");
  });

  it("refuses the invocation of a write that says nothing of what it writes", async () => {
    const run = await check(
      "h.jsonl",
      lines(
        { process: 0, type: "invoke", f: "write", key: "x" },
        { process: 0, type: "ok", f: "write", key: "x" },
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("h.jsonl:1");
    expect(run.stderr).toContain('"value" on the invocation of write');
  });

  it("refuses a completion with no key when its invocation had one", async () => {
    const run = await check(
      "h.jsonl",
      lines(
        { process: 0, type: "invoke", f: "write", key: "x", value: 1 },
        { process: 0, type: "ok", f: "write", value: 1 },
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("h.jsonl:2");
    expect(run.stderr).toContain('key "x" as invoked at line 1');
    expect(run.stderr).toContain("no key");
  });

  it("refuses the same mistakes in EDN histories", async () => {
    const misspelled = await check(
      "h.edn",
      "{:process 0, :type :invoke, :f :write, :vlaue 3}\n{:process 0, :type :ok, :f :write, :vlaue 3}\n",
      "register",
    );
    expect(misspelled.code).toBe(2);
    expect(misspelled.stderr).toContain(":vlaue (a misspelling of :value?)");
  });

  it("says an empty history has no operations (exit 2), not that it is linearizable", async () => {
    for (const text of ["", "\n\n", "[]\n"]) {
      const run = await check(text.startsWith("[") ? "h.edn" : "h.jsonl", text);
      expect(run.code, JSON.stringify(text)).toBe(2);
      expect(run.stderr).toContain("no operations");
    }
  });

  it("still reads a written-out null and extra fields it does not know", async () => {
    const run = await check(
      "h.jsonl",
      lines(
        { process: 0, type: "invoke", f: "write", key: "x", value: null, node: "n1" },
        { process: 0, type: "ok", f: "write", key: "x", value: null, index: 7 },
      ),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("h.jsonl: linearizable");
  });
});
