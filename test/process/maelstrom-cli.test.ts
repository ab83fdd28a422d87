/**
 * `faultline maelstrom test`: flag errors exit 2 naming the flag; a correct node passes
 * (exit 0, the --json contract); a node that misbehaves is a finding (exit 1) naming it.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { misbehaving, PYTHON, ROOT } from "./cluster-harness.js";

const ECHO = `${PYTHON} ${join(ROOT, "examples/maelstrom/python/echo.py")}`;
const OUT = mkdtempSync(join(tmpdir(), "faultline-maelstrom-cli-"));

async function run(args: readonly string[]) {
  const io = memoryIo({ cwd: ROOT });
  const code = await main(["maelstrom", "test", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("faultline maelstrom test: bad flags exit 2 naming the flag", () => {
  const cases: [string, readonly string[], string][] = [
    ["no --bin", ["-w", "echo"], "Expected a --bin PATH_TO_BINARY to test"],
    ["an unknown workload", ["-w", "nope", "--bin", ECHO], "--workload expects one of"],
    [
      "a missing program",
      ["-w", "echo", "--bin", "./no/such/node"],
      '--bin: "./no/such/node" does not exist',
    ],
    [
      "a bad rate",
      ["-w", "echo", "--bin", ECHO, "--rate", "fast"],
      '--rate expects a non-negative number, found "fast"',
    ],
    [
      "a bad latency distribution",
      ["-w", "echo", "--bin", ECHO, "--latency-dist", "normal"],
      "--latency-dist expects one of constant, uniform, exponential",
    ],
    [
      "an unknown fault",
      ["-w", "echo", "--bin", ECHO, "--nemesis", "partition,meteor"],
      '--nemesis expects one of partition, kill, pause, loss, duplicate; found "meteor"',
    ],
    [
      "a zero node count",
      ["-w", "echo", "--bin", ECHO, "--node-count", "0"],
      "--node-count expects a positive integer",
    ],
    [
      "an availability above 1",
      ["-w", "echo", "--bin", ECHO, "--availability", "1.5"],
      "--availability expects a number from 0 to 1",
    ],
    [
      "an unknown topology",
      ["-w", "echo", "--bin", ECHO, "--topology", "star"],
      "--topology expects one of grid",
    ],
    ["bad seeds", ["-w", "echo", "--bin", ECHO, "--seeds", "9..3"], "--seeds: seed range"],
    ["an unknown flag", ["-w", "echo", "--bin", ECHO, "--colour"], "--colour"],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expect(err).toContain(message);
    });
  }

  it("no subcommand", async () => {
    const io = memoryIo({ cwd: ROOT });
    expect(await main(["maelstrom"], io)).toBe(2);
    expect(io.err()).toContain("expected a subcommand: test");
  });

  it("a program that is not executable, with the fix", async () => {
    const script = join(OUT, "node.py");
    writeFileSync(script, "print('hi')\n");
    chmodSync(script, 0o644);
    const { code, err } = await run(["-w", "echo", "--bin", script]);
    expect(code).toBe(2);
    expect(err).toContain("is not executable");
    expect(err).toContain(`--bin "python3 ${script}"`);
  });
});

describe("faultline maelstrom test: trials", () => {
  it("a correct echo node is valid: seed first, the --json contract last, the recording saved", async () => {
    const out = join(OUT, "echo");
    const { code, out: printed } = await run([
      "-w",
      "echo",
      "--bin",
      ECHO,
      "--node-count",
      "2",
      "--time-limit",
      "1",
      "--rate",
      "20",
      "--seed",
      "3",
      "--out",
      out,
      "--json",
    ]);
    const lines = printed.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^seed 3 {2}\(re-run: npx faultline maelstrom test .* --seed 3\)$/);
    const json = JSON.parse(lines[lines.length - 1]!);
    expect(Object.keys(json)).toEqual([
      "valid",
      "workload",
      "seed",
      "ops",
      "okOps",
      "msgsPerOp",
      "latencyMs",
      "anomalies",
      "recording",
    ]);
    expect(json).toMatchObject({ valid: true, workload: "echo", seed: 3, anomalies: [] });
    expect(json.ops).toBeGreaterThan(5);
    expect(json.okOps).toBe(json.ops);
    expect(Object.keys(json.latencyMs)).toEqual(["p50", "p95", "p99", "max"]);
    expect(code).toBe(0);
    const recording = JSON.parse(readFileSync(join(out, "recording.json"), "utf8"));
    expect(recording).toMatchObject({
      format: "faultline-recording",
      source: "process",
      name: "echo",
      seed: 3,
      nodes: ["n0", "n1"],
    });
    expect(recording.history.length).toBe(2 * json.ops);
    expect(
      recording.messages.some((m: { body: { type: string } }) => m.body.type === "init_ok"),
    ).toBe(true);
  });

  it("kill restarts a node and sends it init again; every fault is recorded", async () => {
    const out = join(OUT, "kill");
    const { code, out: printed } = await run([
      "-w",
      "echo",
      "--bin",
      ECHO,
      "--node-count",
      "3",
      "--time-limit",
      "2",
      "--rate",
      "20",
      "--nemesis",
      "kill,pause,loss,duplicate",
      "--nemesis-interval",
      "0.5",
      "--seed",
      "6",
      "--out",
      out,
    ]);
    expect(printed).toContain("echo seed 6: VALID");
    expect(code).toBe(0);
    const recording = JSON.parse(readFileSync(join(out, "recording.json"), "utf8"));
    const kinds = new Set(recording.faults.map((fault: { kind: string }) => fault.kind));
    expect(kinds).toEqual(new Set(["kill", "pause", "loss", "duplicate"]));
    const crashed = recording.nodeEvents.filter(
      (event: { kind: string }) => event.kind === "crash",
    );
    const restarted = recording.nodeEvents.filter(
      (event: { kind: string }) => event.kind === "restart",
    );
    expect(crashed.length).toBeGreaterThan(0);
    expect(restarted.length).toBe(crashed.length);
    const inits = recording.messages.filter(
      (message: { to: string; body: { type: string } }) =>
        message.body.type === "init" && message.to === crashed[0].node,
    );
    expect(inits.length).toBeGreaterThanOrEqual(2);
  });

  it("a node that answers twice is invalid, named, with the line and the re-run command", async () => {
    const { code, out } = await run([
      "-w",
      "echo",
      "--bin",
      misbehaving("double-reply"),
      "--node-count",
      "1",
      "--time-limit",
      "1",
      "--rate",
      "10",
      "--seed",
      "4",
      "--out",
      join(OUT, "double"),
      "--json",
    ]);
    expect(code).toBe(1);
    expect(out).toContain("echo seed 4: INVALID");
    expect(out).toMatch(/n0 answered request \d+ twice/);
    expect(out).toMatch(/line: \{"src": "n0", "dest": "c\d+", "body": \{"type": "echo_ok"/);
    expect(out).toMatch(/\.\.\. and \d+ more duplicate-reply findings/);
    expect(out).toContain("re-run: npx faultline maelstrom test");
    const json = JSON.parse(out.trimEnd().split("\n").pop()!);
    expect(json.valid).toBe(false);
    expect(json.anomalies[0]).toMatchObject({ type: "node-duplicate-reply", nodes: ["n0"] });
  });

  it("a node that exits at start is invalid and names its exit and stderr", async () => {
    const { code, out } = await run([
      "-w",
      "echo",
      "--bin",
      misbehaving("exit-at-start"),
      "--node-count",
      "2",
      "--time-limit",
      "1",
      "--seed",
      "1",
      "--out",
      join(OUT, "exit"),
    ]);
    expect(code).toBe(1);
    expect(out).toContain("exited with code 3 before answering init");
    expect(out).toContain("| fatal: could not open config file /etc/node.conf");
  });
});
