/**
 * Clients that are nodes of the cluster. An application server that uses the replicated
 * service (a lock client, say) is a node too: it cannot use the workload's client channel,
 * so it sends its operation as a message with `ctx.call`, and the Raft node serves it like
 * any client request and answers with `ctx.reply`. Redirects, sessions and results are the
 * client protocol's, unchanged.
 */
import type { ClientRequest, IncomingMessage } from "../../sim/index.js";

/** The message a node sends (with `ctx.call`) to submit a client operation. */
export interface PeerRequestMessage {
  readonly type: "client-request";
  /** The client's name, for client sessions (unique per client incarnation). */
  readonly client: string;
  /** The operation, in the state machine's vocabulary. */
  readonly op: unknown;
}

/** Whether a message body is a peer's client request. */
export function isPeerRequestMessage(body: unknown): body is PeerRequestMessage {
  if (typeof body !== "object" || body === null) return false;
  const message = body as Partial<PeerRequestMessage>;
  return message.type === "client-request" && typeof message.client === "string";
}

/** A client request that came as a message: answered by replying to that message. */
export class PeerRequest implements ClientRequest {
  /** The call's id (unique in the run). */
  readonly id: number;
  /** The client's name, as the message gave it. */
  readonly client: string;
  /** The operation. */
  readonly op: unknown;
  /** The message to reply to. */
  readonly message: IncomingMessage;

  /** The request a `client-request` message carries. */
  constructor(message: IncomingMessage, body: PeerRequestMessage) {
    this.id = message.callId ?? 0;
    this.client = body.client;
    this.op = body.op;
    this.message = message;
  }
}
