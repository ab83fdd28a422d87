/**
 * The determinism guard. While a guarded simulation runs, the calls listed in
 * `guarded-calls.ts` (the wall clock, unseeded randomness, real timers, real I/O) and
 * `Date()`/`new Date()` throw a `DeterminismViolation` naming the call. The simulation is
 * told of every violation, with a short stack of the caller's own frames, even if the
 * caller catches the error, so it is always reported. Installing is all or nothing, and the
 * globals are put back exactly as they were (own properties restored, shadowing ones
 * removed); the ES module bindings of Node's built-in modules follow both ways.
 */
import { syncBuiltinESMExports } from "node:module";
import { fileURLToPath } from "node:url";
import { type GuardedCall, guardedCalls } from "./guarded-calls.js";

/** Thrown by a guarded call while a guarded simulation runs. */
export class DeterminismViolation extends Error {
  override readonly name = "DeterminismViolation";
  /** The call that was made, e.g. `Math.random()`. */
  readonly call: string;

  constructor(call: string) {
    super(
      `${call} was called inside a deterministic simulation; use the node context instead ` +
        "(ctx.random(), ctx.now(), ctx.monotonicNow(), ctx.setTimer(), ctx.sleep(), ctx.disk)",
    );
    this.call = call;
  }
}

// Captured before any guard is installed: the harness's own stopwatch (below) must keep
// working while a guarded run is in progress elsewhere in the same thread.
const realPerformance = performance;
const realPerformanceNow = performance.now;

/**
 * Wall-clock milliseconds for faultline's own measurements (how long a seed took, a
 * shrink budget), never for simulated code. Unlike `performance.now()`, the guard leaves it
 * alone, so it works while another guarded simulation runs in the same thread.
 */
export function harnessWallClockMs(): number {
  return realPerformanceNow.call(realPerformance);
}

/** What the guard tells the simulation of a violation. */
export interface ViolationReport {
  /** The call, e.g. `Date.now()`. */
  readonly call: string;
  /** The caller's own frames (faultline's and Node's left out), one per line; may be empty. */
  readonly stack: string;
}

type Listener = (report: ViolationReport) => void;

/** Frames kept in a violation's stack. */
const STACK_FRAMES = 5;
/** faultline's own source folder (`src/`, or `dist/src/` when built): its frames are dropped. */
const OWN_SOURCES_URL = new URL("../", import.meta.url).href;
const OWN_SOURCES = fileURLToPath(OWN_SOURCES_URL);
/** The command's launcher, `bin/` beside `src/` or `dist/`: its frames are dropped too. */
const OWN_BIN_URL = new URL(
  OWN_SOURCES_URL.endsWith("/dist/src/") ? "../../bin/" : "../bin/",
  OWN_SOURCES_URL,
).href;
const OWN_BIN = fileURLToPath(OWN_BIN_URL);

function isOwnFrame(line: string): boolean {
  return [OWN_SOURCES, OWN_SOURCES_URL, OWN_BIN, OWN_BIN_URL].some((own) => line.includes(own));
}

function isUserFrame(line: string): boolean {
  if (!line.trimStart().startsWith("at ") || isOwnFrame(line)) return false;
  return !(line.includes("(node:") || line.includes("at node:") || line.includes("node_modules"));
}

/** True while the guard itself is working (capturing a stack): guarded calls go through. */
let busy = false;

/** The stack of the current call, less the guard's frames and faultline's and Node's. */
function callerStack(): string[] {
  const limit = Error.stackTraceLimit;
  busy = true;
  try {
    Error.stackTraceLimit = 40;
    return (new Error().stack ?? "").split("\n").slice(1);
  } finally {
    Error.stackTraceLimit = limit;
    busy = false;
  }
}

/** Whether the guarded call was made by Node's own code (the first frame past the guard). */
function calledByNode(): boolean {
  const caller = callerStack().find((line) => !isOwnFrame(line));
  return caller !== undefined && (caller.includes("(node:") || caller.includes("at node:"));
}

let installed: { readonly restore: () => void } | undefined;
const listeners: Listener[] = [];

function violation(call: string): never {
  const listener = listeners[listeners.length - 1];
  if (listener !== undefined) {
    const stack = callerStack().filter(isUserFrame).slice(0, STACK_FRAMES).join("\n");
    listener({ call, stack });
  }
  throw new DeterminismViolation(call);
}

/** A replaced property, and how to put it back: its own descriptor, or none (inherited). */
interface Applied {
  readonly target: object;
  readonly key: string;
  readonly own: PropertyDescriptor | undefined;
}

/** The throwing stand-in for a guarded call (`process.hrtime` keeps a `bigint` too). */
function replacement(guarded: GuardedCall, original: (...args: unknown[]) => unknown) {
  const stand = function (this: unknown, ...args: unknown[]): unknown {
    if (busy || (guarded.allowNodeInternals && calledByNode())) return original.apply(this, args);
    return violation(guarded.call);
  };
  if (guarded.target === process && guarded.key === "hrtime") {
    const bigint = (original as unknown as { bigint: () => bigint }).bigint;
    Object.assign(stand, {
      bigint: () => (busy ? bigint() : violation("process.hrtime.bigint()")),
    });
  }
  return stand;
}

/** Stand-ins already built, by guarded call, with the original each one wraps. */
const standIns = new Map<GuardedCall, { readonly original: unknown; readonly stand: unknown }>();

function standInFor(guarded: GuardedCall, original: (...args: unknown[]) => unknown): unknown {
  const known = standIns.get(guarded);
  if (known !== undefined && known.original === original) return known.stand;
  const stand = replacement(guarded, original);
  standIns.set(guarded, { original, stand });
  return stand;
}

/** Replaces one property with a throwing stand-in, or returns undefined if it cannot. */
function applyPatch(guarded: GuardedCall): Applied | undefined {
  const original = (guarded.target as Record<string, unknown>)[guarded.key];
  if (typeof original !== "function") return undefined;
  const own = Object.getOwnPropertyDescriptor(guarded.target, guarded.key);
  if (own !== undefined && !own.configurable) return undefined;
  Object.defineProperty(guarded.target, guarded.key, {
    value: standInFor(guarded, original as (...args: unknown[]) => unknown),
    writable: true,
    configurable: true,
    enumerable: own?.enumerable ?? false,
  });
  return { target: guarded.target, key: guarded.key, own };
}

function undoPatch(applied: Applied): void {
  if (applied.own === undefined) {
    delete (applied.target as Record<string, unknown>)[applied.key];
  } else {
    Object.defineProperty(applied.target, applied.key, applied.own);
  }
}

function guardedDate(RealDate: DateConstructor): DateConstructor {
  const Guarded = function (this: unknown, ...args: unknown[]) {
    if (busy) return new.target ? new RealDate(...(args as [number])) : RealDate();
    if (args.length === 0) violation(new.target ? "new Date()" : "Date()");
    if (!new.target) violation("Date()");
    return new RealDate(...(args as [number]));
  } as unknown as DateConstructor;
  Object.setPrototypeOf(Guarded, RealDate);
  Object.defineProperty(Guarded, "prototype", { value: RealDate.prototype });
  const realNow = RealDate.now;
  Guarded.now = () => (busy ? realNow() : violation("Date.now()"));
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
    for (const guarded of guardedCalls()) {
      const done = applyPatch(guarded);
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
