/**
 * Generated register histories for the checker's scaling figures: `clients` processes
 * share one register, each running one operation at a time (a write of a fresh value or a
 * read), with overlapping random durations. Every operation takes effect at a random point
 * inside its interval, so the history is linearizable by construction; a share of the
 * operations time out (recorded as `info`, whether or not they took effect). With
 * `badRead`, one read in the middle returns a value that was overwritten by a completed
 * write before the read began: the one violation in the history.
 *
 * The generator is seeded, so the same options give the same history.
 */
import type { HistoryEvent } from "../checkers/history.js";
import { RandomStream } from "../sim/random.js";

/** What to generate. */
export interface RegisterHistoryOptions {
  /** Operations, all clients together. */
  readonly ops: number;
  /** Concurrent client processes. */
  readonly clients: number;
  /** Share of operations that time out (recorded as `info`). Default 0.01. */
  readonly timeoutRate?: number;
  /** Plant one stale read in the middle of the history. */
  readonly badRead?: boolean;
  /** The generator's seed. Default 1. */
  readonly seed?: number;
}

interface PlannedOp {
  readonly process: number;
  readonly f: "read" | "write";
  readonly invokeAt: number;
  readonly returnAt: number;
  readonly effectAt: number;
  readonly writes: number;
  readonly timedOut: boolean;
  read: number | null;
}

/** Plans each client's operations back to back, with random durations and think times. */
function planOperations(options: RegisterHistoryOptions, rng: RandomStream): PlannedOp[] {
  const timeoutRate = options.timeoutRate ?? 0.01;
  const clock = new Float64Array(options.clients);
  const planned: PlannedOp[] = [];
  let nextValue = 1;
  for (let index = 0; index < options.ops; index++) {
    const process = index % options.clients;
    const invokeAt = clock[process]! + rng.next() * 2;
    const returnAt = invokeAt + 1 + rng.next() * 10;
    clock[process] = returnAt;
    const write = rng.next() < 0.5;
    planned.push({
      process,
      f: write ? "write" : "read",
      invokeAt,
      returnAt,
      effectAt: invokeAt + rng.next() * (returnAt - invokeAt),
      writes: write ? nextValue++ : 0,
      timedOut: rng.next() < timeoutRate,
      read: null,
    });
  }
  return planned;
}

/** Applies the operations at their effect points, filling in what each read saw. */
function applyEffects(planned: readonly PlannedOp[]): void {
  const byEffect = [...planned].sort((a, b) => a.effectAt - b.effectAt);
  let value: number | null = null;
  for (const op of byEffect) {
    if (op.f === "write") value = op.writes;
    else op.read = value;
  }
}

/**
 * Makes one read near the middle stale: it returns the value of a completed write that
 * another completed write replaced before the read was invoked.
 */
function plantBadRead(planned: readonly PlannedOp[]): void {
  const completedWrites = planned
    .filter((op) => op.f === "write" && !op.timedOut)
    .sort((a, b) => a.returnAt - b.returnAt);
  for (let index = Math.floor(planned.length / 2); index < planned.length; index++) {
    const read = planned[index]!;
    if (read.f !== "read" || read.timedOut) continue;
    const before = completedWrites.filter((write) => write.returnAt < read.invokeAt);
    for (let newer = before.length - 1; newer > 0; newer--) {
      const replacer = before[newer]!;
      const stale = before.findLast((write) => write.returnAt < replacer.invokeAt);
      if (stale !== undefined && stale.writes !== read.read) {
        read.read = stale.writes;
        return;
      }
    }
  }
  throw new Error("register history: no read to make stale; generate more operations");
}

/** Lays the planned operations out as invoke and completion events in time order. */
function toEvents(planned: readonly PlannedOp[]): HistoryEvent[] {
  const events: { at: number; event: HistoryEvent }[] = [];
  for (const op of planned) {
    events.push({
      at: op.invokeAt,
      event: {
        process: op.process,
        type: "invoke",
        f: op.f,
        value: op.f === "write" ? op.writes : null,
      },
    });
    const value = op.f === "write" ? op.writes : op.read;
    events.push({
      at: op.returnAt,
      event: {
        process: op.process,
        type: op.timedOut ? "info" : "ok",
        f: op.f,
        value: op.timedOut ? null : value,
      },
    });
  }
  events.sort((a, b) => a.at - b.at);
  return events.map(({ event }) => event);
}

/**
 * A register history of `ops` operations by `clients` processes.
 *
 * @example
 * ```ts
 * const history = registerHistory({ ops: 10_000, clients: 50, badRead: true });
 * checkLinearizability(history, registerModel).verdict; // "violation"
 * ```
 */
export function registerHistory(options: RegisterHistoryOptions): HistoryEvent[] {
  const rng = new RandomStream(`register-history:${options.seed ?? 1}`);
  const planned = planOperations(options, rng);
  applyEffects(planned);
  if (options.badRead === true) plantBadRead(planned);
  return toEvents(planned);
}
