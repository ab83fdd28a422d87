/**
 * The messages Raft servers exchange: RequestVote (and its pre-vote form) and
 * AppendEntries, with their replies. They travel as one-way messages (`ctx.send`), each
 * reply a message of its own, as in the paper; every message carries the sender's term.
 * AppendEntries also carries a heartbeat `round` that replies echo: a leader that sees a
 * majority acknowledge round r knows it was still leader after it sent r (ReadIndex,
 * leases).
 */
import type { LogEntry } from "./log-entry.js";

/** RequestVote, or a pre-vote when `preVote` is set (then `term` is the term it would run in). */
export interface VoteRequest {
  readonly type: "vote";
  readonly term: number;
  readonly preVote: boolean;
  /** Index of the candidate's last log entry. */
  readonly lastIndex: number;
  /** Term of the candidate's last log entry. */
  readonly lastTerm: number;
}

/** The answer to a `VoteRequest`. */
export interface VoteReply {
  readonly type: "vote-reply";
  /** The voter's term (for a granted pre-vote: the term of the request). */
  readonly term: number;
  readonly preVote: boolean;
  readonly granted: boolean;
}

/** AppendEntries: replicates entries after (prevIndex, prevTerm); empty as a heartbeat. */
export interface AppendRequest {
  readonly type: "append";
  readonly term: number;
  readonly prevIndex: number;
  readonly prevTerm: number;
  readonly entries: readonly LogEntry[];
  /** The leader's commit index. */
  readonly leaderCommit: number;
  /** The heartbeat round this message belongs to. */
  readonly round: number;
}

/** The answer to an `AppendRequest`. */
export interface AppendReply {
  readonly type: "append-reply";
  readonly term: number;
  /** Whether the log matched at prevIndex and the entries are now stored (durably). */
  readonly success: boolean;
  /** On success: the index up to which the follower's log matches the leader's. */
  readonly matchIndex: number;
  /** On failure: where the leader should retry from (fast back-off, thesis §5.3). */
  readonly conflictIndex: number;
  /** On failure: the term of the follower's conflicting entry, or 0 when its log is too short. */
  readonly conflictTerm: number;
  /** The round of the request, echoed. */
  readonly round: number;
}

/** Any Raft message. */
export type RaftMessage = VoteRequest | VoteReply | AppendRequest | AppendReply;

const TYPES = new Set(["vote", "vote-reply", "append", "append-reply"]);

/** Whether a message body is a Raft message (servers only talk to each other, but check). */
export function isRaftMessage(body: unknown): body is RaftMessage {
  return (
    typeof body === "object" &&
    body !== null &&
    TYPES.has((body as { type?: unknown }).type as string)
  );
}
