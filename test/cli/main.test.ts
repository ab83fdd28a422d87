import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { COMMANDS, main } from "../../src/cli/main.js";
import { version } from "../../src/index.js";

describe("faultline command", () => {
  it("lists its commands on --help and exits 0", async () => {
    const io = memoryIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out()).toContain("Commands:");
    expect(io.out()).toContain("bench");
  });

  it("exits 2 with the command list when no command is given", async () => {
    const io = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(io.out()).toContain("Usage: faultline <command>");
  });

  it("names an unknown command and exits 2", async () => {
    const io = memoryIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err()).toContain('unknown command "frobnicate"');
  });

  it("loads each listed command on demand, under the name the list gives it", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage).toContain(`faultline ${entry.name}`);
      const io = memoryIo();
      expect(await main([entry.name, "--help"], io)).toBe(0);
      expect(io.out()).toBe(`${command.usage.trimEnd()}\n`);
    }
  });

  it("prints the library's version", async () => {
    const io = memoryIo();
    expect(await main(["--version"], io)).toBe(0);
    expect(io.out()).toBe(`${version}\n`);
  });

  it("turns a bad flag into a usage error with exit code 2", async () => {
    const io = memoryIo();
    expect(await main(["bench", "--no-such-flag", "kernel"], io)).toBe(2);
    expect(io.err()).toContain("--no-such-flag");
  });
});

describe("command-line hygiene", () => {
  const SCENARIO = "test/fixtures/scenarios/register-calm.yaml";
  const cases: [string[], string][] = [
    [
      ["run", SCENARIO, "--workers", "-1"],
      'faultline run: --workers expects a non-negative integer, found "-1"',
    ],
    [
      ["replay", SCENARIO, "--seed", "-3"],
      'faultline replay: --seed expects a non-negative integer, found "-3"',
    ],
    [
      ["run", SCENARIO, "--wrokers", "2"],
      "faultline run: unknown option --wrokers (did you mean --workers?)",
    ],
    [["run", SCENARIO, "--seeds"], "faultline run: --seeds needs a value"],
    [["run", SCENARIO, "--json=yes"], "faultline run: --json takes no value"],
    [
      ["replay", SCENARIO, "--seed", "1", "--seed", "2"],
      "faultline replay: --seed is given twice (1 and 2): give it once",
    ],
    [
      ["run", SCENARIO, "--seeds", "1,1,1"],
      'faultline run: --seeds: seed 1 is listed more than once in "1,1,1"',
    ],
  ];
  for (const [args, message] of cases) {
    it(`${args.slice(2).join(" ")}: exit 2, "${message}"`, async () => {
      const io = memoryIo();
      expect(await main(args, io)).toBe(2);
      expect(io.err()).toContain(message);
      expect(io.err()).not.toMatch(/ambiguous|ERR_PARSE_ARGS|To specify a positional/);
    });
  }

  it("`faultline help run` prints run's own usage", async () => {
    const io = memoryIo();
    expect(await main(["help", "run"], io)).toBe(0);
    expect(io.out()).toContain("Usage: faultline run SCENARIO [options]");
    const unknown = memoryIo();
    expect(await main(["help", "rnu"], unknown)).toBe(2);
    expect(unknown.err()).toContain('unknown command "rnu" (did you mean "run"?)');
  });
});
