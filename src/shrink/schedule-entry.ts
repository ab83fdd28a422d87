/**
 * Fault episodes written back as scenario-file schedule entries: the inverse of what
 * `resolveScenario` does with `nemesis.schedule`. A shrunk reproducer is a scenario file,
 * so every fault it keeps, including the ones the random nemesis drew and the nemesis
 * resolved (a shape cut into links, `leader` into a node), must be expressible as an entry
 * that loads back into the same episode.
 */
import type { Fault, FaultEpisode } from "../nemesis/fault.js";
import { formatDuration } from "../scenario/duration.js";

/** A schedule entry as a scenario file writes it (durations as text). */
export type ScheduleEntryText = Record<string, unknown>;

function signedDuration(us: number): string {
  return us < 0 ? `-${formatDuration(-us)}` : formatDuration(us);
}

function faultFields(fault: Fault): Record<string, unknown> {
  switch (fault.kind) {
    case "partition":
      if ("shape" in fault)
        return fault.target === undefined
          ? { shape: fault.shape }
          : { shape: fault.shape, target: fault.target };
      if ("groups" in fault) return { groups: fault.groups.map((group) => [...group]) };
      if ("links" in fault) return { links: fault.links.map(([from, to]) => [from, to]) };
      return { from: [...fault.oneWay.from], to: [...fault.oneWay.to] };
    case "crash":
    case "pause":
      return { target: fault.target };
    case "clock-bump":
      return { target: fault.target, delta: signedDuration(fault.deltaUs) };
    case "clock-strobe":
      return {
        target: fault.target,
        delta: formatDuration(fault.deltaUs),
        period: formatDuration(fault.periodUs),
      };
    case "clock-drift":
      return { target: fault.target, driftPpm: fault.driftPpm };
    case "loss":
    case "duplicate":
      return { rate: fault.rate };
    case "delay":
      return { latency: `${formatDuration(fault.minUs)}..${formatDuration(fault.maxUs)}` };
    case "disk":
      return {
        target: fault.target,
        partialFlushRate: fault.faults.partialFlushRate ?? 0,
        tornWriteRate: fault.faults.tornWriteRate ?? 0,
        readErrorRate: fault.faults.readErrorRate ?? 0,
      };
  }
}

/**
 * The schedule entry that loads back into `episode`.
 *
 * @example
 * ```ts
 * scheduleEntry({ atUs: 1_500_000, durationUs: 200_000, fault: { kind: "crash", target: "n2" } });
 * // { at: "1500ms", duration: "200ms", fault: "crash", target: "n2" }
 * ```
 */
export function scheduleEntry(episode: FaultEpisode): ScheduleEntryText {
  return {
    at: formatDuration(episode.atUs),
    ...(episode.durationUs === undefined ? {} : { duration: formatDuration(episode.durationUs) }),
    fault: episode.fault.kind,
    ...faultFields(episode.fault),
  };
}
