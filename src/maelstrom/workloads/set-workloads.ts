/**
 * The set-like workloads: `broadcast` (a topology first, then `broadcast` of unique
 * integers and `read` of all messages) and `g-set` (`add` of elements and `read`), both
 * with a final read on every node after healing and judged by the set-full checker.
 */
import { checkSetFull } from "../../checkers/set-full.js";
import type { Value } from "../../checkers/value.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import { buildTopology } from "../topology.js";
import type { MaelstromOp, MaelstromWorkload, OpGenerator } from "../workload.js";
import { chance, finalReadOnEveryNode, READ_OP } from "./final-reads.js";

/** Half additions of fresh integers (0, 1, 2, ...), half reads, as Maelstrom's generators mix them. */
function additionsAndReads(f: string): OpGenerator {
  let next = 0;
  return {
    next: (random): MaelstromOp => (chance(random, 0.5) ? { f, value: next++ } : READ_OP),
  };
}

function readList(field: string) {
  return (body: Readonly<Record<string, unknown>>): Value | undefined =>
    Array.isArray(body[field]) ? (body[field] as Value[]) : undefined;
}

/** The broadcast workload. */
export const broadcastWorkload: MaelstromWorkload = {
  name: "broadcast",
  summary: "gossip every broadcast message to every node (eventually consistent set)",
  flags: ["rate", "concurrency", "topology"],
  setup: (options) => {
    const topology = buildTopology(options.topology, options.nodeIds);
    return options.nodeIds.map((dest) => ({ dest, body: { type: "topology", topology } }));
  },
  generator: () => additionsAndReads("broadcast"),
  request: (op) =>
    op.f === "broadcast" ? { type: "broadcast", message: op.value } : { type: "read" },
  complete: (op, reply) =>
    op.f === "broadcast"
      ? completeWith(op, reply, "broadcast_ok", false)
      : completeWith(op, reply, "read_ok", true, readList("messages")),
  timedOut: (op) => timeoutCompletion(op, op.f === "read"),
  finalOps: finalReadOnEveryNode,
  check: (history) => checkSetFull(history, { addFunction: "broadcast" }),
};

/** The g-set workload. */
export const gSetWorkload: MaelstromWorkload = {
  name: "g-set",
  summary: "a grow-only set: add elements, read the set",
  flags: ["rate", "concurrency"],
  setup: () => [],
  generator: () => additionsAndReads("add"),
  request: (op) => (op.f === "add" ? { type: "add", element: op.value } : { type: "read" }),
  complete: (op, reply) =>
    op.f === "add"
      ? completeWith(op, reply, "add_ok", false)
      : completeWith(op, reply, "read_ok", true, readList("value")),
  timedOut: (op) => timeoutCompletion(op, op.f === "read"),
  finalOps: finalReadOnEveryNode,
  check: (history) => checkSetFull(history, { addFunction: "add" }),
};
