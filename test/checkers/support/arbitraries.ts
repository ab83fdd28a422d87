/**
 * fast-check arbitraries for histories: small random register histories (linearizable or
 * not), and histories built from a sequential execution by widening each operation's
 * interval around its linearization point (always linearizable).
 */
import fc from "fast-check";
import type { EventType, HistoryEvent } from "../../../src/checkers/history.js";
import type { Value } from "../../../src/checkers/value.js";

const SMALL_VALUES: readonly Value[] = [null, 1, 2, 3];

/** One random operation: what it does, what it saw, how it ended. */
interface RandomOp {
  readonly f: "read" | "write" | "cas" | "add" | "get" | "put" | "append";
  readonly input: Value;
  readonly output: Value;
  readonly ending: "ok" | "fail" | "info" | "open";
}

const randomOp: fc.Arbitrary<RandomOp> = fc
  .record({
    f: fc.constantFrom("read", "write", "cas"),
    a: fc.constantFrom(...SMALL_VALUES),
    b: fc.constantFrom(1, 2, 3),
    swapped: fc.boolean(),
    ending: fc.constantFrom("ok", "ok", "ok", "fail", "info", "open"),
  })
  .map(({ f, a, b, swapped, ending }) => {
    const e = ending as RandomOp["ending"];
    if (f === "read") return { f, input: null, output: a, ending: e };
    if (f === "write") return { f, input: b, output: b, ending: e };
    return { f, input: [a, b], output: swapped ? [a, b] : false, ending: e };
  });

const randomCounterOp: fc.Arbitrary<RandomOp> = fc
  .record({
    add: fc.boolean(),
    amount: fc.constantFrom(1, 2, 4),
    total: fc.integer({ min: 0, max: 7 }),
    ending: fc.constantFrom("ok", "ok", "info", "open"),
  })
  .map(({ add, amount, total, ending }) =>
    add
      ? { f: "add" as const, input: amount, output: null, ending: ending as RandomOp["ending"] }
      : { f: "read" as const, input: null, output: total, ending: ending as RandomOp["ending"] },
  );

const TEXTS = ["", "a", "b", "ab", "ba", "aa", "bb", "aab", "abb", "bab"];

const randomTextOp: fc.Arbitrary<RandomOp> = fc
  .record({
    f: fc.constantFrom("get", "get", "put", "append", "append"),
    piece: fc.constantFrom("a", "b"),
    seen: fc.constantFrom(...TEXTS),
    ending: fc.constantFrom("ok", "ok", "ok", "info", "open"),
  })
  .map(({ f, piece, seen, ending }) => {
    const e = ending as RandomOp["ending"];
    if (f === "get") return { f, input: null, output: seen, ending: e };
    return { f: f as "put" | "append", input: piece, output: piece, ending: e };
  });

/** Small single-key text histories (get / put / append), the shape rule 5 reasons about. */
export function smallTextHistory(maxOps: number): fc.Arbitrary<HistoryEvent[]> {
  return smallHistory(randomTextOp, maxOps).map((events) =>
    events.map((event) => ({ ...event, key: "k" })),
  );
}

/**
 * Small register histories: up to `maxOps` random operations over a few processes, with a
 * random interleaving of invocations and completions.
 */
export function smallRegisterHistory(maxOps: number): fc.Arbitrary<HistoryEvent[]> {
  return smallHistory(randomOp, maxOps);
}

/** Small counter histories (`add(n)`, `read`), where crashed additions commute. */
export function smallCounterHistory(maxOps: number): fc.Arbitrary<HistoryEvent[]> {
  return smallHistory(randomCounterOp, maxOps);
}

const randomPlainOp = fc
  .record({
    write: fc.boolean(),
    seen: fc.integer({ min: 0, max: 8 }),
    ending: fc.constantFrom("ok", "ok", "ok", "ok", "fail", "info", "open"),
  })
  .map(({ write, seen, ending }) => ({ write, seen, ending: ending as RandomOp["ending"] }));

/**
 * Small register histories of plain reads and writes, every write of its own value (1, 2,
 * ... in invocation order); reads see null, a written value, or now and then one never
 * written. The shape the checker decides by zones.
 */
export function smallUniqueWriteHistory(maxOps: number): fc.Arbitrary<HistoryEvent[]> {
  const ops = fc.array(randomPlainOp, { minLength: 1, maxLength: maxOps }).map((drawn) => {
    let written = 0;
    return drawn.map(({ write, seen, ending }): RandomOp => {
      if (write) {
        written++;
        return { f: "write", input: written, output: written, ending };
      }
      return { f: "read", input: null, output: seen === 0 ? null : seen, ending };
    });
  });
  return fc
    .record({
      ops,
      processes: fc.integer({ min: 1, max: 4 }),
      choices: fc.array(fc.nat(), { minLength: 4 * maxOps, maxLength: 4 * maxOps }),
    })
    .map(({ ops: drawn, processes, choices }) => interleave(drawn, processes, choices));
}

function smallHistory(op: fc.Arbitrary<RandomOp>, maxOps: number): fc.Arbitrary<HistoryEvent[]> {
  return fc
    .record({
      ops: fc.array(op, { minLength: 1, maxLength: maxOps }),
      processes: fc.integer({ min: 1, max: 4 }),
      choices: fc.array(fc.nat(), { minLength: 4 * maxOps, maxLength: 4 * maxOps }),
    })
    .map(({ ops, processes, choices }) => interleave(ops, processes, choices));
}

