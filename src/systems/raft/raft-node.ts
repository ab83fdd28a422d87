/**
 * One Raft server (Ongaro & Ousterhout, extended paper and thesis), written against
 * faultline's public node API only. It holds the server's state and turns messages, timers
 * and client requests into the paper's transitions; the rules themselves live beside it
 * (`vote-rules.ts`, `follower-progress.ts`, `read-queue.ts`, `leader-lease.ts`).
 *
 * Persistence: currentTerm and votedFor are synced before any message that depends on them
 * leaves (votes, and the candidate's own requests). Log entries are appended unsynced; a
 * follower acknowledges them only after a sync (which takes `diskSyncMs`), and a leader
 * counts itself towards a majority only for entries it has synced.
 *
 * Timers: one election timer per node that is re-armed against a deadline rather than
 * cancelled on every heartbeat, one tick (leader heartbeat, candidate vote retry), and one
 * flush timer for the delayed disk sync.
 *
 * What the log means is the state machine's business (`state-machine.ts`): the KV store by
 * default, or any plugged-in machine. Clients reach the node through the workload's client
 * channel, or, when they are nodes themselves, with messages (`peer-request.ts`).
 */
import {
  assert,
  type ClientRequest,
  type IncomingMessage,
  type NodeContext,
  type NodeId,
  type NodeInit,
  type NodeSummary,
  type SystemNode,
  type TimerId,
} from "../../sim/index.js";
import { type ClientResult, isKvOp } from "../../workload/protocol.js";
import type { LogFact, RaftFact } from "./facts.js";
import { FollowerProgress, majorityValue } from "./follower-progress.js";
import type { HardStateStore } from "./hard-state.js";
import { KvStateMachine } from "./kv-state-machine.js";
import { LeaderLease } from "./leader-lease.js";
import { type ClientCommand, type Command, type LogEntry, makeEntry } from "./log-entry.js";
import type { AppendReply, AppendRequest, VoteReply, VoteRequest } from "./messages.js";
import { isRaftMessage } from "./messages.js";
import type { RaftOptions } from "./options.js";
import { isPeerRequestMessage, PeerRequest } from "./peer-request.js";
import { Proposals } from "./proposals.js";
import type { RaftLog } from "./raft-log.js";
import { ReadQueue } from "./read-queue.js";
import type { Recovery } from "./recovery.js";
import type { LeaderDriver, OperationKind, StateMachine } from "./state-machine.js";
import { grantsPreVote, grantsVote, type VoterState } from "./vote-rules.js";

/** Most entries sent in one AppendEntries message. */
export const MAX_ENTRIES_PER_APPEND = 64;
/** Most entries a leader holds uncommitted; beyond, it refuses operations ("overloaded"). */
export const MAX_UNCOMMITTED_ENTRIES = 1_000;
/** Most reads a leader holds waiting; beyond, it refuses reads ("overloaded"). */
export const MAX_PENDING_READS = 1_000;

/** A refused read certainly had no effect. */
const READ_OVERLOADED: ClientResult = { type: "fail", error: "overloaded" };
/**
 * A refused write may still take effect: an earlier attempt of the same operation (same
 * client and seq, sent to another leader) may be in a log already.
 */
const WRITE_OVERLOADED: ClientResult = { type: "unknown", error: "overloaded" };

/** A server's role. */
export type RaftRole = "follower" | "pre-candidate" | "candidate" | "leader";

/** What `inspect()` returns for a Raft node. */
export interface RaftSummary extends NodeSummary {
  readonly role: RaftRole | "failed";
  readonly term: number;
  readonly leader: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly lastIndex: number;
  readonly lastTerm: number;
}

/** State a leader keeps for its term only. */
class LeaderState {
  readonly progress = new Map<NodeId, FollowerProgress>();
  readonly reads = new ReadQueue();
  readonly lease: LeaderLease;
  /** The latest heartbeat round sent. */
  round = 0;
  /** The latest round a majority acknowledged. */
  confirmedRound = 0;
  /** Local time the latest round was sent. */
  lastRoundUs = Number.NEGATIVE_INFINITY;

