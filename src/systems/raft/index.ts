/**
 * The reference Raft: the system, its options and bugs, the facts its nodes report, and
 * its invariants.
 */
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
export {
  RAFT_BUGS,
  RAFT_READ_MODES,
  type RaftBug,
  type RaftOptions,
  type RaftReadMode,
  raftOptionsSchema,
  resolveRaftOptions,
} from "./options.js";
export { raftInvariants } from "./raft-invariants.js";
export type { RaftRole, RaftSummary } from "./raft-node.js";
export { raftNodeFactory, raftSystem } from "./raft-system.js";
