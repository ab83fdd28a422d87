/**
 * The `mutex` model: Knossos's acquire/release lock, per key, with fencing tokens that must
 * strictly increase, judged by the linearizability checker and by `faultline check`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import {
  BUILTIN_MODELS,
  checkLinearizability,
  type HistoryEvent,
  mutexModel,
  type Value,
} from "../../src/index.js";

type Lock = string | undefined;

/** An operation of `process` on `lock`: invoke then complete with `type` and `value`. */
function op(
  process: number,
  f: "acquire" | "release",
  lock: Lock,
  type: "ok" | "fail" | "info" = "ok",
  value: Value = null,
): HistoryEvent[] {
  const key = lock === undefined ? {} : { key: lock };
  return [
    { process, type: "invoke", f, value: null, ...key },
    { process, type, f, value, ...key },
  ];
}

const verdict = (events: HistoryEvent[]) => checkLinearizability(events, mutexModel).verdict;

describe("mutex model", () => {
  it("is a built-in model", () => {
    expect(BUILTIN_MODELS.mutex).toBe(mutexModel);
  });

  it("accepts acquire and release in turn, and refuses a second acquire or a lone release", () => {
    expect(
      verdict([...op(0, "acquire", "L"), ...op(0, "release", "L"), ...op(1, "acquire", "L")]),
    ).toBe("linearizable");
    expect(verdict([...op(0, "acquire", "L"), ...op(1, "acquire", "L")])).toBe("violation");
    expect(verdict(op(0, "release", "L"))).toBe("violation");
  });

  it("checks each lock on its own, and keyless (Knossos) histories as one lock", () => {
    expect(verdict([...op(0, "acquire", "a"), ...op(1, "acquire", "b")])).toBe("linearizable");
    expect(verdict([...op(0, "acquire", undefined), ...op(1, "acquire", undefined)])).toBe(
      "violation",
    );
  });

  it("needs fencing tokens to increase from one acquire to the next", () => {
    const grants = (first: number, second: number) => [
      ...op(0, "acquire", "L", "ok", first),
      ...op(0, "release", "L"),
      ...op(1, "acquire", "L", "ok", second),
    ];
    expect(verdict(grants(3, 7))).toBe("linearizable");
    expect(verdict(grants(7, 7))).toBe("violation");
    expect(verdict(grants(7, 3))).toBe("violation");
  });

  it("lets an unknown release take effect later, and an unknown acquire not at all", () => {
    // p0's release timed out; it may have freed the lock before p1 acquired it.
    expect(
      verdict([
        ...op(0, "acquire", "L", "ok", 1),
        ...op(0, "release", "L", "info"),
        ...op(1, "acquire", "L", "ok", 2),
      ]),
    ).toBe("linearizable");
    expect(
      verdict([
        ...op(0, "acquire", "L", "info"),
        ...op(1, "acquire", "L", "ok", 2),
        ...op(1, "release", "L"),
      ]),
    ).toBe("linearizable");
    // A failed release did not happen: the lock is still held.
    expect(
      verdict([
        ...op(0, "acquire", "L", "ok", 1),
        ...op(0, "release", "L", "fail"),
        ...op(1, "acquire", "L", "ok", 2),
      ]),
    ).toBe("violation");
  });

  it("explains a violation with the operations and states involved", () => {
    const result = checkLinearizability(
      [...op(0, "acquire", "L", "ok", 4), ...op(1, "acquire", "L", "ok", 5)],
      mutexModel,
    );
    expect(result.verdict).toBe("violation");
    if (result.verdict !== "violation") return;
    const described = JSON.stringify(result.explanation);
    expect(described).toContain('acquire(\\"L\\") -> 4');
    expect(described).toContain("held (token 4)");
  });

  it("names what it expected for an unknown f or a token that is not an integer", () => {
    const lock: HistoryEvent[] = [
      { process: 0, type: "invoke", f: "lock", value: null },
      { process: 0, type: "ok", f: "lock", value: null },
    ];
    expect(() => checkLinearizability(lock, mutexModel)).toThrow(
      /mutex model knows \(acquire, release\)/,
    );
    expect(() => checkLinearizability(op(0, "acquire", "L", "ok", "seven"), mutexModel)).toThrow(
      /integer token/,
    );
  });
});

describe("faultline check --model mutex", () => {
  const directory = mkdtempSync(join(tmpdir(), "faultline-mutex-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function check(name: string, events: HistoryEvent[]) {
    writeFileSync(join(directory, name), events.map((event) => JSON.stringify(event)).join("\n"));
    const io = memoryIo({ cwd: directory });
    const code = await main(["check", name, "--model", "mutex"], io);
    return { code, out: io.out() };
  }

  it("judges a recorded lock history", async () => {
    const good = await check("good.jsonl", [
      ...op(0, "acquire", "L", "ok", 1),
      ...op(0, "release", "L"),
    ]);
    expect(good.code).toBe(0);
    const twice = await check("twice.jsonl", [...op(0, "acquire", "L"), ...op(1, "acquire", "L")]);
    expect(twice.code).toBe(1);
    expect(twice.out).toContain("not linearizable");
  });
});
