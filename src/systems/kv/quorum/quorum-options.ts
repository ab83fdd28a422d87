/**
 * The options of `kv-quorum`: Dynamo's N (replicas per key), R and W (replies a read and
 * a write wait for), where versions come from, and how long a coordinator waits. Only
 * strict quorums are offered (R + W > N, every replica in the key's fixed preference list):
 * sloppy quorums and hinted handoff let a read miss a completed write, which no version
 * scheme can repair.
 */
import { z } from "zod";

/** Where write versions come from. */
export const TIMESTAMP_SOURCES = ["versioned", "wall-clock"] as const;

/** `versioned`: (counter, node) read from a quorum first; `wall-clock`: the node's own clock. */
export type TimestampSource = (typeof TIMESTAMP_SOURCES)[number];

/** Validates and defaults the options. */
export const quorumOptionsSchema = z
  .strictObject({
    /** Replicas per key (N); at most the cluster size. */
    replicas: z.number().int().min(1).max(64).default(3),
    /** Replies a read waits for (R). */
    readQuorum: z.number().int().min(1).max(64).default(2),
    /** Acknowledgements a write waits for (W). */
    writeQuorum: z.number().int().min(1).max(64).default(2),
    /**
     * `versioned` (the default) is linearizable for read and write; `wall-clock` is
     * last-writer-wins by the coordinator's own clock: the `kv-lww-wall-clock` bug.
     */
    timestamps: z.enum(TIMESTAMP_SOURCES).default("versioned"),
    /** How long a coordinator waits for each round of replies, in ms. */
    requestTimeoutMs: z.number().int().min(1).max(60_000).default(150),
  })
  .refine((o) => o.readQuorum <= o.replicas && o.writeQuorum <= o.replicas, {
    message: "readQuorum and writeQuorum must not exceed replicas",
    path: ["replicas"],
  })
  .refine((o) => o.readQuorum + o.writeQuorum > o.replicas, {
    message: "readQuorum + writeQuorum must exceed replicas, or reads can miss completed writes",
    path: ["readQuorum"],
  });

/** The options with defaults filled in. */
export type QuorumOptions = z.output<typeof quorumOptionsSchema>;
