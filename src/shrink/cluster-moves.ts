/**
 * Moves on the cluster and its clients: fewer nodes (where the system still fails the same
 * way with fewer; faults aimed at a removed node go), fewer client processes, a network
 * with less randomness (fixed latencies, no loss or duplication), fewer keys and fewer
 * kinds of operation. These change what the seed draws, so a candidate may well stop
 * failing; the shrinker then simply keeps the current reproducer.
 */
import { type Fault, type FaultEpisode, isNodeTarget } from "../nemesis/fault.js";
import type { Scenario } from "../scenario/scenario.js";
import { countSteps, type ShrinkMove } from "./shrink-move.js";

/** `fault` in a cluster of only the `kept` nodes, or undefined when it has nothing left to do. */
export function faultWithin(fault: Fault, kept: readonly string[]): Fault | undefined {
  const has = (node: string) => kept.includes(node);
  if ("target" in fault && fault.target !== undefined) {
    const target = fault.target;
    return !isNodeTarget(target) || has(target) ? fault : undefined;
  }
  if (fault.kind !== "partition") return fault;
  if ("groups" in fault) {
    const groups = fault.groups.map((group) => group.filter(has)).filter((g) => g.length > 0);
    const grouped = groups.flat().length;
    return groups.length >= 2 || (groups.length === 1 && grouped < kept.length)
      ? { kind: "partition", groups }
      : undefined;
  }
  if ("oneWay" in fault) {
    const from = fault.oneWay.from.filter(has);
    const to = fault.oneWay.to.filter(has);
    return from.length > 0 && to.length > 0
      ? { kind: "partition", oneWay: { from, to } }
      : undefined;
  }
  if ("links" in fault) {
    const links = fault.links.filter(([from, to]) => has(from) && has(to));
    return links.length > 0 ? { kind: "partition", links } : undefined;
  }
  return fault;
}

/** `scenario` with `nodes` nodes (n1..nN); faults are rewritten or dropped to fit. */
export function withNodes(scenario: Scenario, nodes: number): Scenario {
  const kept = Array.from({ length: nodes }, (_, index) => `n${index + 1}`);
  const schedule = scenario.schedule.flatMap((episode): FaultEpisode[] => {
    const fault = faultWithin(episode.fault, kept);
    return fault === undefined ? [] : [{ ...episode, fault }];
  });
  return { ...scenario, nodes, schedule };
}

/** Removes nodes from the end of the node list. */
export const fewerNodes: ShrinkMove = {
  name: "fewer-nodes",
  perturbs: true,
  *candidates({ scenario }) {
    for (const nodes of countSteps(scenario.nodes, 1)) yield withNodes(scenario, nodes);
  },
};

/** Runs fewer client processes. */
export const fewerClients: ShrinkMove = {
  name: "fewer-clients",
  perturbs: true,
  *candidates({ scenario }) {
    for (const clients of countSteps(scenario.workload.clients, 1)) {
      yield { ...scenario, workload: { ...scenario.workload, clients } };
    }
  },
};

/** How much slower `slowerClients` makes the clients think, in turn. */
const THINK_FACTORS: readonly number[] = [4, 2];

/**
 * Whether clients thinking up to `thinkMaxUs` between operations leave the recovery phase
 * ample time for its operations (half its budget, at most): slower clients must not turn a
 * failure into a liveness failure of the workload's own making.
 */
function leavesRecoveryTime(scenario: Scenario, thinkMaxUs: number): boolean {
  const { recovery, workload } = scenario;
  const perOperationUs = thinkMaxUs + workload.timeoutUs;
  return perOperationUs * Math.max(1, recovery.opsPerClient) <= recovery.budgetUs / 2;
}

/**
 * Lets clients think longer between operations: the same story with fewer operations
 * before it. Kept only when the run then takes fewer operations.
 */
export const slowerClients: ShrinkMove = {
  name: "slower-clients",
  perturbs: true,
  *candidates({ scenario }) {
    const { workload } = scenario;
    for (const factor of THINK_FACTORS) {
      const thinkUs = {
        minUs: Math.max(1_000, workload.thinkUs.minUs * factor),
        maxUs: Math.max(1_000, workload.thinkUs.maxUs * factor),
      };
      if (!leavesRecoveryTime(scenario, thinkUs.maxUs)) continue;
      yield { ...scenario, workload: { ...workload, thinkUs } };
    }
  },
};

/** Takes randomness out of the network: no loss, no duplicates, fixed latencies. */
export const calmNetwork: ShrinkMove = {
  name: "calm-network",
  perturbs: true,
  cutsLesserMeasures: true,
  *candidates({ scenario }) {
    const { network } = scenario;
    const at = (changes: Partial<Scenario["network"]>): Scenario => ({
      ...scenario,
      network: { ...network, ...changes },
    });
    if (network.dropRate > 0) yield at({ dropRate: 0 });
    if (network.duplicateRate > 0) yield at({ duplicateRate: 0 });
    const { latencyUsMin: min, latencyUsMax: max } = network;
    if (max > min) {
      yield at({ latencyUsMax: min });
      const middle = Math.round((min + max) / 2);
      yield at({ latencyUsMin: middle, latencyUsMax: middle });
    }
    const { clientLatencyUsMin: clientMin, clientLatencyUsMax: clientMax } = network;
    if (clientMax > clientMin) yield at({ clientLatencyUsMax: clientMin });
  },
};

/** Uses fewer keys, and fewer kinds of operation. */
export const simplerWorkload: ShrinkMove = {
  name: "simpler-workload",
  perturbs: true,
  cutsLesserMeasures: true,
  *candidates({ scenario }) {
    const { workload } = scenario;
    for (const keys of countSteps(workload.keys, 1))
      yield { ...scenario, workload: { ...workload, keys } };
    const kinds = Object.entries(workload.mix).filter(([, weight]) => weight > 0);
    // Lock clients alternate acquire and release: their mix names operations, not weights.
    if (kinds.length < 2 || workload.kind === "lock") return;
    for (const [f] of kinds) {
      const mix = Object.fromEntries(kinds.filter(([other]) => other !== f));
      yield { ...scenario, workload: { ...workload, mix } };
    }
  },
};
