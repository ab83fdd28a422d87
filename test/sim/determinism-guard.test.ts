import * as nodeCrypto from "node:crypto";
import { randomBytes as importedRandomBytes } from "node:crypto";
import * as fs from "node:fs";
import { readFileSync as importedReadFileSync } from "node:fs";
import { readFile as promisedReadFile } from "node:fs/promises";
import * as net from "node:net";
import { describe, expect, it } from "vitest";
import { DeterminismViolation, Simulation } from "../../src/index.js";

/** Each banned call, as the guard names it, and code that makes it. */
const BANNED: readonly (readonly [string, () => unknown])[] = [
  ["Math.random()", () => Math.random()],
  ["Date.now()", () => Date.now()],
  ["new Date()", () => new Date()],
  ["Date()", () => Date()],
  ["performance.now()", () => performance.now()],
  ["setTimeout()", () => setTimeout(() => undefined, 1)],
  ["setInterval()", () => setInterval(() => undefined, 1)],
  ["setImmediate()", () => setImmediate(() => undefined)],
  ["crypto.getRandomValues()", () => globalThis.crypto.getRandomValues(new Uint8Array(4))],
  ["crypto.randomUUID()", () => globalThis.crypto.randomUUID()],
  ["crypto.randomBytes()", () => nodeCrypto.randomBytes(4)],
  ["crypto.randomBytes()", () => importedRandomBytes(4)],
  ["crypto.randomInt()", () => nodeCrypto.randomInt(10)],
  ["crypto.randomUUID()", () => nodeCrypto.randomUUID()],
  ["crypto.getRandomValues()", () => nodeCrypto.getRandomValues(new Uint8Array(4))],
  ["crypto.randomFillSync()", () => nodeCrypto.randomFillSync(new Uint8Array(4))],
  ["crypto.randomFill()", () => nodeCrypto.randomFill(new Uint8Array(4), () => undefined)],
  ["process.hrtime()", () => process.hrtime()],
  ["process.hrtime.bigint()", () => process.hrtime.bigint()],
  ["process.nextTick()", () => process.nextTick(() => undefined)],
  ["fs.readFileSync()", () => fs.readFileSync("package.json")],
  ["fs.readFileSync()", () => importedReadFileSync("package.json")],
  ["fs.existsSync()", () => fs.existsSync("package.json")],
  ["fs.writeFile()", () => fs.writeFile("/nonexistent/x", "", () => undefined)],
  ["fs.promises.readFile()", () => promisedReadFile("package.json")],
  ["fs.promises.readFile()", () => fs.promises.readFile("package.json")],
  ["net.connect()", () => net.connect(1, "127.0.0.1")],
  ["fetch()", () => fetch("http://127.0.0.1:1/")],
];

/** The globals the guard replaces, as they are outside a run. */
function guardedGlobals() {
  return {
    random: Math.random,
    Date: globalThis.Date,
    now: Date.now,
    performanceNow: performance.now,
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    setImmediate: globalThis.setImmediate,
    getRandomValues: globalThis.crypto.getRandomValues,
    randomUUID: globalThis.crypto.randomUUID,
    randomBytes: nodeCrypto.randomBytes,
    importedRandomBytes,
    randomInt: nodeCrypto.randomInt,
    randomFillSync: nodeCrypto.randomFillSync,
    hrtime: process.hrtime,
    nextTick: process.nextTick,
    readFileSync: fs.readFileSync,
    importedReadFileSync,
    promisedReadFile,
    connect: net.connect,
    fetch: globalThis.fetch,
    ownNow: Object.getOwnPropertyDescriptor(performance, "now"),
    ownGetRandomValues: Object.getOwnPropertyDescriptor(globalThis.crypto, "getRandomValues"),
  };
}

/** A guarded run in which n2 makes `call` when a message arrives, and swallows the error. */
async function runCalling(call: () => unknown) {
  const thrown: unknown[] = [];
  const sim = new Simulation({
    seed: 1,
    nodes: 2,
    determinismGuard: true,
    system: ({ id, ctx }) => {
      if (id === "n1") ctx.setTimer(1, () => ctx.send("n2", "go"));
      return {
        onMessage() {
          try {
            call();
          } catch (error) {
            thrown.push(error);
          }
          ctx.send("n1", "still running");
        },
      };
    },
  });
  const stop = await sim.run();
  return { sim, stop, thrown };
}

