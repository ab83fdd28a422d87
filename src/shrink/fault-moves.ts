/**
 * Moves on the fault schedule: drop episodes (delta debugging: all of them, then halves,
 * quarters, ... single ones, latest first, so that the history before a removed fault
 * stays as it was), merge two episodes of the same fault into one, shorten an episode,
 * and shift the whole schedule earlier (less history before the first fault).
 */
import type { FaultEpisode } from "../nemesis/fault.js";
import type { Scenario } from "../scenario/scenario.js";
import { type ShrinkMove, timeSteps } from "./shrink-move.js";
import { effectiveDurationUs } from "./shrink-size.js";

/** The shortest fault episode or main phase a move proposes, in microseconds. */
export const MIN_SPAN_US = 1_000;

function withSchedule(scenario: Scenario, schedule: readonly FaultEpisode[]): Scenario {
  return { ...scenario, schedule };
}

/** The ways to remove a chunk of `count` items: sizes count, count/2, ..., 1; latest first. */
export function* chunkRemovals(count: number): Generator<{ start: number; size: number }> {
  if (count <= 0) return;
  let size = count;
  for (;;) {
    for (let start = count - size; start >= 0; start -= size) yield { start, size };
    if (count % size !== 0) yield { start: 0, size: count % size };
    if (size === 1) return;
    size = Math.ceil(size / 2);
  }
}

/** Drops chunks of fault episodes. */
export const dropFaults: ShrinkMove = {
  name: "drop-faults",
  // Removing an early fault redraws what follows it (e.g. who leads when a later fault
  // aimed at the leader begins), so a removal may fail a little later, or at another seed.
  perturbs: true,
  *candidates({ scenario }) {
    const { schedule } = scenario;
    for (const { start, size } of chunkRemovals(schedule.length)) {
      yield withSchedule(scenario, [...schedule.slice(0, start), ...schedule.slice(start + size)]);
    }
  },
};

function sameFault(a: FaultEpisode, b: FaultEpisode): boolean {
  return JSON.stringify(a.fault) === JSON.stringify(b.fault);
}

/** Replaces two episodes of the same fault by one spanning both. */
export const mergeFaults: ShrinkMove = {
  name: "merge-faults",
  perturbs: true,
  *candidates({ scenario }) {
    const { schedule } = scenario;
    for (let first = 0; first < schedule.length; first++) {
      const a = schedule[first]!;
      const second = schedule.findIndex((b, index) => index > first && sameFault(a, b));
      if (second < 0) continue;
      const b = schedule[second]!;
      const endUs = Math.max(
        a.atUs + effectiveDurationUs(scenario, a),
        b.atUs + effectiveDurationUs(scenario, b),
      );
      const merged: FaultEpisode =
        endUs >= scenario.mainUs
          ? { atUs: a.atUs, fault: a.fault }
          : { atUs: a.atUs, durationUs: endUs - a.atUs, fault: a.fault };
      yield withSchedule(
        scenario,
        schedule.flatMap((episode, index) =>
          index === first ? [merged] : index === second ? [] : [episode],
        ),
      );
    }
  },
};

/** Shortens one episode at a time. */
export const shortenFaults: ShrinkMove = {
  name: "shorten-faults",
  *candidates({ scenario }) {
    const { schedule } = scenario;
    for (let index = schedule.length - 1; index >= 0; index--) {
      const episode = schedule[index]!;
      for (const durationUs of timeSteps(effectiveDurationUs(scenario, episode), MIN_SPAN_US)) {
        const shortened = { ...episode, durationUs };
        yield withSchedule(
          scenario,
          schedule.map((other, at) => (at === index ? shortened : other)),
        );
      }
    }
  },
};

/**
 * Closes the gap before one episode: it and every later episode move earlier, and the end
 * of the main phase with them, so the story after it stays as it was but starts sooner.
 * Latest episode first: the quiet stretch before a late fault is usually the longest.
 */
export const shiftFaults: ShrinkMove = {
  name: "shift-faults",
  perturbs: true,
  *candidates({ scenario }) {
    const { schedule } = scenario;
    for (let index = schedule.length - 1; index >= 0; index--) {
      const previousUs = index === 0 ? 0 : schedule[index - 1]!.atUs;
      const gapUs = schedule[index]!.atUs - previousUs;
      for (const newGapUs of timeSteps(gapUs, 0)) {
        const shiftUs = gapUs - newGapUs;
        yield {
          ...scenario,
          mainUs: Math.max(MIN_SPAN_US, scenario.mainUs - shiftUs),
          schedule: schedule.map((episode, at) =>
            at < index ? episode : { ...episode, atUs: episode.atUs - shiftUs },
          ),
        };
      }
    }
  },
};

/** `fault` aimed at the leader instead of its node, if it is aimed at a node. */
export function towardsLeader(fault: FaultEpisode["fault"]): FaultEpisode["fault"] | undefined {
  if (fault.kind === "partition") {
    if (!("shape" in fault) || fault.shape !== "isolate") return undefined;
    return fault.target === undefined || fault.target === "leader" || fault.target === "random"
      ? undefined
      : { kind: "partition", shape: "isolate-leader" };
  }
  if (!("target" in fault) || fault.target === "leader" || fault.target === "random")
    return undefined;
  return { ...fault, target: "leader" };
}

/**
 * Aims a fault at whichever node leads when it begins, where the node it hit was the
 * leader at that moment: the same run, but a fault aimed at the leader keeps its meaning
 * when later cuts change who leads.
 */
export const aimAtLeader: ShrinkMove = {
  name: "aim-at-leader",
  *candidates({ scenario, leaders }) {
    const { schedule } = scenario;
    for (let index = 0; index < schedule.length; index++) {
      const { fault } = schedule[index]!;
      const aimed = towardsLeader(fault);
      const node = "target" in fault ? fault.target : undefined;
      if (aimed === undefined || node === undefined || leaders?.[index] !== node) continue;
      yield withSchedule(
        scenario,
        schedule.map((episode, at) => (at === index ? { ...episode, fault: aimed } : episode)),
      );
    }
  },
};
