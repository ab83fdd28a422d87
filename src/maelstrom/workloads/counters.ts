/**
 * The counter workloads: `g-counter` (adds of 0..4) and `pn-counter` (adds of -5..4), with
 * reads, and a final read on every node after healing, judged by the counter checker.
 */
import { checkCounter } from "../../checkers/counter.js";
import { randomInt } from "../random-source.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import type { MaelstromWorkload } from "../workload.js";
import { chance, finalReadOnEveryNode, READ_OP } from "./final-reads.js";

function counterWorkload(
  name: string,
  summary: string,
  delta: (draw: number) => number,
): MaelstromWorkload {
  return {
    name,
    summary,
    flags: ["rate", "concurrency"],
    setup: () => [],
    generator: () => ({
      next: (random) =>
        chance(random, 0.5) ? { f: "add", value: delta(randomInt(random, 10)) } : READ_OP,
    }),
    request: (op) => (op.f === "add" ? { type: "add", delta: op.value } : { type: "read" }),
    complete: (op, reply) =>
      op.f === "add"
        ? completeWith(op, reply, "add_ok", false)
        : completeWith(op, reply, "read_ok", true, (body) =>
            Number.isInteger(body.value) ? (body.value as number) : undefined,
          ),
    timedOut: (op) => timeoutCompletion(op, op.f === "read"),
    finalOps: finalReadOnEveryNode,
    check: (history) => checkCounter(history),
  };
}

/** The g-counter workload (Maelstrom: `(rand-int 5)` deltas). */
export const gCounterWorkload = counterWorkload(
  "g-counter",
  "a grow-only counter: add non-negative deltas, read the sum",
  (draw) => draw % 5,
);

/** The pn-counter workload (Maelstrom: `(- (rand-int 10) 5)` deltas). */
export const pnCounterWorkload = counterWorkload(
  "pn-counter",
  "a counter with increments and decrements: add deltas, read the sum",
  (draw) => draw - 5,
);
