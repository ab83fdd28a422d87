/**
 * What a shrink says to people: the sizes before and after, one line each, and the
 * reproducer's faults as a timeline. Shared by `faultline shrink` and the vitest helpers.
 */
import { describeFault } from "../nemesis/fault.js";
import type { Scenario } from "../scenario/scenario.js";
import { formatTime } from "../sim/time.js";
import type { ShrinkSize } from "./shrink-size.js";

/** The measures shown to people, with their labels and how to print them. */
const SHOWN: readonly { key: keyof ShrinkSize; label: string; time?: boolean }[] = [
  { key: "faults", label: "faults" },
  { key: "operations", label: "operations" },
  { key: "nodes", label: "nodes" },
  { key: "clients", label: "clients" },
  { key: "mainUs", label: "duration", time: true },
];

/**
 * One line per headline measure, e.g. `faults      31 -> 1`.
 *
 * @example
 * ```ts
 * sizeLines(outcome.before, outcome.after).join("\n");
 * ```
 */
export function sizeLines(before: ShrinkSize, after: ShrinkSize): string[] {
  const width = Math.max(...SHOWN.map((shown) => shown.label.length));
  return SHOWN.map(({ key, label, time }) => {
    const show = (value: number) => (time ? formatTime(value) : String(value));
    return `${label.padEnd(width)}  ${show(before[key])} -> ${show(after[key])}`;
  });
}

/** The sizes on one line, e.g. `faults 31 -> 1, operations 2731 -> 6`. */
export function sizeSummary(before: ShrinkSize, after: ShrinkSize): string {
  return `faults ${before.faults} -> ${after.faults}, operations ${before.operations} -> ${after.operations}`;
}

/** The scenario's fault schedule, one line per episode: `144ms crash n1 (until recovery)`. */
export function scheduleLines(scenario: Scenario): string[] {
  return scenario.schedule.map((episode) => {
    const span =
      episode.durationUs === undefined ? "until recovery" : `for ${formatTime(episode.durationUs)}`;
    return `${formatTime(episode.atUs)} ${describeFault(episode.fault)} (${span})`;
  });
}