function completion(op: RandomOp, process: number): HistoryEvent | undefined {
  if (op.ending === "open") return undefined;
  return { process, type: op.ending, f: op.f, value: op.ending === "ok" ? op.output : null };
}

function interleave(
  ops: readonly RandomOp[],
  processes: number,
  choices: readonly number[],
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const running: (RandomOp | undefined)[] = new Array(processes).fill(undefined);
  const ids = Array.from({ length: processes }, (_, index) => index);
  let nextProcess = processes;
  const finish = (slot: number, op: RandomOp) => {
    const event = completion(op, ids[slot]!);
    if (event !== undefined) events.push(event);
    // As in Jepsen, a process whose operation crashed is replaced by a fresh one.
    if (op.ending === "open" || op.ending === "info") ids[slot] = nextProcess++;
    running[slot] = undefined;
  };
  let next = 0;
  for (let turn = 0; next < ops.length; turn++) {
    const slot = choices[turn % choices.length]! % processes;
    const op = running[slot];
    if (op !== undefined) {
      finish(slot, op);
      continue;
    }
    const started = ops[next++]!;
    running[slot] = started;
    events.push({ process: ids[slot]!, type: "invoke", f: started.f, value: started.input });
  }
  running.forEach((op, slot) => {
    if (op !== undefined) finish(slot, op);
  });
  return events;
}

/** A sequential operation on a keyed store and the result it had when executed. */
interface SequentialOp {
  readonly f: string;
  readonly key: string;
  readonly input: Value;
  readonly output: Value;
}

/** How a sequential history's operations end when widened into intervals. */
export type Crashes = "none" | "some";

/**
 * Histories built from a sequential execution of a keyed store (`kv` model: read, write,
 * cas, get, put, append) with each operation's interval widened around its linearization
 * point; with `crashes: "some"`, some operations that took effect end `info` or never
 * complete, and some operations that did not take effect are added as `info` or `fail`.
 * Every such history is linearizable.
 */
export function widenedKvHistory(crashes: Crashes): fc.Arbitrary<HistoryEvent[]> {
  const step = fc.record({
    f: fc.constantFrom("read", "write", "cas", "get", "put", "append"),
    key: fc.constantFrom("a", "b"),
    value: fc.constantFrom(1, 2, 3),
    text: fc.constantFrom("x", "y"),
    compareWithCurrent: fc.boolean(),
    before: fc.nat({ max: 6 }),
    after: fc.nat({ max: 6 }),
    ending:
      crashes === "none"
        ? fc.constant("ok")
        : fc.constantFrom("ok", "ok", "info", "open", "phantom", "failed"),
  });
  return fc.array(step, { minLength: 1, maxLength: 24 }).map((steps) => {
    const state = new Map<string, Value>();
    const intervals: { op: SequentialOp; start: number; end: number; ending: string }[] = [];
    steps.forEach((s, index) => {
      const phantom = s.ending === "phantom" || s.ending === "failed";
      const op = execute(state, s, phantom);
      const point = 10 * index + 5;
      intervals.push({ op, start: point - s.before, end: point + s.after, ending: s.ending });
    });
    return intervalsToEvents(intervals);
  });
}

function execute(
  state: Map<string, Value>,
  s: { f: string; key: string; value: number; text: string; compareWithCurrent: boolean },
  phantom: boolean,
): SequentialOp {
  const current = state.get(s.key) ?? null;
  const text = current === null ? "" : String(current);
  const apply = (next: Value) => {
    if (!phantom) state.set(s.key, next);
  };
  switch (s.f) {
    case "read":
      return { f: "read", key: s.key, input: null, output: current };
    case "get":
      return { f: "get", key: s.key, input: null, output: text };
    case "write":
    case "put":
      apply(s.value);
      return { f: s.f, key: s.key, input: s.value, output: s.value };
    case "append":
      apply(text + s.text);
      return { f: "append", key: s.key, input: s.text, output: s.text };
    default: {
      const from = s.compareWithCurrent ? current : s.value;
      const swapped = current === from;
      if (swapped) apply(s.value);
      return {
        f: "cas",
        key: s.key,
        input: [from, s.value],
        output: swapped ? [from, s.value] : false,
      };
    }
  }
}

function intervalsToEvents(
  intervals: readonly { op: SequentialOp; start: number; end: number; ending: string }[],
): HistoryEvent[] {
  const timed: { time: number; order: number; event: HistoryEvent }[] = [];
  const busyUntil: number[] = [];
  intervals.forEach(({ op, start, end, ending }, index) => {
    let process = busyUntil.findIndex((until) => until < start);
    if (process === -1) process = busyUntil.length;
    const open = ending === "open" || ending === "info" || ending === "phantom";
    busyUntil[process] = open ? Number.POSITIVE_INFINITY : end;
    const base = { process, f: op.f, key: op.key };
    timed.push({
      time: start,
      order: 2 * index,
      event: { ...base, type: "invoke", value: op.input },
    });
    if (ending === "open") return;
    const type: EventType = ending === "ok" ? "ok" : ending === "failed" ? "fail" : "info";
    const value = type === "ok" ? op.output : null;
    timed.push({ time: end, order: 2 * index + 1, event: { ...base, type, value } });
  });
  timed.sort((a, b) => a.time - b.time || a.order - b.order);
  return timed.map(({ event }) => event);
}
