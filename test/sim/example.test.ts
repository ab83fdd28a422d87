import { execFile } from "node:child_process";
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

  it("prints the same run for the same seed, and another for another seed", async () => {
    const first = await pingPong("3");
    const again = await pingPong("3");
    const other = await pingPong("4");
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
  });
});
