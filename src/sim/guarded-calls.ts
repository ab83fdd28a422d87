/**
 * What the determinism guard replaces: every way, short of a native addon, that code in a
 * simulated node reaches outside the simulation and gets an answer the seed does not fix.
 *
 * - the wall clock: `Date.now()`, `new Date()` (`Date` itself is handled in the guard),
 *   `performance.now()`, `process.hrtime()`;
 * - unseeded randomness: `Math.random()`, Web Crypto's `getRandomValues`/`randomUUID`, and
 *   `node:crypto`'s `randomBytes`, `randomFill(Sync)`, `randomInt`, `randomUUID`;
 * - the real event loop: `setTimeout`, `setInterval`, `setImmediate`, `process.nextTick`
 *   (its callbacks run after the simulation has moved on). `queueMicrotask` is left alone:
 *   the simulation runs microtasks deterministically after each event;
 * - real I/O: `node:fs` (sync, callback and promise APIs), `fetch`, `node:net`,
 *   `node:http(s)` and `node:dgram` connections and servers, and `node:child_process`.
 *
 * This file, with `determinism-guard.ts`, is the one place in the kernel that names those
 * calls: it lists them so they can be replaced.
 */
import { createRequire } from "node:module";

/** One property to replace with a throwing stand-in while a guarded run is in progress. */
export interface GuardedCall {
  /** The object that holds the property (a module's exports, a global). */
  readonly target: object;
  readonly key: string;
  /** How a finding names the call, e.g. `fs.readFileSync()`. */
  readonly call: string;
  /**
   * Calls made on behalf of Node itself (a stream writing `console.log` output schedules
   * its callback with `process.nextTick`) go through: only the user's own calls are findings.
   */
  readonly allowNodeInternals: boolean;
}

const require = createRequire(import.meta.url);

function loadModule(name: string): Record<string, unknown> {
  return require(name) as Record<string, unknown>;
}

function call(target: object, key: string, name: string): GuardedCall {
  return { target, key, call: `${name}()`, allowNodeInternals: false };
}

/** Every function of a module whose name is a lowercase identifier (classes are left alone). */
function moduleFunctions(exports: Record<string, unknown>, prefix: string): GuardedCall[] {
  return Object.keys(exports)
    .filter((key) => /^[a-z]/.test(key) && typeof exports[key] === "function")
    .sort()
    .map((key) => call(exports, key, `${prefix}.${key}`));
}

function clockAndRandomness(): GuardedCall[] {
  const crypto = loadModule("node:crypto");
  const calls = [
    call(Math, "random", "Math.random"),
    call(process, "hrtime", "process.hrtime"),
    call(crypto, "randomBytes", "crypto.randomBytes"),
    call(crypto, "randomFillSync", "crypto.randomFillSync"),
    call(crypto, "randomFill", "crypto.randomFill"),
    call(crypto, "randomInt", "crypto.randomInt"),
    call(crypto, "randomUUID", "crypto.randomUUID"),
  ];
  if (typeof performance !== "undefined") calls.push(call(performance, "now", "performance.now"));
  // `node:crypto`'s own `getRandomValues` cannot be replaced (a fixed getter), but it calls
  // the Web Crypto object's, which is.
  const webCrypto = (globalThis as { crypto?: object }).crypto;
  if (webCrypto !== undefined) {
    calls.push(call(webCrypto, "getRandomValues", "crypto.getRandomValues"));
    calls.push(call(webCrypto, "randomUUID", "crypto.randomUUID"));
  }
  return calls;
}

function eventLoop(): GuardedCall[] {
  return [
    call(globalThis, "setTimeout", "setTimeout"),
    call(globalThis, "setInterval", "setInterval"),
    call(globalThis, "setImmediate", "setImmediate"),
    { ...call(process, "nextTick", "process.nextTick"), allowNodeInternals: true },
  ];
}

function realIo(): GuardedCall[] {
  const fs = loadModule("node:fs");
  const calls = [
    ...moduleFunctions(fs, "fs"),
    ...moduleFunctions(loadModule("node:fs/promises"), "fs.promises"),
    ...moduleFunctions(loadModule("node:child_process"), "child_process"),
  ];
  const net = loadModule("node:net");
  for (const key of ["connect", "createConnection", "createServer"])
    calls.push(call(net, key, `net.${key}`));
  for (const name of ["http", "https"]) {
    const module = loadModule(`node:${name}`);
    for (const key of ["request", "get", "createServer"])
      calls.push(call(module, key, `${name}.${key}`));
  }
  calls.push(call(loadModule("node:dgram"), "createSocket", "dgram.createSocket"));
  if (typeof globalThis.fetch === "function") calls.push(call(globalThis, "fetch", "fetch"));
  return calls;
}

let cached: readonly GuardedCall[] | undefined;

/** The calls the guard replaces (worked out once per process). */
export function guardedCalls(): readonly GuardedCall[] {
  cached ??= [...clockAndRandomness(), ...eventLoop(), ...realIo()];
  return cached;
}
