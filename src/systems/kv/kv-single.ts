/**
 * `kv-single`: one server holds the whole store; every other node redirects clients to
 * it. The server applies each operation at once, makes it durable (disk sync) and only then
 * answers, so the store is linearizable whatever the faults: a crash loses nothing that was
 * acknowledged, and while the server is down clients time out. It is the baseline that
 * calibrates the checkers on real runs: any violation reported on it is a checker bug.
 *
 * The server is the first node in natural order (`n1`), unless the option `server` names
 * another.
 */
import { z } from "zod";
import type { NodeFactory, NodeInit, SystemNode } from "../../sim/node-api.js";
import type { KvOp } from "../../workload/protocol.js";
import { defineSystem } from "../definition.js";
import { readDurably } from "../gossip/durable-read.js";
import { clusterOrder } from "./cluster-order.js";
import { kvOpProblem } from "./kv-op-check.js";
import { type KvSnapshot, KvStateMachine } from "./kv-state-machine.js";

/** Where the server keeps the store on disk. */
const STORE_KEY = "kv-single/store";

/** Validates the options of `kv-single`. */
export const kvSingleOptionsSchema = z.strictObject({
  /** The node that serves; default: the first node in natural order. */
  server: z.string().min(1).optional(),
});

/** The options of `kv-single`. */
export type KvSingleOptions = z.output<typeof kvSingleOptionsSchema>;

/** Builds one node of `kv-single`. */
export function createKvSingleNode(init: NodeInit, options: KvSingleOptions): SystemNode {
  const { ctx } = init;
  const server = options.server ?? clusterOrder(ctx.id, ctx.peers)[0]!;
  if (ctx.id !== server) {
    return {
      onClientRequest: (request) => ctx.respond(request, { type: "redirect", leader: server }),
      inspect: () => ({ role: "follower", server }),
    };
  }
  const stored = readDurably(() => ctx.disk.get(STORE_KEY)) as KvSnapshot | undefined;
  const machine = new KvStateMachine(stored);
  return {
    onClientRequest(request) {
      const problem = kvOpProblem(request.op);
      if (problem !== undefined) return ctx.respond(request, problem);
      const op = request.op as KvOp;
      const result = machine.apply(request.client, op);
      if (op.f !== "read") {
        ctx.disk.put(STORE_KEY, machine.snapshot());
        ctx.disk.sync();
      }
      ctx.respond(request, result);
    },
    inspect: () => ({ role: "leader", keys: machine.size, data: machine.snapshot().data }),
  };
}

/**
 * The `kv-single` reference system.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, nodes: 3, system: kvSingleSystem.build({}) });
 * ```
 */
export const kvSingleSystem = defineSystem<KvSingleOptions>({
  name: "kv-single",
  summary: "one durable server holds the whole store; always linearizable",
  options: kvSingleOptionsSchema,
  workload: "kv",
  build:
    (options): NodeFactory =>
    (init) =>
      createKvSingleNode(init, options),
});