  constructor(peers: readonly NodeId[], nextIndex: number, lease: LeaderLease) {
    for (const peer of peers) this.progress.set(peer, new FollowerProgress(nextIndex));
    this.lease = lease;
  }
}

/** A follower's acknowledgement that waits for the disk sync. */
interface PendingAck {
  readonly to: NodeId;
  readonly term: number;
  readonly matchIndex: number;
  readonly round: number;
}

type RecoveredState = Extract<Recovery, { ok: true }>;

/** A running Raft server. */
export class RaftNode implements SystemNode {
  readonly #ctx: NodeContext;
  readonly #options: RaftOptions;
  readonly #peers: readonly NodeId[];
  readonly #majority: number;
  readonly #store: HardStateStore;
  readonly #log: RaftLog;
  readonly #machine: StateMachine;
  readonly #proposals = new Proposals();
  #term: number;
  #votedFor: NodeId | null;
  #role: RaftRole = "follower";
  #leader: NodeId | undefined = undefined;
  #commitIndex = 0;
  #lastApplied = 0;
  /** Highest log index known to be durable on this node's disk. */
  #syncedIndex: number;
  #votes = new Set<NodeId>();
  #leaderState: LeaderState | undefined = undefined;
  #pendingAcks: PendingAck[] = [];
  #lastLeaderContactUs: number;
  #electionDeadlineUs = 0;
  #electionTimer: TimerId | undefined = undefined;
  #electionTimerDueUs = 0;
  #tickTimer: TimerId | undefined = undefined;
  #flushTimer: TimerId | undefined = undefined;
  /** Reused scratch space for majority computations (one slot per server). */
  readonly #scratch: number[];

