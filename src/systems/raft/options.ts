/**
 * The reference Raft's options, as a scenario file writes them under `system.options`.
 * Every field has a unit in its name, a default and a bound; the schema checks them once,
 * when the system is built, with messages that name the field and the fix. The `bug`
 * field switches on one planted bug: the correct system is the default, and each bug
 * changes exactly one decision in the code (search for the bug's name to find it).
 */
import { z } from "zod";

/** The planted bugs, each a realistic mistake that faultline must find. */
export const RAFT_BUGS = [
  /** Votes are granted without RequestVote's up-to-date-log check: committed writes can be lost. */
  "vote-without-log-check",
  /** Entries of earlier terms are committed by counting replicas (the paper's Figure 8). */
  "commit-previous-term",
  /** A node that believes it is leader serves reads from local state, with no ReadIndex round. */
  "stale-local-read",
  /** currentTerm / votedFor are written but not synced before a vote is answered. */
  "unsynced-vote",
  /** Lease reads trust the leader's clock: no clock-drift margin, no check for backward jumps. */
  "lease-read-ignores-skew",
] as const;

/** One planted bug's name. */
export type RaftBug = (typeof RAFT_BUGS)[number];

/** How the leader serves linearizable reads. */
export const RAFT_READ_MODES = [
  /** ReadIndex: note the commit index, confirm leadership with a heartbeat round, wait to apply. */
  "read-index",
  /** Through the log: a read is an entry, answered when applied. */
  "log",
  /** Leader lease: no round while a lease (measured on the leader's own clock) is valid. */
  "lease",
] as const;

/** One read mode's name. */
export type RaftReadMode = (typeof RAFT_READ_MODES)[number];

/** The options schema: validates `system.options` and fills in defaults. */
export const raftOptionsSchema = z
  .strictObject({
    /** Shortest election timeout, in ms of the node's own clock. */
    electionTimeoutMsMin: z.number().int().min(1).max(60_000).default(150),
    /** Longest election timeout, in ms (each timeout is drawn uniformly in between). */
    electionTimeoutMsMax: z.number().int().min(1).max(60_000).default(300),
    /** Leader heartbeat (and candidate vote retry) interval, in ms. */
    heartbeatMs: z.number().int().min(1).max(60_000).default(50),
    /** How long a disk sync takes, in ms; acknowledgements that depend on it wait. 0: inline. */
    diskSyncMs: z.number().min(0).max(1_000).default(1),
    /** How reads are served: "read-index" (default), "log" or "lease". */
    readMode: z.enum(RAFT_READ_MODES).default("read-index"),
    /**
     * Lease mode only: how much shorter than `electionTimeoutMsMin` the leader's lease is, in
     * ms. Lease reads are safe while forward clock jumps and drift of followers (and drift of
     * the leader) over one election timeout stay below this margin; a backward jump of the
     * leader's own clock voids its lease whatever its size.
     */
    leaseDriftMarginMs: z.number().int().min(0).max(60_000).default(50),
    /** Whether candidates run a pre-vote round first (thesis §9.6), so a rejoining node does not disrupt. */
    preVote: z.boolean().default(false),
    /** A planted bug to switch on, or "none" (the correct system). */
    bug: z.enum(["none", ...RAFT_BUGS]).default("none"),
  })
  .superRefine((options, context) => {
    const problem = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    if (options.electionTimeoutMsMax < options.electionTimeoutMsMin) {
      problem(
        "electionTimeoutMsMax",
        `must be >= electionTimeoutMsMin (${options.electionTimeoutMsMin}), found ${options.electionTimeoutMsMax}`,
      );
    }
    if (options.heartbeatMs >= options.electionTimeoutMsMin) {
      problem(
        "heartbeatMs",
        `must be below electionTimeoutMsMin (${options.electionTimeoutMsMin}), found ${options.heartbeatMs}: followers would time out between heartbeats`,
      );
    }
    if (
      options.readMode === "lease" &&
      options.leaseDriftMarginMs >= options.electionTimeoutMsMin
    ) {
      problem(
        "leaseDriftMarginMs",
        `must be below electionTimeoutMsMin (${options.electionTimeoutMsMin}), found ${options.leaseDriftMarginMs}: the lease would be empty`,
      );
    }
    if (options.bug === "lease-read-ignores-skew" && options.readMode !== "lease") {
      problem(
        "bug",
        `"lease-read-ignores-skew" needs readMode: lease (found "${options.readMode}")`,
      );
    }
  });

/** The effective options, defaults filled in. */
export type RaftOptions = z.output<typeof raftOptionsSchema>;

/**
 * Validates options and fills in defaults; throws a `ZodError` naming the bad field.
 *
 * @example
 * ```ts
 * const options = resolveRaftOptions({ readMode: "lease", bug: "lease-read-ignores-skew" });
 * options.electionTimeoutMsMin; // 150
 * ```
 */
export function resolveRaftOptions(input: unknown = {}): RaftOptions {
  return raftOptionsSchema.parse(input);
}
