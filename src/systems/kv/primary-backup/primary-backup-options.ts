/**
 * The options of `kv-primary-backup`: heartbeat and failure-detection timing, how long a
 * primary waits for its backups, and the planted bug. Durations are in milliseconds of the
 * node's own clock, unit last in the name.
 */
import { z } from "zod";

/** The planted bugs: `none`, or `async-replication` (acknowledge before replicating). */
export const PRIMARY_BACKUP_BUGS = ["none", "async-replication"] as const;

/** A planted primary-backup bug. */
export type PrimaryBackupBug = (typeof PRIMARY_BACKUP_BUGS)[number];

/** Validates and defaults the options. */
export const primaryBackupOptionsSchema = z
  .strictObject({
    /** Time between two heartbeats of the primary (and, with the bug, two state shipments), in ms. */
    heartbeatIntervalMs: z.number().int().min(1).max(10_000).default(50),
    /** Silence from the primary after which its first successor starts a view change, in ms (later successors wait longer). */
    failureTimeoutMs: z.number().int().min(1).max(60_000).default(400),
    /** How long one attempt waits for a backup's (or a new member's) acknowledgement, in ms. */
    replicationTimeoutMs: z.number().int().min(1).max(60_000).default(50),
    /** Attempts at sending one operation (or one start-view) to a member before giving up on it. */
    replicationAttempts: z.number().int().min(1).max(20).default(3),
    /** How long a view-change proposer waits for promises, in ms. */
    viewChangeTimeoutMs: z.number().int().min(1).max(60_000).default(100),
    /** Most client operations queued at the primary; more are refused (they did not happen). */
    maxQueuedRequests: z.number().int().min(1).max(100_000).default(256),
    /** The planted bug to switch on. */
    bug: z.enum(PRIMARY_BACKUP_BUGS).default("none"),
  })
  .refine((options) => options.heartbeatIntervalMs < options.failureTimeoutMs, {
    message:
      "heartbeatIntervalMs must be shorter than failureTimeoutMs, or backups suspect a healthy primary",
    path: ["heartbeatIntervalMs"],
  });

/** The options with defaults filled in. */
export type PrimaryBackupOptions = z.output<typeof primaryBackupOptionsSchema>;
