/**
 * The coordination service's options, as a scenario file writes them under
 * `system.options`. Every field has a unit in its name, a default and a bound; the schema
 * checks them once, when the system is built. The `bug` field switches on one planted bug:
 * the correct system is the default, and each bug changes exactly one decision in the code
 * (search for the bug's name to find it).
 */
import { z } from "zod";
import { raftOptionsSchema } from "../raft/options.js";

/** The planted bugs, each a realistic mistake that faultline must find. */
export const COORD_BUGS = [
  /** Workers do not pass fencing tokens to the storage node, which cannot refuse a stale holder. */
  "no-fencing",
  /** The leader expires sessions by raw readings of its own clock: a jump forward expires live sessions. */
  "lease-local-clock",
  /** The leader, not the state machine, deletes an expired session's registrations, from memory. */
  "ephemeral-leak",
] as const;

/** One planted bug's name. */
export type CoordBug = (typeof COORD_BUGS)[number];

/** The options schema: validates `system.options` and fills in defaults. */
export const coordOptionsSchema = z
  .strictObject({
    /** How many nodes run the replicated service (Raft); they come after the workers. */
    servers: z.number().int().min(1).max(9).default(3),
    /** The Raft options of the servers. */
    raft: raftOptionsSchema.prefault({}),
    /** A session's time to live without a renewal, in ms (of the leader's session clock). */
    sessionTtlMs: z.number().int().min(100).max(60_000).default(1_500),
    /**
     * How much shorter than `sessionTtlMs` the service promises a session lives after a
     * renewal's send time, in ms: the allowance for clock drift and jumps on the leader and
     * for the time a renewal travels. Checked by the sessions invariant.
     */
    sessionDriftMarginMs: z.number().int().min(0).max(60_000).default(400),
    /** How long an expired session's ephemeral entries may survive it, in ms (sessions invariant). */
    cleanupBoundMs: z.number().int().min(0).max(60_000).default(1_000),
    /** How often the leader looks for sessions to expire, in ms of its clock. */
    expiryCheckMs: z.number().int().min(1).max(10_000).default(50),
    /** How often a worker renews its session, in ms of its clock. */
    keepaliveMs: z.number().int().min(1).max(60_000).default(250),
    /** How long a worker waits for one server's answer before trying another, in ms. */
    callTimeoutMs: z.number().int().min(1).max(60_000).default(150),
    /** How long a worker keeps retrying one service operation before it gives up, in ms. */
    operationDeadlineMs: z.number().int().min(1).max(60_000).default(700),
    /** How long a worker waits for the storage node, in ms. */
    storageTimeoutMs: z.number().int().min(1).max(60_000).default(200),
    /** Shortest and longest time a worker computes between its read and its write, in ms. */
    workMsMin: z.number().int().min(0).max(60_000).default(20),
    workMsMax: z.number().int().min(0).max(60_000).default(120),
    /** Longest a worker holds a lock waiting for its client's release before it releases it, in ms. */
    holdMsMax: z.number().int().min(1).max(600_000).default(3_000),
    /** A planted bug to switch on, or "none" (the correct system). */
    bug: z.enum(["none", ...COORD_BUGS]).default("none"),
  })
  .superRefine((options, context) => {
    const problem = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    if (options.sessionDriftMarginMs >= options.sessionTtlMs) {
      problem(
        "sessionDriftMarginMs",
        `must be below sessionTtlMs (${options.sessionTtlMs}), found ${options.sessionDriftMarginMs}: the promise would be empty`,
      );
    }
    if (options.keepaliveMs * 2 > options.sessionTtlMs - options.sessionDriftMarginMs) {
      problem(
        "keepaliveMs",
        `must be at most half the promised session life (${options.sessionTtlMs - options.sessionDriftMarginMs} ms), found ${options.keepaliveMs}: one lost renewal would expire the session`,
      );
    }
    if (options.workMsMax < options.workMsMin) {
      problem(
        "workMsMax",
        `must be >= workMsMin (${options.workMsMin}), found ${options.workMsMax}`,
      );
    }
  });

/** The effective options, defaults filled in. */
export type CoordOptions = z.output<typeof coordOptionsSchema>;

/**
 * Validates options and fills in defaults; throws a `ZodError` naming the bad field.
 *
 * @example
 * ```ts
 * const options = resolveCoordOptions({ bug: "no-fencing" });
 * options.sessionTtlMs; // 1500
 * ```
 */
export function resolveCoordOptions(input: unknown = {}): CoordOptions {
  return coordOptionsSchema.parse(input);
}
