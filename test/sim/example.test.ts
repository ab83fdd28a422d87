import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;

/** Runs the README's example as a user would, from the repository (needs `npm run build`). */
async function pingPong(seed: string) {
  return run(process.execPath, ["examples/ping-pong.mjs", seed], { cwd: ROOT });
}

describe("examples/ping-pong.mjs", () => {
  it("runs, gets every pong through loss and a partition, and passes its self-check", async () => {
    const { stdout } = await pingPong("7");
    expect(stdout).toMatch(/^seed 7\n/);
    expect(stdout).toContain("partition n1 | n2");
    expect(stdout).toMatch(/ping 10: pong after \d+ attempts?/);
    expect(stdout).toMatch(/no events left after \d+ events; trace hash [0-9a-f]{16}/);
    expect(stdout).toContain("deterministic: the same seed ran twice");
    expect(stdout).toMatch(/replay: node examples\/ping-pong\.mjs 7\n$/);
  });

  it("prints what README.md shows for seed 7", async () => {
    const readme = readFileSync(new URL("README.md", `file://${ROOT}`), "utf8");
    // The sample starts with the command that prints it (`$ node examples/ping-pong.mjs 7`).
    const shown = readme.match(
      /```\n(?:\$ node examples\/ping-pong\.mjs 7\n)?(seed 7\n[\s\S]*?)```/,
    )?.[1];
    expect(shown, "README shows the output for seed 7").toBeDefined();
    const { stdout } = await pingPong("7");
    const printed = stdout.split("\n");
    for (const line of shown!.split("\n")) {
      if (line !== "" && line !== "...") expect(printed).toContain(line);
    }
  });

  it("prints the same run for the same seed, and another for another seed", async () => {
    const first = await pingPong("3");
    const again = await pingPong("3");
    const other = await pingPong("4");
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
  });
});
