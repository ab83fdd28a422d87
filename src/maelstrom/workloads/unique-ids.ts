/**
 * The `unique-ids` workload: clients ask any node to `generate` an id; every id returned
 * must be globally unique (the unique-ids checker).
 */
import { checkUniqueIds } from "../../checkers/unique-ids.js";
import type { Value } from "../../checkers/value.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import type { MaelstromWorkload } from "../workload.js";

/** The unique-ids workload. */
export const uniqueIdsWorkload: MaelstromWorkload = {
  name: "unique-ids",
  summary: "clients ask for ids, which must be globally unique",
  flags: ["rate", "concurrency"],
  setup: () => [],
  generator: () => ({ next: () => ({ f: "generate", value: null }) }),
  request: () => ({ type: "generate" }),
  complete: (op, reply) =>
    completeWith(op, reply, "generate_ok", false, (body) =>
      "id" in body ? (body.id as Value) : undefined,
    ),
  timedOut: (op) => timeoutCompletion(op, false),
  finalOps: () => [],
  check: (history) => checkUniqueIds(history),
};