describe("determinism guard", () => {
  for (const [name, call] of BANNED) {
    it(`catches ${name} in a node, even when the node catches the error`, async () => {
      const before = guardedGlobals();
      const { sim, stop, thrown } = await runCalling(call);
      expect(stop).toMatchObject({ kind: "nondeterminism", node: "n2", call: name });
      expect(thrown).toHaveLength(1);
      expect(thrown[0]).toBeInstanceOf(DeterminismViolation);
      expect((thrown[0] as DeterminismViolation).call).toBe(name);
      expect((thrown[0] as Error).message).toContain(`${name} was called inside a deterministic`);
      const failure = [...sim.trace.events()].find((event) => event.kind === "nodeFailure");
      expect(failure).toMatchObject({ node: "n2", text: `nondeterminism: ${name}` });
      expect(guardedGlobals()).toEqual(before);
    });
  }

  it("names the node when the call comes from an async continuation of its code", async () => {
    const sim = new Simulation({
      seed: 1,
      nodes: 2,
      determinismGuard: true,
      system: ({ id, ctx }) => {
        if (id === "n2") {
          void (async () => {
            await ctx.sleep(5);
            await Promise.resolve();
            try {
              Date.now();
            } catch {
              // swallowed; the run still reports it
            }
          })();
        }
        return {};
      },
    });
    expect(await sim.run()).toMatchObject({
      kind: "nondeterminism",
      node: "n2",
      call: "Date.now()",
    });
    expect(sim.nowUs).toBe(5_000);
  });

  it("gives a short stack of the caller's own frames, without faultline's or Node's", async () => {
    function readsTheWallClock() {
      return Date.now();
    }
    const { stop } = await runCalling(readsTheWallClock);
    expect(stop.kind).toBe("nondeterminism");
    const stack = stop.kind === "nondeterminism" ? stop.stack : "";
    const frames = stack.split("\n");
    expect(frames[0]).toMatch(/at readsTheWallClock .*determinism-guard\.test\.ts:\d+:\d+/);
    expect(frames.length).toBeLessThanOrEqual(5);
    expect(stack).not.toMatch(/src\/sim\/|node:internal|node_modules/);
  });

  it("lets Node's own use of process.nextTick through (a stream write from a handler)", async () => {
    const { PassThrough } = await import("node:stream");
    const stream = new PassThrough();
    const sim = new Simulation({
      seed: 1,
      nodes: 1,
      determinismGuard: true,
      system: ({ ctx }) => {
        ctx.setTimer(1, () => stream.end("logged from a handler\n"));
        return {};
      },
    });
    expect(await sim.run()).toEqual({ kind: "idle" });
    expect(String(stream.read())).toBe("logged from a handler\n");
  });

  it("restores every global after the run, so they work again", async () => {
    const before = guardedGlobals();
    await runCalling(() => Math.random());
    expect(guardedGlobals()).toEqual(before);
    expect(typeof Math.random()).toBe("number");
    expect(Date.now()).toBeGreaterThan(0);
    expect(new Date(0).getTime()).toBe(0);
    expect(nodeCrypto.randomBytes(2)).toHaveLength(2);
    expect(importedRandomBytes(2)).toHaveLength(2);
    clearTimeout(setTimeout(() => undefined, 0));
  });

  it("restores the globals when harness code throws out of the run", async () => {
    const before = guardedGlobals();
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({}), determinismGuard: true });
    sim.at(5, () => {
      throw new Error("harness bug");
    });
    await expect(sim.run()).rejects.toThrow("harness bug");
    expect(guardedGlobals()).toEqual(before);
  });

  it("allows dates built from a given time, and catches harness code outside any node", async () => {
    const sim = new Simulation({ seed: 1, nodes: 1, system: () => ({}), determinismGuard: true });
    const built: number[] = [];
    sim.at(1, () => built.push(new Date(86_400_000).getUTCDate(), Date.UTC(2020, 0, 1)));
    sim.at(2, () => {
      try {
        performance.now();
      } catch {
        // the harness swallows it too; the run still reports it
      }
    });
    const stop = await sim.run();
    expect(built).toEqual([2, 1_577_836_800_000]);
    expect(stop).toMatchObject({
      kind: "nondeterminism",
      node: undefined,
      call: "performance.now()",
    });
  });

  it("leaves the globals alone when the guard is off", async () => {
    let drawn = -1;
    const sim = new Simulation({
      seed: 1,
      nodes: 1,
      system: () => {
        drawn = Math.random();
        return {};
      },
    });
    expect(await sim.run()).toEqual({ kind: "idle" });
    expect(drawn).toBeGreaterThanOrEqual(0);
  });
});