  /**
   * Builds a server from its recovered persistent state; `machine` is the empty state
   * machine the log is applied to (the KV store when absent).
   */
  constructor(
    init: NodeInit,
    options: RaftOptions,
    recovered: RecoveredState,
    machine: StateMachine = new KvStateMachine(),
  ) {
    this.#ctx = init.ctx;
    this.#machine = machine;
    this.#options = options;
    this.#peers = init.peers;
    this.#majority = Math.floor((init.peers.length + 1) / 2) + 1;
    this.#store = recovered.store;
    this.#log = recovered.log;
    this.#term = recovered.hardState.term;
    this.#votedFor = recovered.hardState.votedFor;
    this.#syncedIndex = this.#log.lastIndex;
    this.#scratch = new Array<number>(init.peers.length + 1).fill(0);
    // In lease mode a (re)started server acts as if it had just heard from a leader: it may
    // have acknowledged a lease before it crashed, and must not help elect a rival early.
    this.#lastLeaderContactUs =
      options.readMode === "lease" ? this.#ctx.monotonicNowUs() : Number.NEGATIVE_INFINITY;
    this.#report({
      type: "recover",
      term: this.#term,
      votedFor: this.#votedFor,
      lastIndex: this.#log.lastIndex,
      lastHash: this.#log.hashAt(this.#log.lastIndex),
      droppedRecords: recovered.droppedRecords,
    });
    this.#resetElectionDeadline();
  }

  // ------------------------------------------------------------------ SystemNode

  /** Dispatches a message from another server, or a client request from a node. */
  onMessage(message: IncomingMessage): void {
    const body = message.body;
    if (isPeerRequestMessage(body) && message.callId !== undefined) {
      this.onClientRequest(new PeerRequest(message, body));
      return;
    }
    if (!isRaftMessage(body)) {
      this.#ctx.log(`ignored a message that is not Raft's from ${message.from}`);
      return;
    }
    switch (body.type) {
      case "vote":
        this.#onVoteRequest(message.from, body);
        return;
      case "vote-reply":
        this.#onVoteReply(message.from, body);
        return;
      case "append":
        this.#onAppend(message.from, body);
        return;
      case "append-reply":
        this.#onAppendReply(message.from, body);
        return;
    }
  }

  /** Serves a client's operation, or redirects it to the leader. */
  onClientRequest(request: ClientRequest): void {
    const op = request.op;
    const kind = this.#machine.classify(op);
    if (kind === undefined) {
      this.#respond(request, { type: "fail", error: "unsupported operation" });
      return;
    }
    if (this.#role !== "leader") {
      this.#respond(request, this.#redirect());
      return;
    }
    this.#machine.leaderDuties?.arrived(request.client, op);
    if (kind === "read" && this.#options.readMode !== "log") {
      if (this.#leaderState!.reads.length >= MAX_PENDING_READS)
        this.#respond(request, READ_OVERLOADED);
      else this.#serveRead(request);
      return;
    }
    if (this.#log.lastIndex - this.#commitIndex >= MAX_UNCOMMITTED_ENTRIES) {
      this.#respond(request, kind === "read" ? READ_OVERLOADED : WRITE_OVERLOADED);
      return;
    }
    this.#propose(request, kind);
  }

  /** Answers a client, through the workload's channel or by replying to a node's message. */
  #respond(request: ClientRequest, result: ClientResult): void {
    if (request instanceof PeerRequest) this.#ctx.reply(request.message, result);
    else this.#ctx.respond(request, result);
  }

  /** Role, term, leader, commit and log summary. */
  inspect(): RaftSummary {
    return {
      role: this.#role,
      term: this.#term,
      leader: this.#leader ?? null,
      commitIndex: this.#commitIndex,
      lastApplied: this.#lastApplied,
      lastIndex: this.#log.lastIndex,
      lastTerm: this.#log.lastTerm,
    };
  }

  // ------------------------------------------------------------------ elections

  #startElection(): void {
    if (this.#options.preVote) this.#becomePreCandidate();
    else this.#becomeCandidate();
  }

  #becomePreCandidate(): void {
    this.#role = "pre-candidate";
    this.#leader = undefined;
    this.#votes = new Set([this.#ctx.id]);
    this.#resetElectionDeadline();
    if (this.#votes.size >= this.#majority) {
      this.#becomeCandidate();
      return;
    }
    this.#requestVotes();
    this.#armTick();
  }

  #becomeCandidate(): void {
    this.#role = "candidate";
    this.#leader = undefined;
    this.#term++;
    this.#votedFor = this.#ctx.id;
    this.#persistHardState();
    this.#votes = new Set([this.#ctx.id]);
    this.#resetElectionDeadline();
    if (this.#votes.size >= this.#majority) {
      this.#becomeLeader();
      return;
    }
    this.#requestVotes();
    this.#armTick();
  }

  /** Sends RequestVote (or pre-vote) to every peer that has not granted it yet. */
  #requestVotes(): void {
    const preVote = this.#role === "pre-candidate";
    const request: VoteRequest = {
      type: "vote",
      term: preVote ? this.#term + 1 : this.#term,
      preVote,
      lastIndex: this.#log.lastIndex,
      lastTerm: this.#log.lastTerm,
    };
    for (const peer of this.#peers) if (!this.#votes.has(peer)) this.#ctx.send(peer, request);
  }

  #onVoteRequest(from: NodeId, request: VoteRequest): void {
    const inContact = this.#inLeaderContact();
    if (request.preVote) {
      const granted = grantsPreVote(request, this.#voterState(inContact));
      this.#sendVoteReply(from, granted ? request.term : this.#term, true, granted);
      return;
    }
    if (inContact) {
      this.#sendVoteReply(from, this.#term, false, false);
      return;
    }
    let changed = false;
    if (request.term > this.#term) {
      this.#enterTerm(request.term);
      changed = true;
    }
    const granted = grantsVote(request, from, this.#voterState(false));
    if (granted) {
      this.#votedFor = from;
      changed = true;
      this.#resetElectionDeadline();
    }
    if (changed) this.#persistHardState();
    this.#sendVoteReply(from, this.#term, false, granted);
  }

  #sendVoteReply(to: NodeId, term: number, preVote: boolean, granted: boolean): void {
    const reply: VoteReply = { type: "vote-reply", term, preVote, granted };
    this.#ctx.send(to, reply);
  }

  #voterState(inLeaderContact: boolean): VoterState {
    return {
      term: this.#term,
      votedFor: this.#votedFor,
      lastIndex: this.#log.lastIndex,
      lastTerm: this.#log.lastTerm,
      inLeaderContact,
      checksLog: this.#options.bug !== "vote-without-log-check",
    };
  }

  #onVoteReply(from: NodeId, reply: VoteReply): void {
    if (reply.term > this.#term && !(reply.preVote && reply.granted)) {
      this.#enterTerm(reply.term);
      this.#persistHardState();
      return;
    }
    if (!reply.granted) return;
    if (reply.preVote) {
      if (this.#role !== "pre-candidate" || reply.term !== this.#term + 1) return;
      this.#votes.add(from);
      if (this.#votes.size >= this.#majority) this.#becomeCandidate();
      return;
    }
    if (this.#role !== "candidate" || reply.term !== this.#term) return;
    this.#votes.add(from);
    if (this.#votes.size >= this.#majority) this.#becomeLeader();
  }

  /** Whether this server heard from a current leader within the shortest election timeout. */
  #inLeaderContact(): boolean {
    if (this.#role === "leader") return true;
    const sinceUs = this.#ctx.monotonicNowUs() - this.#lastLeaderContactUs;
    return sinceUs < this.#options.electionTimeoutMsMin * 1000;
  }

  #becomeLeader(): void {
    this.#role = "leader";
    this.#leader = this.#ctx.id;
    this.#leaderState = new LeaderState(this.#peers, this.#log.lastIndex + 1, this.#newLease());
    this.#ctx.log(`leader of term ${this.#term}`);
    this.#report({ type: "leader", term: this.#term, lastIndex: this.#log.lastIndex });
    this.#broadcastRound();
    this.#armTick();
    this.#machine.leaderDuties?.start(this.#leaderDriver());
  }

  /** What the state machine's leader duties may do while this node leads this term. */
  #leaderDriver(): LeaderDriver {
    const term = this.#term;
    const ctx = this.#ctx;
    return {
      term,
      propose: (body) => {
        if (this.#role !== "leader" || this.#term !== term) return undefined;
        if (this.#log.lastIndex - this.#commitIndex >= MAX_UNCOMMITTED_ENTRIES) return undefined;
        return this.#appendOwn({ type: "leader", body });
      },
      nowUs: () => ctx.nowUs(),
      monotonicNowUs: () => ctx.monotonicNowUs(),
      setTimer: (delayMs, callback) => ctx.setTimer(delayMs, callback),
      cancelTimer: (timer) => ctx.cancelTimer(timer),
      log: (message) => ctx.log(message),
    };
  }

  /**
   * The lease of a new term: the shortest election timeout minus the drift margin, voided by
   * a backward jump of this node's clock. The planted bug trusts the clock: no margin, no watch.
   */
  /**
   * The clock a leader times its lease by: the monotonic one, as real servers do. The
   * planted bug `lease-read-ignores-skew` times it by the wall clock, which faults can jump.
   */
  #leaseClockUs(): number {
    return this.#options.bug === "lease-read-ignores-skew"
      ? this.#ctx.nowUs()
      : this.#ctx.monotonicNowUs();
  }

  #newLease(): LeaderLease {
    const trustsClock = this.#options.bug === "lease-read-ignores-skew";
    const marginMs = trustsClock ? 0 : this.#options.leaseDriftMarginMs;
    return new LeaderLease((this.#options.electionTimeoutMsMin - marginMs) * 1000, !trustsClock);
  }

  /** Adopts a higher term as a follower with no vote (not yet persisted: the caller does). */
  #enterTerm(term: number): void {
    assert(term > this.#term, `term must grow: ${term} after ${this.#term}`);
    this.#term = term;
    this.#votedFor = null;
    this.#becomeFollower(undefined);
  }

  #becomeFollower(leader: NodeId | undefined): void {
    const wasLeader = this.#role === "leader";
    this.#role = "follower";
    this.#leader = leader;
    this.#votes = new Set();
    if (!wasLeader) return;
    const state = this.#leaderState!;
    this.#leaderState = undefined;
    this.#machine.leaderDuties?.stop();
    for (const read of state.reads.drain()) this.#respond(read.request, this.#redirect());
    this.#resetElectionDeadline();
  }

  #redirect(): ClientResult {
    return this.#leader === undefined
      ? { type: "redirect" }
      : { type: "redirect", leader: this.#leader };
  }

  #persistHardState(): void {
    this.#store.write({ term: this.#term, votedFor: this.#votedFor });
    // The planted bug: the vote and term reach the disk's cache but are not synced before
    // the reply leaves; a crash before the next sync forgets them.
    if (this.#options.bug !== "unsynced-vote") this.#syncDisk();
  }

  // ------------------------------------------------------------------ timers

  #resetElectionDeadline(): void {
    const { electionTimeoutMsMin: min, electionTimeoutMsMax: max } = this.#options;
    this.#electionDeadlineUs =
      this.#ctx.monotonicNowUs() + this.#ctx.rng.between(min * 1000, max * 1000);
    if (this.#electionTimer !== undefined && this.#electionTimerDueUs > this.#electionDeadlineUs) {
      this.#ctx.cancelTimer(this.#electionTimer);
      this.#electionTimer = undefined;
    }
    this.#armElectionTimer();
  }

  #armElectionTimer(): void {
    if (this.#electionTimer !== undefined) return;
    const delayUs = Math.max(0, this.#electionDeadlineUs - this.#ctx.monotonicNowUs());
    this.#electionTimerDueUs = this.#electionDeadlineUs;
    this.#electionTimer = this.#ctx.setTimer(delayUs / 1000, () => this.#onElectionTimer());
  }

  #onElectionTimer(): void {
    this.#electionTimer = undefined;
    if (this.#role === "leader") return;
    if (this.#ctx.monotonicNowUs() < this.#electionDeadlineUs) {
      this.#armElectionTimer();
      return;
    }
    this.#startElection();
  }

  #armTick(delayMs = this.#options.heartbeatMs): void {
    if (this.#tickTimer !== undefined) return;
    this.#tickTimer = this.#ctx.setTimer(delayMs, () => this.#onTick());
  }

  /** Leader: a heartbeat round unless one (e.g. for a read) went out lately. Candidate: retry votes. */
  #onTick(): void {
    this.#tickTimer = undefined;
    const state = this.#leaderState;
    if (this.#role === "leader" && state !== undefined) {
      const sinceMs = (this.#ctx.monotonicNowUs() - state.lastRoundUs) / 1000;
      if (sinceMs >= 0 && sinceMs < this.#options.heartbeatMs) {
        this.#armTick(this.#options.heartbeatMs - sinceMs);
        return;
      }
      this.#broadcastRound();
    } else if (this.#role === "candidate" || this.#role === "pre-candidate") {
      this.#requestVotes();
    } else {
      return;
    }
    this.#armTick();
  }

  // ------------------------------------------------------------------ disk

  #syncDisk(): void {
    this.#ctx.disk.sync();
    this.#syncedIndex = this.#log.lastIndex;
  }

  /** Makes the log durable now (diskSyncMs 0) or after `diskSyncMs`, then acts on it. */
  #requestSync(): void {
    if (this.#options.diskSyncMs === 0) {
      this.#onSynced();
      return;
    }
    if (this.#flushTimer !== undefined) return;
    this.#flushTimer = this.#ctx.setTimer(this.#options.diskSyncMs, () => {
      this.#flushTimer = undefined;
      this.#onSynced();
    });
  }

  #onSynced(): void {
    this.#syncDisk();
    const acks = this.#pendingAcks;
    this.#pendingAcks = [];
    for (const ack of acks) {
      if (
        ack.term !== this.#term ||
        this.#role !== "follower" ||
        ack.matchIndex > this.#syncedIndex
      )
        continue;
      this.#sendAppendReply(ack.to, true, ack.matchIndex, 0, 0, ack.round);
    }
    if (this.#role === "leader") this.#advanceCommit();
  }

  // ------------------------------------------------------------------ replication (leader)

  /** Starts a new heartbeat round: every follower gets an AppendEntries. */
  #broadcastRound(): void {
    const state = this.#leaderState!;
    state.round++;
    state.lastRoundUs = this.#ctx.monotonicNowUs();
    state.lease.roundSent(state.round, this.#leaseClockUs());
    for (const [peer, progress] of state.progress) this.#sendAppend(peer, progress);
    this.#confirmRounds(state); // a cluster of one confirms its own rounds
  }

  #sendAppend(peer: NodeId, progress: FollowerProgress): void {
    const prevIndex = progress.nextIndex - 1;
    const last = Math.min(this.#log.lastIndex, prevIndex + MAX_ENTRIES_PER_APPEND);
    const request: AppendRequest = {
      type: "append",
      term: this.#term,
      prevIndex,
      prevTerm: this.#log.termAt(prevIndex),
      entries: this.#log.slice(progress.nextIndex, last),
      leaderCommit: this.#commitIndex,
      round: this.#leaderState!.round,
    };
    this.#ctx.send(peer, request);
    if (!progress.probing) progress.nextIndex = last + 1;
  }

  /** Appends a command of the current term to the leader's log and replicates it. */
  #appendOwn(command: Command): number {
    const entry = makeEntry(this.#term, command);
    const index = this.#log.append(entry);
    this.#reportLog(index);
    this.#requestSync();
    const state = this.#leaderState!;
    for (const [peer, progress] of state.progress) {
      if (!progress.probing) this.#sendAppend(peer, progress);
    }
    return index;
  }

  #onAppendReply(from: NodeId, reply: AppendReply): void {
    if (reply.term > this.#term) {
      this.#enterTerm(reply.term);
      this.#persistHardState();
      return;
    }
    const state = this.#leaderState;
    if (this.#role !== "leader" || state === undefined || reply.term !== this.#term) return;
    const progress = state.progress.get(from);
    if (progress === undefined) return;
    if (reply.round > progress.ackedRound) {
      progress.ackedRound = reply.round;
      this.#confirmRounds(state);
    }
    if (reply.success) this.#onAppendSuccess(from, progress, reply.matchIndex);
    else this.#onAppendRejected(from, progress, reply);
  }

  #onAppendSuccess(from: NodeId, progress: FollowerProgress, matchIndex: number): void {
    assert(
      matchIndex <= this.#log.lastIndex,
      `${from} acknowledged index ${matchIndex} beyond the leader's last ${this.#log.lastIndex}`,
    );
    progress.probing = false;
    if (matchIndex > progress.matchIndex) {
      progress.matchIndex = matchIndex;
      this.#advanceCommit();
    }
    progress.nextIndex = Math.max(progress.nextIndex, progress.matchIndex + 1);
    if (this.#role === "leader" && progress.nextIndex <= this.#log.lastIndex) {
      this.#sendAppend(from, progress);
    }
  }

  /** Fast back-off: skip the follower's whole conflicting term, or to the end of its log. */
  #onAppendRejected(from: NodeId, progress: FollowerProgress, reply: AppendReply): void {
    if (reply.conflictIndex <= progress.matchIndex) return; // a stale rejection
    let next = reply.conflictIndex;
    if (reply.conflictTerm > 0) {
      const lastOfTerm = this.#log.lastIndexOfTerm(reply.conflictTerm);
      if (lastOfTerm > 0) next = lastOfTerm + 1;
    }
    progress.nextIndex = Math.min(Math.max(next, progress.matchIndex + 1), this.#log.lastIndex + 1);
    progress.probing = true;
    this.#sendAppend(from, progress);
  }

  /** Commits the highest index stored on a majority, if the rules allow it. */
  #advanceCommit(): void {
    const state = this.#leaderState;
    if (state === undefined) return;
    const matches = this.#scratch;
    let slot = 0;
    matches[slot++] = this.#syncedIndex;
    for (const progress of state.progress.values()) matches[slot++] = progress.matchIndex;
    const index = majorityValue(matches, this.#majority);
    if (index <= this.#commitIndex) return;
    // Raft commits by counting replicas only entries of the leader's own term (§5.4.2);
    // the planted bug counts replicas of earlier terms' entries too (Figure 8).
    const entryTerm = this.#log.termAt(index);
    if (entryTerm !== this.#term && this.#options.bug !== "commit-previous-term") return;
    this.#commitIndex = index;
    this.#report({
      type: "commit",
      term: this.#term,
      index,
      entryTerm,
      hash: this.#log.hashAt(index),
    });
    this.#applyCommitted();
  }

  #confirmRounds(state: LeaderState): void {
    const rounds = this.#scratch;
    let slot = 0;
    rounds[slot++] = state.round;
    for (const progress of state.progress.values()) rounds[slot++] = progress.ackedRound;
    const confirmed = majorityValue(rounds, this.#majority);
    if (confirmed <= state.confirmedRound) return;
    state.confirmedRound = confirmed;
    state.lease.roundConfirmed(confirmed, this.#leaseClockUs());
    this.#answerReads();
  }

  // ------------------------------------------------------------------ replication (follower)

  #onAppend(from: NodeId, request: AppendRequest): void {
    if (request.term < this.#term) {
      this.#sendAppendReply(from, false, 0, 0, 0, request.round);
      return;
    }
    if (request.term > this.#term) {
      this.#enterTerm(request.term);
      this.#persistHardState();
    }
    if (this.#role === "leader") {
      this.#ctx.log(`ignored AppendEntries from ${from}, another leader of term ${this.#term}`);
      return;
    }
    if (this.#role !== "follower" || this.#leader !== from) this.#becomeFollower(from);
    this.#lastLeaderContactUs = this.#ctx.monotonicNowUs();
    this.#resetElectionDeadline();
    const { prevIndex, prevTerm } = request;
    if (prevIndex > this.#log.lastIndex) {
      this.#sendAppendReply(from, false, 0, this.#log.lastIndex + 1, 0, request.round);
      return;
    }
    const ownTerm = this.#log.termAt(prevIndex);
    if (ownTerm !== prevTerm) {
      const conflictIndex = this.#log.firstIndexAtOrAfterTerm(ownTerm);
      this.#sendAppendReply(from, false, 0, conflictIndex, ownTerm, request.round);
      return;
    }
    this.#storeEntries(prevIndex, request.entries);
    const matchIndex = prevIndex + request.entries.length;
    const commit = Math.min(request.leaderCommit, matchIndex);
    if (commit > this.#commitIndex) {
      this.#commitIndex = commit;
      this.#applyCommitted();
    }
    if (matchIndex <= this.#syncedIndex) {
      this.#sendAppendReply(from, true, matchIndex, 0, 0, request.round);
      return;
    }
    this.#pendingAcks.push({ to: from, term: this.#term, matchIndex, round: request.round });
    this.#requestSync();
  }

  /** Writes the entries after prevIndex that the log does not already hold. */
  #storeEntries(prevIndex: number, entries: readonly LogEntry[]): void {
    let index = prevIndex;
    let firstWritten = 0;
    for (const entry of entries) {
      index++;
      if (index <= this.#log.lastIndex) {
        if (this.#log.termAt(index) === entry.term) continue;
        this.#truncateFrom(index);
      }
      this.#log.append(entry);
      if (firstWritten === 0) firstWritten = index;
    }
    if (firstWritten > 0) this.#reportLog(firstWritten);
  }

  #truncateFrom(index: number): void {
    assert(
      index > this.#commitIndex,
      `${this.#ctx.id} asked to overwrite committed entry ${index} (commit index ${this.#commitIndex})`,
    );
    // Truncation is synced at once, so a crash can only ever lose a suffix of what was
    // appended since: the log recovered from disk is always a prefix of the latest log.
    this.#log.truncateAfter(index - 1);
    this.#syncDisk();
    for (const proposal of this.#proposals.takeFrom(index)) {
      this.#respond(proposal.request, {
        type: "unknown",
        error: "entry replaced by a new leader",
      });
    }
  }

  #sendAppendReply(
    to: NodeId,
    success: boolean,
    matchIndex: number,
    conflictIndex: number,
    conflictTerm: number,
    round: number,
  ): void {
    const reply: AppendReply = {
      type: "append-reply",
      term: this.#term,
      success,
      matchIndex,
      conflictIndex,
      conflictTerm,
      round,
    };
    this.#ctx.send(to, reply);
  }

  // ------------------------------------------------------------------ state machine

  #applyCommitted(): void {
    while (this.#lastApplied < this.#commitIndex) {
      const index = ++this.#lastApplied;
      const entry = this.#log.entryAt(index);
      const result = this.#machine.apply(entry.command, index);
      this.#report({ type: "apply", index, term: entry.term, digest: entry.digest });
      const proposal = this.#proposals.take(index);
      if (proposal === undefined) continue;
      const answer: ClientResult =
        proposal.term === entry.term
          ? result
          : { type: "unknown", error: "entry replaced by a new leader" };
      this.#respond(proposal.request, answer);
    }
    if (this.#leaderState !== undefined) this.#answerReads();
  }

  // ------------------------------------------------------------------ clients

  #propose(request: ClientRequest, kind: OperationKind): void {
    const seq = (request.op as { seq?: unknown }).seq;
    const stored =
      kind === "read" || typeof seq !== "number"
        ? undefined
        : this.#machine.sessionAnswer(request.client, seq);
    if (stored !== undefined) {
      this.#respond(request, stored);
      return;
    }
    const index = this.#appendOwn(clientCommand(request));
    this.#proposals.add(index, this.#term, request);
  }

  #serveRead(request: ClientRequest): void {
    // The planted bug: a node that believes it is leader answers from local state, with no
    // check that it still is, nor that it has applied what was committed.
    if (this.#options.bug === "stale-local-read") {
      this.#respond(request, this.#machine.query(request.op, request.client));
      return;
    }
    const state = this.#leaderState!;
    const committedInTerm = this.#log.termAt(this.#commitIndex) === this.#term;
    if (
      this.#options.readMode === "lease" &&
      committedInTerm &&
      state.lease.isValid(this.#leaseClockUs())
    ) {
      state.reads.add({ request, round: 0, readIndex: this.#commitIndex });
      this.#answerReads();
      return;
    }
    if (!committedInTerm && this.#log.lastTerm !== this.#term) this.#appendOwn({ type: "noop" });
    const readIndex = committedInTerm ? this.#commitIndex : undefined;
    state.reads.add({ request, round: state.round + 1, readIndex });
    this.#broadcastRound();
  }

  #answerReads(): void {
    const state = this.#leaderState;
    if (state === undefined || state.reads.length === 0) return;
    if (this.#log.termAt(this.#commitIndex) === this.#term)
      state.reads.assignReadIndex(this.#commitIndex);
    for (const read of state.reads.takeReady(state.confirmedRound, this.#lastApplied)) {
      this.#respond(read.request, this.#machine.query(read.request.op, read.request.client));
    }
  }

  // ------------------------------------------------------------------ facts

  #reportLog(from: number): void {
    const terms: number[] = [];
    const hashes: number[] = [];
    for (let index = from; index <= this.#log.lastIndex; index++) {
      terms.push(this.#log.termAt(index));
      hashes.push(this.#log.hashAt(index));
    }
    const fact: LogFact = { type: "log", index: from, terms, hashes };
    this.#report(fact);
  }

  #report(fact: RaftFact): void {
    this.#ctx.report(fact);
  }
}

/** The log command for a client's operation: tagged "kv" for the KV vocabulary. */
function clientCommand(request: ClientRequest): ClientCommand {
  const op = request.op;
  return isKvOp(op)
    ? { type: "kv", client: request.client, op }
    : { type: "op", client: request.client, op };
}
