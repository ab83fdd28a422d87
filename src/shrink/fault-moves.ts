/**
 * Moves on the fault schedule: drop episodes (delta debugging: all of them, then halves,
 * quarters, ... single ones, latest first, so that the history before a removed fault
 * stays as it was), merge two episodes of the same fault into one, shorten an episode,
 * and shift the schedule earlier from one episode on (less history before it).
 */
import { type FaultEpisode, isNodeTarget } from "../nemesis/fault.js";
import type { Scenario } from "../scenario/scenario.js";
import { type ShrinkMove, type ShrinkState, timeSteps } from "./shrink-move.js";
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
  trimsTimes: true,
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

/** The time of the first operation that succeeded, in microseconds; undefined if none did. */
export function firstServedUs(result: ShrinkState["result"]): number | undefined {
  return result.history.find((event) => event.type === "ok")?.time;
}

/**
 * A shift moves faults earlier by at least this fraction of the main phase: a smaller one
 * cuts too little history (and too few operations) to be worth redrawing the run for.
 */
const MIN_SHIFT_FRACTION = 16;

/** When the episode before `index` starts (0 for the first): how far back it may shift. */
function previousStartUs(schedule: readonly FaultEpisode[], index: number): number {
  return index === 0 ? 0 : schedule[index - 1]!.atUs;
}

/** A shift of the schedule: episodes from `index` on move `shiftUs` earlier. */
export interface Shift {
  readonly index: number;
  readonly shiftUs: number;
}

/**
 * The shifts worth trying, the largest first (ties: the latest episode first): for each
 * episode, its gap to the one before closed entirely, then ever less, down to a sixteenth
 * of the main phase. The first episode may also move to just when the system first served
 * an operation: before that there is often no leader for a fault aimed at one, so a fault
 * moved earlier would hit nothing.
 */
export function scheduleShifts(scenario: Scenario, servedUs: number | undefined): Shift[] {
  const { schedule } = scenario;
  const shifts: Shift[] = [];
  for (let index = schedule.length - 1; index >= 0; index--) {
    const gapUs = schedule[index]!.atUs - previousStartUs(schedule, index);
    const gapsUs = timeSteps(gapUs, 0);
    if (index === 0 && servedUs !== undefined) {
      const servedGapUs = Math.ceil(servedUs / MIN_SPAN_US) * MIN_SPAN_US;
      if (servedGapUs < gapUs && !gapsUs.includes(servedGapUs)) gapsUs.push(servedGapUs);
    }
    for (const newGapUs of gapsUs) {
      const shiftUs = gapUs - newGapUs;
      if (shiftUs * MIN_SHIFT_FRACTION >= scenario.mainUs) shifts.push({ index, shiftUs });
    }
  }
  // A stable sort keeps the latest episode first among equal shifts.
  return shifts.sort((a, b) => b.shiftUs - a.shiftUs);
}

/**
 * Closes the gap before one episode: it and every later episode move earlier, and the end
 * of the main phase with them, so the story after it stays as it was but starts sooner.
 * The largest shift first: the quiet stretch that is cut is history (and operations) the
 * reproducer no longer needs.
 */
export const shiftFaults: ShrinkMove = {
  name: "shift-faults",
  perturbs: true,
  *candidates({ scenario, result }) {
    for (const shift of scheduleShifts(scenario, firstServedUs(result))) {
      yield shifted(scenario, shift);
    }
  },
};

/** `scenario` with episodes from `index` on, and the end of the main phase, moved earlier. */
function shifted(scenario: Scenario, { index, shiftUs }: Shift): Scenario {
  return {
    ...scenario,
    mainUs: Math.max(MIN_SPAN_US, scenario.mainUs - shiftUs),
    schedule: scenario.schedule.map((episode, at) =>
      at < index ? episode : { ...episode, atUs: episode.atUs - shiftUs },
    ),
  };
}

/** Each process's last event in `events`. */
function lastOfEachProcess<T extends { readonly process: unknown }>(events: readonly T[]): T[] {
  const last = new Map<unknown, T>();
  for (const event of events) last.set(event.process, event);
  return [...last.values()];
}

/**
 * Shifts that put an episode (and those after it) just as long after an earlier client
 * event like a process's last one before it (same process, same operation, same outcome),
 * the largest first: the run before the episode is the same run at the same seed, so the
 * fault meets that client at the same step of its work (a lock just taken, a write in
 * flight), with less history before it.
 */
export function alignedShifts(scenario: Scenario, result: ShrinkState["result"]): Shift[] {
  const { schedule } = scenario;
  const shifts: Shift[] = [];
  for (let index = schedule.length - 1; index >= 0; index--) {
    const atUs = schedule[index]!.atUs;
    const previousUs = previousStartUs(schedule, index);
    const before = result.history.filter(
      (event) => event.time !== undefined && event.time > previousUs && event.time < atUs,
    );
    for (const anchor of lastOfEachProcess(before)) {
      for (const like of before) {
        if (like.time! >= anchor.time!) break;
        if (like.process !== anchor.process || like.type !== anchor.type || like.f !== anchor.f)
          continue;
        const shiftUs = anchor.time! - like.time!;
        if (shiftUs * MIN_SHIFT_FRACTION < scenario.mainUs) continue;
        if (!shifts.some((s) => s.index === index && s.shiftUs === shiftUs))
          shifts.push({ index, shiftUs });
      }
    }
  }
  return shifts.sort((a, b) => b.shiftUs - a.shiftUs);
}

/**
 * Moves faults earlier to where the clients were at the same step of their work as when
 * the fault began (see `alignedShifts`). Tried at the current seed only: at another, the
 * clients would be elsewhere.
 */
export const alignFaults: ShrinkMove = {
  name: "align-faults",
  *candidates({ scenario, result }) {
    for (const shift of alignedShifts(scenario, result)) yield shifted(scenario, shift);
  },
};

/** `fault` aimed at the leader instead of its node, if it is aimed at a node. */
export function towardsLeader(fault: FaultEpisode["fault"]): FaultEpisode["fault"] | undefined {
  if (fault.kind === "partition") {
    if (!("shape" in fault) || fault.shape !== "isolate") return undefined;
    return fault.target === undefined || !isNodeTarget(fault.target)
      ? undefined
      : { kind: "partition", shape: "isolate-leader" };
  }
  if (!("target" in fault) || !isNodeTarget(fault.target)) return undefined;
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
