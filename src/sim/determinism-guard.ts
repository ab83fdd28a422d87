/**
 * The determinism guard. While a guarded simulation runs, the usual ways code escapes the
 * simulation throw a `DeterminismViolation` naming the call: `Math.random`, `Date.now`,
 * `new Date()`, `performance.now`, `process.hrtime`, real timers (`setTimeout`,
 * `setInterval`, `setImmediate`) and crypto randomness (`crypto.getRandomValues`,
 * `crypto.randomUUID`, and `node:crypto`'s `randomBytes`/`randomFill`/`randomInt`/
 * `randomUUID`). The simulation is told of every violation even if the caller catches the
 * error, so it is always reported. Installing is all or nothing, and the globals are put
 * back exactly as they were (own properties restored, shadowing ones removed).
 *
 * This file is the one place in the kernel that names those calls: it replaces them.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";

/** Thrown by a guarded call while a guarded simulation runs. */
export class DeterminismViolation extends Error {
  override readonly name = "DeterminismViolation";
  /** The call that was made, e.g. `Math.random()`. */
  readonly call: string;

  constructor(call: string) {
    super(
      `${call} was called inside a deterministic simulation; use the node context instead ` +
        "(ctx.random(), ctx.now(), ctx.setTimer(), ctx.sleep())",
    );
    this.call = call;
  }
}

type Listener = (call: string) => void;

const require = createRequire(import.meta.url);
const nodeCrypto = require("node:crypto") as Record<string, unknown>;

interface Patch {
  readonly target: object;
  readonly key: string;
  readonly call: string;
}

/**
 * What to replace. `node:crypto`'s own `getRandomValues` cannot be replaced (a fixed
 * getter), but it calls the Web Crypto object's, which is patched.
 */
function patchList(): Patch[] {
  const patches: Patch[] = [
    { target: Math, key: "random", call: "Math.random()" },
    { target: globalThis, key: "setTimeout", call: "setTimeout()" },
    { target: globalThis, key: "setInterval", call: "setInterval()" },
    { target: globalThis, key: "setImmediate", call: "setImmediate()" },
    { target: nodeCrypto, key: "randomBytes", call: "crypto.randomBytes()" },
    { target: nodeCrypto, key: "randomFillSync", call: "crypto.randomFillSync()" },
    { target: nodeCrypto, key: "randomFill", call: "crypto.randomFill()" },
    { target: nodeCrypto, key: "randomInt", call: "crypto.randomInt()" },
    { target: nodeCrypto, key: "randomUUID", call: "crypto.randomUUID()" },
    { target: process, key: "hrtime", call: "process.hrtime()" },
  ];
  if (typeof performance !== "undefined") {
    patches.push({ target: performance, key: "now", call: "performance.now()" });
  }
  const webCrypto = (globalThis as { crypto?: object }).crypto;
  if (webCrypto !== undefined) {
    patches.push({ target: webCrypto, key: "getRandomValues", call: "crypto.getRandomValues()" });
    patches.push({ target: webCrypto, key: "randomUUID", call: "crypto.randomUUID()" });
  }
  return patches;
}

/** A replaced property, and how to put it back: its own descriptor, or none (inherited). */
interface Applied {
  readonly target: object;
  readonly key: string;
  readonly own: PropertyDescriptor | undefined;
}

/** The throwing stand-in for a patched call (`process.hrtime` keeps a `bigint` too). */
function replacement(patch: Patch): () => never {
  const guarded = () => violation(patch.call);
  if (patch.target === process && patch.key === "hrtime") {
    Object.assign(guarded, { bigint: () => violation("process.hrtime.bigint()") });
  }
  return guarded;
}

/** Replaces one property with a throwing stand-in, or returns undefined if it cannot. */
function applyPatch(patch: Patch): Applied | undefined {
  const original = (patch.target as Record<string, unknown>)[patch.key];
  if (typeof original !== "function") return undefined;
  const own = Object.getOwnPropertyDescriptor(patch.target, patch.key);
  if (own !== undefined && !own.configurable) return undefined;
  Object.defineProperty(patch.target, patch.key, {
    value: replacement(patch),
    writable: true,
    configurable: true,
    enumerable: own?.enumerable ?? false,
  });
  return { target: patch.target, key: patch.key, own };
}

function undoPatch(applied: Applied): void {
  if (applied.own === undefined) {
    delete (applied.target as Record<string, unknown>)[applied.key];
  } else {
    Object.defineProperty(applied.target, applied.key, applied.own);
  }
}

let installed: { readonly restore: () => void } | undefined;
const listeners: Listener[] = [];

function violation(call: string): never {
  const listener = listeners[listeners.length - 1];
  listener?.(call);
  throw new DeterminismViolation(call);
}

function guardedDate(RealDate: DateConstructor): DateConstructor {
  const Guarded = function (this: unknown, ...args: unknown[]) {
    if (args.length === 0) violation(new.target ? "new Date()" : "Date()");
    if (!new.target) violation("Date()");
    return new RealDate(...(args as [number]));
  } as unknown as DateConstructor;
  Object.setPrototypeOf(Guarded, RealDate);
  Object.defineProperty(Guarded, "prototype", { value: RealDate.prototype });
  Guarded.now = () => violation("Date.now()");
  return Guarded;
}

function install(): { restore: () => void } {
  const applied: Applied[] = [];
  const RealDate = globalThis.Date;
  const restore = () => {
    for (const patch of applied.reverse()) undoPatch(patch);
    globalThis.Date = RealDate;
    syncBuiltinESMExports();
  };
  try {
    for (const patch of patchList()) {
      const done = applyPatch(patch);
      if (done !== undefined) applied.push(done);
    }
    globalThis.Date = guardedDate(RealDate);
    syncBuiltinESMExports();
  } catch (error) {
    restore();
    throw error;
  }
  return { restore };
}

/**
 * Turns the guard on and calls `onViolation` (the innermost active listener) whenever a
 * guarded call is made. Returns the function that turns this listener off; the globals are
 * restored when the last listener is removed.
 */
export function enableDeterminismGuard(onViolation: Listener): () => void {
  installed ??= install();
  listeners.push(onViolation);
  return () => {
    const index = listeners.lastIndexOf(onViolation);
    if (index >= 0) listeners.splice(index, 1);
    if (listeners.length === 0 && installed !== undefined) {
      installed.restore();
      installed = undefined;
    }
  };
}
