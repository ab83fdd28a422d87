/**
 * faultline: deterministic simulation and fault-injection testing for distributed systems.
 *
 * This module is the public API. Everything a user (or a reference system) needs is
 * exported from here.
 */
export const version = "0.1.0";

export * from "./checkers/convergence.js";
export * from "./checkers/convergence-invariant.js";
export * from "./checkers/membership-accuracy.js";
export * from "./checkers/membership-invariant.js";
export * from "./sim/index.js";
export * from "./systems/definition.js";
export { type AddAcknowledgedFact, createGossipNode } from "./systems/gossip/gossip-node.js";
export * from "./systems/gossip/gossip-options.js";
export { gossipFactory, gossipSystem } from "./systems/gossip/gossip-system.js";
export { GrowOnlySet } from "./systems/gossip/grow-only-set.js";
export type { MemberRecord, MemberStatus, MemberUpdate } from "./systems/gossip/member-state.js";
export type {
  ReplicatedState,
  ReplicatedStateFactory,
  ServedOperation,
} from "./systems/gossip/replicated-state.js";
export type { MemberFact } from "./systems/gossip/swim-membership.js";
export * from "./systems/kv/cluster-order.js";
export * from "./systems/kv/kv-single.js";
export * from "./systems/kv/kv-state-machine.js";
export type { ViewStartedFact } from "./systems/kv/primary-backup/primary-backup-node.js";
export * from "./systems/kv/primary-backup/primary-backup-options.js";
export { kvPrimaryBackupSystem } from "./systems/kv/primary-backup/primary-backup-system.js";
export * from "./systems/kv/quorum/quorum-options.js";
export { kvQuorumSystem } from "./systems/kv/quorum/quorum-system.js";
export { compareVersions, type Version } from "./systems/kv/quorum/version.js";
export * from "./workload/protocol.js";
