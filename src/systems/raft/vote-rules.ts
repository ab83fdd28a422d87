/**
 * How a server answers RequestVote and pre-vote requests, as pure functions of its state.
 * Keeping the rules here, away from messaging and timers, makes them easy to read against
 * the paper and to test one by one, including the planted `vote-without-log-check` bug.
 */
import type { NodeId } from "../../sim/index.js";
import type { VoteRequest } from "./messages.js";

/**
 * Raft's up-to-date check (§5.4.1): the candidate's log is at least as up to date as ours
 * when its last term is higher, or equal with a last index at least as high.
 */
export function isLogUpToDate(
  candidate: { readonly lastIndex: number; readonly lastTerm: number },
  own: { readonly lastIndex: number; readonly lastTerm: number },
): boolean {
  if (candidate.lastTerm !== own.lastTerm) return candidate.lastTerm > own.lastTerm;
  return candidate.lastIndex >= own.lastIndex;
}

/** What the voter knows when a request arrives (after adopting a higher term, for votes). */
export interface VoterState {
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly lastIndex: number;
  readonly lastTerm: number;
  /**
   * Whether it heard from a current leader less than `electionTimeoutMsMin` ago (or is the
   * leader). Such a server neither grants votes nor adopts the candidate's term (thesis
   * §4.2.3): a server that rejoins cannot disrupt a working leader, and leases stay safe.
   */
  readonly inLeaderContact: boolean;
  /** False only under the planted bug `vote-without-log-check`. */
  readonly checksLog: boolean;
}

/** Whether a request is ignored outright: the voter is in contact with a leader. */
export function ignoresVoteRequest(voter: VoterState): boolean {
  return voter.inLeaderContact;
}

/** Whether the voter grants a real vote (its term already raised to the request's if lower). */
export function grantsVote(request: VoteRequest, candidate: NodeId, voter: VoterState): boolean {
  if (voter.inLeaderContact || request.term !== voter.term) return false;
  if (voter.votedFor !== null && voter.votedFor !== candidate) return false;
  return !voter.checksLog || isLogUpToDate(request, voter);
}

/**
 * Whether the voter grants a pre-vote: it would vote in the proposed term. Nothing is
 * changed or persisted by a pre-vote.
 */
export function grantsPreVote(request: VoteRequest, voter: VoterState): boolean {
  if (voter.inLeaderContact || request.term <= voter.term) return false;
  return !voter.checksLog || isLogUpToDate(request, voter);
}
