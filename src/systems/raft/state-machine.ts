/**
 * The replicated state machine as a plug-in of the reference Raft. Raft owns the log,
 * elections, commitment and the read path (ReadIndex, lease or log reads); the state
 * machine owns what the entries mean. The node asks it which client operations it serves
 * and how (a read answered from applied state, or a write appended to the log), applies
 * committed commands to it in log order, asks it to answer reads once the read path says
 * the applied state is recent enough, and asks it for the stored answer of a retried write
 * (client sessions, thesis §6.3).
 *
 * A state machine may also have leader duties: work only the current leader does, such as
 * expiring the sessions of a coordination service. The node starts them when it wins an
 * election and stops them when it steps down; through a `LeaderDriver` they read the
 * node's clock, set timers and propose commands of their own to the log. Whatever they
 * decide takes effect only through the log, so every replica applies the same decisions.
 */
import type { TimerId } from "../../sim/index.js";
import type { NodeContext } from "../../sim/node-api.js";
import type { ClientResult } from "../../workload/protocol.js";
import type { Command } from "./log-entry.js";

/** How a leader serves a client operation: from applied state, or through the log. */
export type OperationKind = "read" | "write";

/** What a state machine's leader duties can do through the Raft node that leads. */
export interface LeaderDriver {
  /** The term this node leads. */
  readonly term: number;
  /**
   * Appends `body` to the log as a leader command and replicates it; returns its index, or
   * undefined when the node no longer leads this term or holds too many uncommitted entries.
   */
  propose(body: unknown): number | undefined;
  /** The node's wall clock, in microseconds (it may jump or drift). */
  nowUs(): number;
  /** The node's monotonic clock, in microseconds (it drifts, never jumps or goes back). */
  monotonicNowUs(): number;
  /** Runs `callback` after `delayMs` of the node's monotonic clock. */
  setTimer(delayMs: number, callback: () => void): TimerId;
  /** Cancels a timer set with `setTimer`. */
  cancelTimer(timer: TimerId): void;
  /** Writes a line to the trace. */
  log(message: string): void;
}

/** Work only the leader does. */
export interface LeaderDuties {
  /** This node became leader; `driver` is valid until `stop`. */
  start(driver: LeaderDriver): void;
  /** This node stepped down (its timers are the duties' to cancel). */
  stop(): void;
  /** A client's operation reached the leader, before it is appended or queued as a read. */
  arrived(client: string, op: unknown): void;
}

/** A replicated state machine that the Raft node drives. */
export interface StateMachine {
  /** How the leader serves `op`, or undefined when this state machine does not serve it. */
  classify(op: unknown): OperationKind | undefined;
  /**
   * Applies a committed command at log `index` and returns the answer for the client that
   * sent it (ignored for leader commands and no-ops). Must be deterministic: every replica
   * applies the same commands in the same order and must reach the same state.
   */
  apply(command: Command, index: number): ClientResult;
  /** Answers a read from the applied state (called on the leader once the read path allows). */
  query(op: unknown, client: string): ClientResult;
  /**
   * The stored answer when `client`'s write `seq` was already applied (or superseded),
   * undefined when it has not been applied yet.
   */
  sessionAnswer(client: string, seq: number): ClientResult | undefined;
  /** Work only the leader does; absent when there is none. */
  readonly leaderDuties?: LeaderDuties;
}

/**
 * Builds a node's state machine. Called at every (re)start of a node: the state machine
 * starts empty and is rebuilt by applying the log from the first entry.
 */
export type StateMachineFactory = (ctx: NodeContext) => StateMachine;
