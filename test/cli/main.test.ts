import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

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

  it("turns a bad flag into a usage error with exit code 2", async () => {
    const io = memoryIo();
    expect(await main(["bench", "--no-such-flag", "kernel"], io)).toBe(2);
    expect(io.err()).toContain("--no-such-flag");
  });
});
