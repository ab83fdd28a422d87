/**
 * The nemesis applies a fault schedule to a running simulation: it begins each episode at
 * its time, ends it after its duration, and at the start of the recovery phase ends every
 * fault still active and heals the cluster completely (network, storms, crashed and paused
 * nodes, clocks, disks). It records what it actually did, with targets resolved, so the
 * run's result carries the schedule that was applied.
 */
import type { DiskFaults } from "../sim/disk.js";
import type { NodeId } from "../sim/node-api.js";
import type { PartitionPlan } from "../sim/partition-shapes.js";
import { groupsPlan, isolatePlan, oneWayPlan, shapePlan } from "../sim/partition-shapes.js";
import type { RandomStream } from "../sim/random.js";
import type { Simulation } from "../sim/simulation.js";
import {
  describeFault,
  type Fault,
  type FaultEpisode,
  type FaultTarget,
  type PartitionFault,
} from "./fault.js";

/** An episode as it was applied. */
export interface AppliedFault {
  /** Position of the episode in the schedule. */
  readonly episode: number;
  /** When it began (virtual microseconds). */
  readonly atUs: number;
  /** When it ended; undefined if it was still active when the run ended. */
  endUs: number | undefined;
  /** The fault with its target resolved to a node (where it had one). */
  readonly fault: Fault;
  /** The fault as scheduled, before its target was resolved (e.g. aimed at `leader`). */
  readonly planned?: Fault;
  /** One-line description, with the resolved target. */
  readonly description: string;
  /** Why the fault did nothing, when it did nothing (e.g. the node was already crashed). */
  readonly skipped: string | undefined;
}

interface ActiveFault {
  readonly applied: AppliedFault;
  readonly end: () => void;
}

/** Applies one schedule to one simulation. */
export class Nemesis {
  readonly #sim: Simulation;
  readonly #random: RandomStream;
  readonly #applied: AppliedFault[] = [];
  readonly #active = new Map<number, ActiveFault>();
  readonly #partitions = new Map<number, PartitionPlan>();
  #healed = false;

  constructor(sim: Simulation) {
    this.#sim = sim;
    this.#random = sim.random("nemesis");
  }

  /** What was applied so far, in order of beginning. */
  get applied(): readonly AppliedFault[] {
    return this.#applied;
  }

  /** Schedules every episode that begins before `recoveryAtUs`. */
  schedule(episodes: readonly FaultEpisode[], recoveryAtUs: number): void {
    episodes.forEach((episode, index) => {
      if (episode.atUs >= recoveryAtUs) return;
      this.#sim.at(episode.atUs, () => this.#begin(index, episode));
      if (episode.durationUs !== undefined && episode.atUs + episode.durationUs < recoveryAtUs) {
        this.#sim.at(episode.atUs + episode.durationUs, () => this.#end(index));
      }
    });
  }

