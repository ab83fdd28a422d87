/**
 * The determinism guard. While a guarded simulation runs, the usual ways code escapes the
 * simulation throw a `DeterminismViolation` naming the call: `Math.random`, `Date.now`,
 * `new Date()`, `performance.now`, real timers (`setTimeout`, `setInterval`,
 * `setImmediate`) and crypto randomness (`crypto.getRandomValues`, `crypto.randomUUID`,
 * and `node:crypto`'s `randomBytes`/`randomInt`/`randomUUID`). The simulation is told of
 * every violation even if the caller catches the error, so it is always reported.
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
  readonly target: Record<string, unknown>;
  readonly key: string;
  readonly call: string;
}

function patchList(): Patch[] {
  const global = globalThis as unknown as Record<string, unknown>;
  const patches: Patch[] = [
    { target: Math as unknown as Record<string, unknown>, key: "random", call: "Math.random()" },
    { target: global, key: "setTimeout", call: "setTimeout()" },
    { target: global, key: "setInterval", call: "setInterval()" },
    { target: global, key: "setImmediate", call: "setImmediate()" },
    { target: nodeCrypto, key: "randomBytes", call: "crypto.randomBytes()" },
    { target: nodeCrypto, key: "randomInt", call: "crypto.randomInt()" },
    { target: nodeCrypto, key: "randomUUID", call: "crypto.randomUUID()" },
    { target: nodeCrypto, key: "getRandomValues", call: "crypto.getRandomValues()" },
  ];
  if (typeof performance !== "undefined") {
    patches.push({
      target: performance as unknown as Record<string, unknown>,
      key: "now",
      call: "performance.now()",
    });
  }
  const webCrypto = global.crypto as Record<string, unknown> | undefined;
  if (webCrypto !== undefined) {
    patches.push({ target: webCrypto, key: "getRandomValues", call: "crypto.getRandomValues()" });
    patches.push({ target: webCrypto, key: "randomUUID", call: "crypto.randomUUID()" });
  }
  return patches;
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
  const saved = patchList().map((patch) => ({ ...patch, original: patch.target[patch.key] }));
  for (const patch of saved) {
    if (typeof patch.original === "function") patch.target[patch.key] = () => violation(patch.call);
  }
  const RealDate = globalThis.Date;
  globalThis.Date = guardedDate(RealDate);
  syncBuiltinESMExports();
  return {
    restore: () => {
      for (const patch of saved) patch.target[patch.key] = patch.original;
      globalThis.Date = RealDate;
      syncBuiltinESMExports();
    },
  };
}

/**
 * Turns the guard on and calls `onViolation` (the innermost active listener) whenever a
 * guarded call is made. Returns the function that turns this listener off; the globals are
 * restored when the last listener is removed.
 */
export function enableDeterminismGuard(onViolation: Listener): () => void {
  listeners.push(onViolation);
  installed ??= install();
  return () => {
    const index = listeners.lastIndexOf(onViolation);
    if (index >= 0) listeners.splice(index, 1);
    if (listeners.length === 0 && installed !== undefined) {
      installed.restore();
      installed = undefined;
    }
  };
}
