/**
 * The reference Raft: the system, its options and bugs, the facts its nodes report, its
 * invariants, and the plug-in interface for the state machine it replicates.
 */

export { ClientSessions } from "./client-sessions.js";
export type {
  ApplyFact,
  CommitFact,
  FailStopFact,
  LeaderFact,
  LogFact,
  RaftFact,
  RecoverFact,
} from "./facts.js";
export { isRaftFact } from "./facts.js";
export type {
  ClientCommand,
  Command,
  KvCommand,
  LeaderCommand,
  NoopCommand,
  OpCommand,
} from "./log-entry.js";
export {
  RAFT_BUGS,
  RAFT_READ_MODES,
  type RaftBug,
  type RaftOptions,
  type RaftReadMode,
  raftOptionsSchema,
  resolveRaftOptions,
} from "./options.js";
export { isPeerRequestMessage, type PeerRequestMessage } from "./peer-request.js";
export { raftInvariants } from "./raft-invariants.js";
export type { RaftRole, RaftSummary } from "./raft-node.js";
export { kvStateMachineFactory, raftNodeFactory, raftSystem } from "./raft-system.js";
export type {
  LeaderDriver,
  LeaderDuties,
  OperationKind,
  StateMachine,
  StateMachineFactory,
} from "./state-machine.js";
