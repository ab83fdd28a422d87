/**
 * Faults as plain data. A fault schedule is a list of episodes: at a virtual time a fault
 * begins, and after its duration (or at the start of the recovery phase, when it has none)
 * it ends. Being data, a schedule can be printed, saved in a scenario file, generated from
 * a seed, and cut down by a shrinker.
 *
 * Targets name a node, or are resolved when the fault begins: `leader` is whichever node
 * reports `role: "leader"` in `inspect()`, `lock-holder` a node that reports a non-empty
 * `holding` list (the locks it believes it holds; a random one of them when several do),
 * each a random node when none does; `random` is drawn from the nemesis's own random
 * stream. The schedule that was applied records the nodes chosen, so a replay or a shrunk
 * scenario can pin them.
 */
import type { DiskFaults } from "../sim/disk.js";
import type { Link, PartitionShapeName } from "../sim/partition-shapes.js";

/** Which node a fault hits. */
export type FaultTarget = string | "leader" | "lock-holder" | "random";

/** Whether `target` names a node by the role it reports (`leader`, `lock-holder`). */
export function isRoleTarget(target: FaultTarget): boolean {
  return target === "leader" || target === "lock-holder";
}

/** Whether `target` is a node's name rather than a role or `random`. */
export function isNodeTarget(target: FaultTarget): boolean {
  return !isRoleTarget(target) && target !== "random";
}

/** A network partition: a named shape, explicit groups, or a one-way cut. */
export type PartitionFault =
  | {
      readonly kind: "partition";
      readonly shape: PartitionShapeName | "isolate-leader";
      /** For `isolate`: the node to cut off (default: random). */
      readonly target?: FaultTarget;
    }
  | { readonly kind: "partition"; readonly groups: readonly (readonly string[])[] }
  | {
      readonly kind: "partition";
      readonly oneWay: { readonly from: readonly string[]; readonly to: readonly string[] };
    }
  /** Explicit directed links to cut (what a drawn shape resolves to in the applied schedule). */
  | { readonly kind: "partition"; readonly links: readonly Link[]; readonly description?: string };

/** One fault. Storms (`loss`, `duplicate`, `delay`) affect every link. */
export type Fault =
  | PartitionFault
  | { readonly kind: "crash"; readonly target: FaultTarget }
  | { readonly kind: "pause"; readonly target: FaultTarget }
  | { readonly kind: "clock-bump"; readonly target: FaultTarget; readonly deltaUs: number }
  | {
      readonly kind: "clock-strobe";
      readonly target: FaultTarget;
      readonly deltaUs: number;
      readonly periodUs: number;
    }
  | { readonly kind: "clock-drift"; readonly target: FaultTarget; readonly driftPpm: number }
  | { readonly kind: "loss"; readonly rate: number }
  | { readonly kind: "duplicate"; readonly rate: number }
  | { readonly kind: "delay"; readonly minUs: number; readonly maxUs: number }
  | { readonly kind: "disk"; readonly target: FaultTarget; readonly faults: Partial<DiskFaults> };

/** The kinds of fault. */
export type FaultKind = Fault["kind"];

/** Every fault kind, in a fixed order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "partition",
  "crash",
  "pause",
  "clock-bump",
  "clock-strobe",
  "clock-drift",
  "loss",
  "duplicate",
  "delay",
  "disk",
];

/** A fault with its timing. */
export interface FaultEpisode {
  /** When it begins, in microseconds of virtual time from the start of the run. */
  readonly atUs: number;
  /** How long it lasts; absent: until the recovery phase heals everything. */
  readonly durationUs?: number;
  readonly fault: Fault;
}

/** One line describing a fault, for reports and traces. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case "partition":
      if ("shape" in fault)
        return `partition ${fault.shape}${fault.target === undefined ? "" : ` ${fault.target}`}`;
      if ("groups" in fault)
        return `partition ${fault.groups.map((group) => group.join(",")).join(" | ")}`;
      if ("links" in fault)
        return `partition ${fault.description ?? `${fault.links.length} links`}`;
      return `partition one-way ${fault.oneWay.from.join(",")} -/-> ${fault.oneWay.to.join(",")}`;
    case "crash":
    case "pause":
      return `${fault.kind} ${fault.target}`;
    case "clock-bump":
      return `clock-bump ${fault.target} ${fault.deltaUs}us`;
    case "clock-strobe":
      return `clock-strobe ${fault.target} ±${fault.deltaUs}us every ${fault.periodUs}us`;
    case "clock-drift":
      return `clock-drift ${fault.target} ${fault.driftPpm}ppm`;
    case "loss":
    case "duplicate":
      return `${fault.kind} ${fault.rate}`;
    case "delay":
      return `delay +${fault.minUs}..${fault.maxUs}us`;
    case "disk":
      return `disk ${fault.target} ${JSON.stringify(fault.faults)}`;
  }
}
