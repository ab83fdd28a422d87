/**
 * The facts a Raft node reports with `ctx.report`, for the invariants and for viewers.
 * They describe state changes as they happen: elections won, log suffixes written, commit
 * points, entries applied, recoveries. Together they let the invariants follow every
 * node's log exactly without ever reading it.
 */
import type { NodeId } from "../../sim/index.js";

/** This node became leader of `term`. */
export interface LeaderFact {
  readonly type: "leader";
  readonly term: number;
  /** The leader's last log index when it won. */
  readonly lastIndex: number;
}

/**
 * This node's log changed: from `index` on it now holds exactly the entries listed (their
 * terms and chain hashes), and nothing after them. Entries before `index` are unchanged.
 */
export interface LogFact {
  readonly type: "log";
  readonly index: number;
  readonly terms: readonly number[];
  readonly hashes: readonly number[];
}

/** As leader of `term`, this node advanced its commit index to `index`. */
export interface CommitFact {
  readonly type: "commit";
  readonly term: number;
  readonly index: number;
  /** The term of the entry at `index`. */
  readonly entryTerm: number;
  /** The chain hash through `index`. */
  readonly hash: number;
}

/** This node applied the entry at `index` to its state machine. */
export interface ApplyFact {
  readonly type: "apply";
  readonly index: number;
  readonly term: number;
  /** Digest of the applied command. */
  readonly digest: number;
}

/**
 * This node (re)started from its disk; its log now ends at `lastIndex`. The recovered log
 * is always a prefix of the log the node last reported (truncations are synced at once, so
 * a crash only loses appends), which `lastHash` confirms.
 */
export interface RecoverFact {
  readonly type: "recover";
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly lastIndex: number;
  /** The chain hash through `lastIndex`. */
  readonly lastHash: number;
  /** Torn or unreadable records dropped from the log's tail. */
  readonly droppedRecords: number;
}

/** This node could not read its disk and stopped serving (fail-stop); it retries later. */
export interface FailStopFact {
  readonly type: "fail-stop";
  readonly reason: string;
}

/** Any fact a Raft node reports. */
export type RaftFact = LeaderFact | LogFact | CommitFact | ApplyFact | RecoverFact | FailStopFact;

/** Whether a reported value is a Raft fact. */
export function isRaftFact(fact: unknown): fact is RaftFact {
  if (typeof fact !== "object" || fact === null) return false;
  switch ((fact as { type?: unknown }).type) {
    case "leader":
    case "log":
    case "commit":
    case "apply":
    case "recover":
    case "fail-stop":
      return true;
    default:
      return false;
  }
}
