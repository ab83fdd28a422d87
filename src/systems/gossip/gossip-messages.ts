/**
 * The messages gossip nodes exchange. Every message carries `updates`: membership news
 * piggybacked on it (SWIM's dissemination rides on protocol traffic, never on messages of
 * its own). `isGossipMessage` checks a body's shape on arrival, so a malformed message is
 * ignored rather than trusted.
 */
import type { NodeId } from "../../sim/node-api.js";
import type { MemberUpdate } from "./member-state.js";

/** Fields every gossip message has. */
interface Piggybacked {
  /** Membership news riding on this message. */
  readonly updates: readonly MemberUpdate[];
}

/** SWIM probe: "are you alive?" (sent with `call`; answered by an `ack`). */
export interface PingMessage extends Piggybacked {
  readonly type: "ping";
}

/** SWIM indirect probe: "ping `target` for me" (sent with `call`; answered `ack` or `nack`). */
export interface PingRequestMessage extends Piggybacked {
  readonly type: "ping-req";
  readonly target: NodeId;
}

/** The answer to a ping (or a ping-req whose target answered). */
export interface AckMessage extends Piggybacked {
  readonly type: "ack";
}

/** The answer to a ping-req whose target stayed silent. */
export interface NackMessage extends Piggybacked {
  readonly type: "nack";
}

/** A full exchange of membership views (push-pull), also with members believed dead. */
export interface MembersSyncMessage extends Piggybacked {
  readonly type: "members-sync";
  /** Everything the sender believes, itself included. */
  readonly view: readonly MemberUpdate[];
}

/** A newly learned update of the replicated state, pushed epidemically. */
export interface RumorMessage extends Piggybacked {
  readonly type: "rumor";
  readonly update: unknown;
}

/** Anti-entropy, first leg: the sender's digest (sent with `call`). */
export interface DigestMessage extends Piggybacked {
  readonly type: "digest";
  readonly digest: string;
}

/** Anti-entropy, second leg: the receiver's digest and what the sender lacks. */
export interface DigestReplyMessage extends Piggybacked {
  readonly type: "digest-reply";
  readonly digest: string;
  readonly delta: unknown;
}

/** Anti-entropy, third leg: what the receiver of the digest lacks. */
export interface DeltaMessage extends Piggybacked {
  readonly type: "delta";
  readonly delta: unknown;
}

/** Any gossip message. */
export type GossipMessage =
  | PingMessage
  | PingRequestMessage
  | AckMessage
  | NackMessage
  | MembersSyncMessage
  | RumorMessage
  | DigestMessage
  | DigestReplyMessage
  | DeltaMessage;

const TYPES: ReadonlySet<string> = new Set([
  "ping",
  "ping-req",
  "ack",
  "nack",
  "members-sync",
  "rumor",
  "digest",
  "digest-reply",
  "delta",
]);

/** Whether `body` has the shape of a gossip message (its updates are checked one by one later). */
export function isGossipMessage(body: unknown): body is GossipMessage {
  if (typeof body !== "object" || body === null) return false;
  const message = body as { type?: unknown; updates?: unknown };
  return (
    typeof message.type === "string" && TYPES.has(message.type) && Array.isArray(message.updates)
  );
}
