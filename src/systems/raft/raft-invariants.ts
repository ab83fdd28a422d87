/**
 * The invariants a Raft run is judged by: the four safety properties of the paper's
 * Figure 3 (election safety, log matching, leader completeness, state machine safety),
 * followed through the facts nodes report, and one liveness property judged at the end.
 */
import type { Invariant } from "../definition.js";
import { electionSafety } from "./invariants/election-safety.js";
import { leaderAfterRecovery } from "./invariants/leader-after-recovery.js";
import { leaderCompleteness } from "./invariants/leader-completeness.js";
import { logMatching } from "./invariants/log-matching.js";
import { stateMachineSafety } from "./invariants/state-machine-safety.js";

/**
 * Fresh instances of every Raft invariant, for one run.
 *
 * @example
 * ```ts
 * const invariants = raftInvariants();
 * sim.onReport((node, fact) => {
 *   for (const invariant of invariants) invariant.onReport?.(node, fact, sim);
 * });
 * ```
 */
export function raftInvariants(): Invariant[] {
  return [
    electionSafety(),
    logMatching(),
    leaderCompleteness(),
    stateMachineSafety(),
    leaderAfterRecovery(),
  ];
}
