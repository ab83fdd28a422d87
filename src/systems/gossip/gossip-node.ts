/**
 * A gossip node: SWIM membership plus epidemic broadcast of a pluggable replicated state.
 * Clients may talk to any node: an `add` is applied locally, persisted durably, answered,
 * and then spread; a `read-set` answers what this node holds now (gossip is eventually
 * consistent: a read may miss values other nodes acknowledged). Written, like a user's
 * system, only against the public node API.
 */
import { ADD_ACKNOWLEDGED } from "../../checkers/convergence-invariant.js";
import type { ClientRequest, IncomingMessage, NodeInit, SystemNode } from "../../sim/node-api.js";
import { type ClientResult, isSetOp } from "../../workload/protocol.js";
import { EpidemicBroadcast } from "./epidemic-broadcast.js";
import { type GossipMessage, isGossipMessage } from "./gossip-messages.js";
import type { GossipOptions } from "./gossip-options.js";
import type { ReplicatedStateFactory } from "./replicated-state.js";
import { SwimMembership } from "./swim-membership.js";

/** The fact a node reports when it acknowledges an `add` (the convergence check collects them). */
export interface AddAcknowledgedFact {
  readonly type: typeof ADD_ACKNOWLEDGED;
  readonly value: number;
}

/**
 * Builds a gossip node around a replicated state.
 *
 * @example
 * ```ts
 * const factory: NodeFactory = (init) =>
 *   createGossipNode(init, defaultGossipOptions(), () => new GrowOnlySet());
 * ```
 */
export function createGossipNode(
  init: NodeInit,
  options: GossipOptions,
  makeState: ReplicatedStateFactory,
): SystemNode {
  const { ctx } = init;
  const state = makeState({ random: () => ctx.random() });
  const membership = new SwimMembership(ctx, options, init.restarted);
  const broadcast = new EpidemicBroadcast(ctx, options, membership, state);
  broadcast.restore();
  membership.start();
  broadcast.start();

  const onMessage = (message: IncomingMessage): void | Promise<void> => {
    const body = message.body;
    if (!isGossipMessage(body)) return;
    membership.absorb(body.updates);
    return dispatch(message, body);
  };
  const dispatch = (message: IncomingMessage, body: GossipMessage): void | Promise<void> => {
    switch (body.type) {
      case "ping":
      case "ping-req":
      case "members-sync":
        return membership.handle(message, body);
      case "rumor":
      case "digest":
      case "delta":
        return broadcast.handle(message, body);
      default:
        return; // acks, nacks and digest replies arrive as answers to calls
    }
  };
  const onClientRequest = (request: ClientRequest): void => {
    if (!isSetOp(request.op)) {
      const result: ClientResult = { type: "fail", error: "gossip serves add and read-set only" };
      ctx.respond(request, result);
      return;
    }
    const served = state.serve(request.op);
    if (served.update !== undefined) broadcast.publish(served.update);
    ctx.respond(request, served.result);
    if (request.op.f === "add" && served.result.type === "ok") {
      const fact: AddAcknowledgedFact = { type: ADD_ACKNOWLEDGED, value: request.op.value };
      ctx.report(fact);
    }
  };
  return {
    onMessage,
    onClientRequest,
    inspect: () => ({
      role: "member",
      incarnation: membership.incarnation,
      setSize: state.values().length,
      digest: state.digest(),
      values: [...state.values()],
      members: membership.view.summary(),
    }),
  };
}
