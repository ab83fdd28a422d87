/**
 * One node of `kv-quorum`: a replica for the keys whose preference list names it, and a
 * coordinator for any client that asks it. Clients can use any node; nothing is
 * redirected.
 */
import type {
  ClientRequest,
  IncomingMessage,
  NodeInit,
  NodeSummary,
  SystemNode,
} from "../../../sim/node-api.js";
import type { ClientResult, KvOp } from "../../../workload/protocol.js";
import { clusterOrder } from "../cluster-order.js";
import { kvOpProblem } from "../kv-op-check.js";
import { QuorumCoordinator } from "./quorum-coordinator.js";
import type { GotMessage, PutAckMessage, QuorumMessage } from "./quorum-messages.js";
import type { QuorumOptions } from "./quorum-options.js";
import { isVersion } from "./version.js";
import { VersionedStore } from "./versioned-store.js";

/** Builds one node of `kv-quorum`. */
export function createQuorumNode(init: NodeInit, options: QuorumOptions): SystemNode {
  const { ctx } = init;
  const order = clusterOrder(ctx.id, ctx.peers);
  const store = new VersionedStore(ctx);
  const coordinator = new QuorumCoordinator(ctx, options, order);

  const serve = (op: KvOp): Promise<ClientResult> | ClientResult => {
    switch (op.f) {
      case "read":
        return coordinator.read(op.key);
      case "write":
        return coordinator.write(op.key, op.value);
      case "cas":
        return { type: "fail", error: "kv-quorum does not support cas (it needs consensus)" };
    }
  };
  const onClientRequest = async (request: ClientRequest): Promise<void> => {
    const problem = kvOpProblem(request.op);
    ctx.respond(request, problem ?? (await serve(request.op as KvOp)));
  };
  const onMessage = (message: IncomingMessage): void => {
    const body = message.body as Partial<QuorumMessage> | null;
    if (message.callId === undefined || typeof body?.key !== "string") return;
    if (body.type === "get") {
      const reply: GotMessage = { type: "got", key: body.key, ...store.get(body.key) };
      ctx.reply(message, reply);
    } else if (body.type === "put" && isVersion(body.version) && body.value !== undefined) {
      store.put(body.key, { version: body.version, value: body.value });
      const reply: PutAckMessage = { type: "put-ack", key: body.key };
      ctx.reply(message, reply);
    }
  };
  const inspect = (): NodeSummary => ({ role: "replica", keys: store.size });
  return { onClientRequest, onMessage, inspect };
}
