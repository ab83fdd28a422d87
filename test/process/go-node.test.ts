/**
 * The Go example node (examples/maelstrom/go) runs as a process: built with the machine's
 * Go (scripts/setup-go.sh installs it in CI), then tested like any other node. Without Go
 * the test says so and skips.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./cluster-harness.js";

const BUILD_DIRECTORY = mkdtempSync(join(tmpdir(), "faultline-go-node-"));
const BINARY = join(BUILD_DIRECTORY, "node");

/** Builds the Go node; returns why it could not, or undefined when it was built. */
function buildGoNode(): string | undefined {
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
  } catch {
    return "go is not installed (scripts/setup-go.sh installs it)";
  }
  try {
    execFileSync("go", ["build", "-o", BINARY, "."], {
      cwd: join(ROOT, "examples/maelstrom/go"),
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, GOFLAGS: "-mod=mod", GOCACHE: join(BUILD_DIRECTORY, "cache") },
    });
    return undefined;
  } catch (error) {
    return `go build failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`;
  }
}

const unavailable = buildGoNode();
if (unavailable !== undefined) console.warn(`test/process/go-node.test.ts skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)("the Go example node as a process", () => {
  it("passes echo under partitions and pauses", async () => {
    const io = memoryIo({ cwd: ROOT });
    const code = await main(
      [
        "maelstrom",
        "test",
        "-w",
        "echo",
        "--bin",
        BINARY,
        "--node-count",
        "3",
        "--time-limit",
        "1.5",
        "--rate",
        "30",
        "--nemesis",
        "partition,pause",
        "--nemesis-interval",
        "0.5",
        "--seed",
        "2",
        "--out",
        join(BUILD_DIRECTORY, "echo"),
        "--json",
      ],
      io,
    );
    const json = JSON.parse(io.out().trimEnd().split("\n").pop()!);
    expect(json).toMatchObject({ valid: true, workload: "echo", anomalies: [] });
    expect(json.okOps).toBeGreaterThan(10);
    expect(code).toBe(0);
  });
});
