/**
 * No node process outlives `faultline maelstrom test`: not when it ends, not on Ctrl-C,
 * and not when it is killed with SIGKILL and can run no code at all (the watchdog ends the
 * nodes then). The nodes here ignore the end of their stdin, so only the harness's own
 * measures can end them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { misbehaving, ROOT } from "./cluster-harness.js";

const CLI = join(ROOT, "bin", "faultline.js");
const BUILT = existsSync(join(ROOT, "dist", "src", "cli", "commands", "maelstrom.js"));

/** Pids of live node processes (not the harness) whose command line contains `token`. */
function processesWith(token: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const isNode = commandLine.includes(token) && !commandLine.includes("faultline.js");
      if (isNode && !/State:\s+Z/.test(status)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** Whether all three nodes logged (to their stderr files) that they now ignore stdin. */
function nodesIgnoreStdin(out: string): boolean {
  return ["n0", "n1", "n2"].every((node) => {
    try {
      return readFileSync(join(out, "node-logs", `${node}.log`), "utf8").includes("ignoring stdin");
    } catch {
      return false;
    }
  });
}

/**
 * Starts the CLI on 3 nodes that ignore stdin's end; resolves once all 3 have answered
 * init and said so (before that, the end of stdin would still end them).
 */
async function startCli(token: string): Promise<ChildProcess> {
  const out = join(ROOT, ".faultline", "test-orphans", token);
  const cli = spawn(
    process.execPath,
    [
      CLI,
      "maelstrom",
      "test",
      "-w",
      "echo",
      "--bin",
      `${misbehaving("ignore-stdin-eof")} ${token}`,
      "--node-count",
      "3",
      "--time-limit",
      "60",
      "--rate",
      "1",
      "--out",
      out,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const started = await waitFor(
    () => processesWith(token).length === 3 && nodesIgnoreStdin(out),
    15_000,
  );
  expect(started, "the three nodes started").toBe(true);
  return cli;
}

/** Ends any node a failing test left behind, by pid. */
function cleanUp(token: string): void {
  for (const pid of processesWith(token)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}

describe.skipIf(!BUILT)("no orphaned node processes (needs `npm run build`)", () => {
  it("SIGKILL of the harness: the watchdog ends every node", async () => {
    const token = `orphan-sigkill-${process.pid}-${Date.now()}`;
    const cli = await startCli(token);
    cli.kill("SIGKILL");
    await exited(cli);
    const gone = await waitFor(() => processesWith(token).length === 0, 5000);
    cleanUp(token);
    expect(gone).toBe(true);
  });

  it("Ctrl-C (SIGINT): the harness ends its nodes and exits 130", async () => {
    const token = `orphan-sigint-${process.pid}-${Date.now()}`;
    const cli = await startCli(token);
    cli.kill("SIGINT");
    expect(await exited(cli)).toBe(130);
    const gone = await waitFor(() => processesWith(token).length === 0, 5000);
    cleanUp(token);
    expect(gone).toBe(true);
  });
});

if (!BUILT) {
  console.warn(
    "test/process/no-orphans.test.ts skipped: dist/ is missing; run `npm run build` first",
  );
}
