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
