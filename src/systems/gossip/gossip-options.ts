/**
 * The gossip system's options: SWIM's timing and fan-out, the epidemic broadcast's
 * fan-out and anti-entropy period, and the planted bug to switch on. Every duration is in
 * milliseconds of the node's own clock, with its unit last in the name. Checked once, when
 * the system is built; a bad value names the field and the fix.
 */
import { z } from "zod";

/** The planted bugs: `none`, or one deliberately broken behaviour (see `gossip-system.ts`). */
export const GOSSIP_BUGS = ["none", "no-refute", "no-anti-entropy"] as const;

/** A planted gossip bug. */
export type GossipBug = (typeof GOSSIP_BUGS)[number];

/** Validates and defaults the gossip options. */
export const gossipOptionsSchema = z
  .strictObject({
    /** Time between two probes of one member, in ms (SWIM's protocol period). */
    protocolPeriodMs: z.number().int().min(10).max(60_000).default(200),
    /** How long a direct ping waits for its ack before probing indirectly, in ms. */
    pingTimeoutMs: z.number().int().min(1).max(30_000).default(40),
    /** How many members are asked to ping a silent member on our behalf (SWIM's k). */
    indirectProbes: z.number().int().min(0).max(16).default(2),
    /** How long a member stays suspect before it is declared dead, in ms. */
    suspicionTimeoutMs: z.number().int().min(1).max(600_000).default(1_000),
    /** Each update is piggybacked about `retransmitMultiplier * log2(cluster size + 1)` times. */
    retransmitMultiplier: z.number().int().min(1).max(20).default(3),
    /** Most membership updates piggybacked on one message. */
    maxPiggyback: z.number().int().min(1).max(64).default(8),
    /** Time between two full membership exchanges with a random peer (dead ones too), in ms. */
    membershipSyncIntervalMs: z.number().int().min(10).max(600_000).default(1_000),
    /** How many members a new value is pushed to by each node that learns it. */
    fanout: z.number().int().min(1).max(16).default(2),
    /** Time between two anti-entropy exchanges (push-pull of digests), in ms. */
    antiEntropyIntervalMs: z.number().int().min(10).max(600_000).default(500),
    /** The planted bug to switch on. */
    bug: z.enum(GOSSIP_BUGS).default("none"),
  })
  .refine((options) => 2 * options.pingTimeoutMs < options.protocolPeriodMs, {
    message: "pingTimeoutMs must be less than half of protocolPeriodMs (indirect probes need time)",
    path: ["pingTimeoutMs"],
  });

/** The gossip options with defaults filled in. */
export type GossipOptions = z.output<typeof gossipOptionsSchema>;

/** The default options (what `{}` validates to). */
export function defaultGossipOptions(): GossipOptions {
  return gossipOptionsSchema.parse({});
}