  /** Ends every active fault and restores the whole cluster to health. */
  healAll(): void {
    if (this.#healed) return;
    this.#healed = true;
    for (const index of [...this.#active.keys()]) this.#end(index);
    const sim = this.#sim;
    sim.note("nemesis: heal all");
    sim.network.heal();
    sim.network.calm();
    for (const node of sim.nodeIds) {
      if (sim.status(node) === "crashed") sim.restart(node);
      if (sim.status(node) === "paused") sim.resume(node);
      if (sim.clock(node).offsetUs !== 0 || sim.clock(node).driftPpm !== 0) sim.resetClock(node);
      sim.disk(node).setFaults(sim.config.diskFaults);
    }
  }

  #begin(episode: number, { fault }: FaultEpisode): void {
    if (this.#healed) return;
    const outcome = this.#apply(episode, fault);
    const applied: AppliedFault = {
      episode,
      atUs: this.#sim.nowUs,
      endUs: undefined,
      fault: outcome.fault,
      planned: fault,
      description: describeFault(outcome.fault),
      skipped: outcome.skipped,
    };
    this.#applied.push(applied);
    this.#sim.note(
      `nemesis: ${applied.description}${outcome.skipped ? ` (skipped: ${outcome.skipped})` : ""}`,
    );
    if (outcome.end === undefined) {
      applied.endUs = this.#sim.nowUs;
      return;
    }
    this.#active.set(episode, { applied, end: outcome.end });
  }

  #end(episode: number): void {
    const active = this.#active.get(episode);
    if (active === undefined) return;
    this.#active.delete(episode);
    active.applied.endUs = this.#sim.nowUs;
    this.#sim.note(`nemesis: end ${active.applied.description}`);
    active.end();
  }

  #apply(episode: number, fault: Fault): { fault: Fault; end?: () => void; skipped?: string } {
    const sim = this.#sim;
    switch (fault.kind) {
      case "partition":
        return this.#partition(episode, fault);
      case "crash": {
        const target = this.#resolve(fault.target);
        if (!sim.crash(target)) return { fault: { ...fault, target }, skipped: "already crashed" };
        return { fault: { ...fault, target }, end: () => sim.restart(target) };
      }
      case "pause": {
        const target = this.#resolve(fault.target);
        if (!sim.pause(target))
          return { fault: { ...fault, target }, skipped: `node is ${sim.status(target)}` };
        return { fault: { ...fault, target }, end: () => sim.resume(target) };
      }
      case "clock-bump": {
        const target = this.#resolve(fault.target);
        sim.bumpClock(target, fault.deltaUs);
        return { fault: { ...fault, target }, end: () => sim.bumpClock(target, -fault.deltaUs) };
      }
      case "clock-strobe": {
        const target = this.#resolve(fault.target);
        const long = Number.MAX_SAFE_INTEGER - sim.nowUs;
        sim.strobeClock(target, {
          deltaUs: fault.deltaUs,
          periodUs: fault.periodUs,
          durationUs: long,
        });
        return { fault: { ...fault, target }, end: () => sim.resetClock(target) };
      }
      case "clock-drift": {
        const target = this.#resolve(fault.target);
        sim.setClockDrift(target, fault.driftPpm);
        return { fault: { ...fault, target }, end: () => sim.setClockDrift(target, 0) };
      }
      case "loss":
        sim.network.setDropRate(fault.rate);
        return { fault, end: () => sim.network.setDropRate(sim.network.defaults.dropRate) };
      case "duplicate":
        sim.network.setDuplicateRate(fault.rate);
        return {
          fault,
          end: () => sim.network.setDuplicateRate(sim.network.defaults.duplicateRate),
        };
      case "delay":
        sim.network.setExtraLatency(fault.minUs, fault.maxUs);
        return { fault, end: () => sim.network.setExtraLatency(0, 0) };
      case "disk": {
        const target = this.#resolve(fault.target);
        const disk = sim.disk(target);
        const before: DiskFaults = disk.faults;
        disk.setFaults(fault.faults);
        return { fault: { ...fault, target }, end: () => disk.setFaults(before) };
      }
    }
  }

  #partition(episode: number, fault: PartitionFault): { fault: Fault; end: () => void } {
    const sim = this.#sim;
    let resolved: PartitionFault = fault;
    let plan: PartitionPlan;
    if ("groups" in fault) {
      plan = groupsPlan(sim.nodeIds, fault.groups);
    } else if ("oneWay" in fault) {
      plan = oneWayPlan(fault.oneWay.from, fault.oneWay.to);
    } else if ("links" in fault) {
      plan = { description: fault.description ?? "links", cuts: fault.links };
    } else if (fault.shape === "isolate" || fault.shape === "isolate-leader") {
      const target = this.#resolve(
        fault.shape === "isolate-leader" ? "leader" : (fault.target ?? "random"),
      );
      resolved = { kind: "partition", shape: "isolate", target };
      plan = isolatePlan(sim.nodeIds, target);
    } else {
      plan = shapePlan(fault.shape, sim.nodeIds, this.#random);
      resolved = { kind: "partition", links: plan.cuts, description: plan.description };
    }
    this.#partitions.set(episode, plan);
    sim.network.apply(plan);
    return {
      fault: resolved,
      end: () => {
        this.#partitions.delete(episode);
        sim.network.heal();
        for (const remaining of this.#partitions.values()) sim.network.apply(remaining);
      },
    };
  }

  /** The node a target names now. */
  #resolve(target: FaultTarget): NodeId {
    const sim = this.#sim;
    if (target === "random") return this.#random.pick(sim.nodeIds);
    if (target === "leader") return currentLeader(sim) ?? this.#random.pick(sim.nodeIds);
    if (target !== "lock-holder") return target;
    const holders = lockHolders(sim);
    return this.#random.pick(holders.length > 0 ? holders : sim.nodeIds);
  }
}

/** The nodes that report a non-empty `holding` list: locks they believe they hold. */
export function lockHolders(sim: Simulation): NodeId[] {
  return sim.nodeIds.filter((node) => {
    const holding = sim.inspect(node)?.holding;
    return Array.isArray(holding) && holding.length > 0;
  });
}

/**
 * The node that reports `role: "leader"`; when several do (a stale leader not yet deposed),
 * the one reporting the highest `term`.
 */
export function currentLeader(sim: Simulation): NodeId | undefined {
  let leader: NodeId | undefined;
  let leaderTerm = Number.NEGATIVE_INFINITY;
  for (const node of sim.nodeIds) {
    const summary = sim.inspect(node);
    if (summary?.role !== "leader") continue;
    const term = typeof summary.term === "number" ? summary.term : 0;
    if (term > leaderTerm) {
      leader = node;
      leaderTerm = term;
    }
  }
  return leader;
}
