import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHistory } from "../../src/checkers/formats/history-format.js";
import { formatHistory } from "../../src/recording/history-export.js";
import type { RecordedHistoryEvent } from "../../src/recording/recording.js";
import { faultline, ROOT, scratchProject } from "../scenario/helpers.js";

const STALE_READ = join(ROOT, "scenarios/bugs/raft-stale-local-read.yaml");

describe("replay --history", () => {
  it.each([
    ["jsonl", "history.jsonl"],
    ["jepsen-edn", "history.edn"],
  ])(
    "writes a %s history that check judges as the run did (a planted bug)",
    async (format, name) => {
      const cwd = scratchProject();
      const replay = await faultline(
        [
          "replay",
          STALE_READ,
          "--seed",
          "1",
          "--history",
          name,
          "--history-format",
          format,
          "--json",
        ],
        cwd,
      );
      expect(replay.code).toBe(1);
      expect(replay.json()).toMatchObject({ verdict: "fail", reason: "linearizability" });
      expect(replay.stderr).toContain(`check it with: npx faultline check ${name} --model kv`);
      const check = await faultline(["check", name, "--model", "kv"], cwd);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain("not linearizable");
      // The same blocker as the run's own explanation names.
      const blocker = /Then (p\d+ read\("k\d+"\) -> \d+)/.exec(replay.stdout)?.[1];
      expect(blocker).toBeDefined();
      expect(check.stdout).toContain(blocker!);
      const text = readFileSync(join(cwd, name), "utf8");
      expect(text.split("\n").filter((line) => line.length > 0).length).toBeGreaterThan(2000);
    },
  );

  it("writes a passing run's history that check finds linearizable", async () => {
    const cwd = scratchProject();
    const replay = await faultline(
      [
        "replay",
        "test/fixtures/scenarios/register-calm.yaml",
        "--seed",
        "3",
        "--history",
        "h.jsonl",
      ],
      cwd,
    );
    expect(replay.code).toBe(0);
    const model = /--model (\w+)/.exec(replay.stderr)?.[1];
    expect(model).toBeDefined();
    const check = await faultline(["check", "h.jsonl", "--model", model!], cwd);
    expect(check.stdout).toContain("h.jsonl: linearizable");
    expect(check.code).toBe(0);
  });

  it("rejects an unknown --history-format, and --history-format without --history", async () => {
    const cwd = scratchProject();
    const bad = await faultline(
      ["replay", STALE_READ, "--seed", "1", "--history", "h", "--history-format", "csv"],
      cwd,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--history-format expects jsonl or jepsen-edn, found "csv"');
    const alone = await faultline(
      ["replay", STALE_READ, "--seed", "1", "--history-format", "jsonl"],
      cwd,
    );
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--history-format needs --history FILE");
  });
});

describe("formatHistory", () => {
  const events: RecordedHistoryEvent[] = [
    { process: 0, type: "invoke", f: "write", key: "x", value: 1, time: 10 },
    { process: "c:1", type: "invoke", f: "cas", key: "x", value: [1, 2], time: 11 },
    { process: 0, type: "ok", f: "write", key: "x", value: 1, time: 12 },
    { process: "c:1", type: "info", f: "cas", key: "x", value: null, time: 20, error: "timeout" },
    { process: 2, type: "invoke", f: "read", value: { "a b": 'q"uote', n: [true, 1.5] }, time: 30 },
  ];

  it.each(["jsonl", "jepsen-edn"] as const)("reads back the same events from %s", (format) => {
    const parsed = parseHistory(formatHistory(events, format), { file: "h", format: "auto" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.format).toBe(format);
    expect(parsed.value.events).toEqual(events.map(({ error: _error, ...event }) => event));
  });
});
