/**
 * The nemesis's schedule for a process run, drawn whole from the seed before any node
 * starts: which faults start when, on which nodes, and when each heals. Time is real in a
 * process run, so the schedule is in milliseconds from the start of the workload; the seed
 * fixes it exactly (the same seed and options always give the same plan).
 *
 * As Jepsen's combined nemesis does for Maelstrom, each enabled fault kind alternates
 * between starting and healing, every step after a delay drawn uniformly from zero to twice
 * `--nemesis-interval`, so a fault lasts one interval on average and so does the calm
 * between two. Every fault heals at the time limit, before the final reads.
 */
import { type PartitionShapeName, shapePlan } from "../sim/partition-shapes.js";
import type { RandomStream, RandomStreams } from "../sim/random.js";

/** The fault kinds `--nemesis` accepts: Maelstrom's `partition` and faultline's others. */
export const PROCESS_FAULT_KINDS = ["partition", "kill", "pause", "loss", "duplicate"] as const;

/** One of `PROCESS_FAULT_KINDS`. */
export type ProcessFaultKind = (typeof PROCESS_FAULT_KINDS)[number];

/** One fault episode of the plan. */
export interface PlannedFault {
  readonly kind: ProcessFaultKind;
  /** When it starts, in milliseconds from the start of the workload. */
  readonly startMs: number;
  /** When it heals, in milliseconds from the start of the workload. */
  readonly endMs: number;
  /** The nodes it touches (all of them for loss and duplication). */
  readonly nodes: readonly string[];
  /** For a partition: the directed links cut. */
  readonly cuts?: readonly (readonly [string, string])[];
  /** For loss and duplication: the probability per message between nodes. */
  readonly probability?: number;
  /** The fault in words, e.g. `partition isolate n3`, `kill n1`, `loss 25%`. */
  readonly description: string;
}

/** What the plan is drawn from. */
export interface FaultPlanOptions {
  readonly kinds: readonly ProcessFaultKind[];
  readonly nodes: readonly string[];
  /** Mean time between nemesis operations, in milliseconds. */
  readonly intervalMs: number;
  /** The workload's length, in milliseconds: faults start before it and heal at it. */
  readonly timeLimitMs: number;
  readonly random: RandomStreams;
}

const LOSS_PROBABILITIES = [0.1, 0.25, 0.5] as const;
const DUPLICATE_PROBABILITIES = [0.1, 0.25, 0.5] as const;

/** The partition shapes drawn for a cluster of `count` nodes. */
function shapesFor(count: number): PartitionShapeName[] {
  if (count < 2) return [];
  if (count < 3) return ["isolate"];
  if (count < 5) return ["isolate", "halves", "bridge"];
  return ["isolate", "halves", "majorities-ring", "bridge"];
}

/** A random minority of the nodes (at least one node). */
function minority(nodes: readonly string[], random: RandomStream): string[] {
  const largest = Math.max(1, Math.floor((nodes.length - 1) / 2));
  const size = random.between(1, largest);
  return random
    .shuffle(nodes)
    .slice(0, size)
    .sort((a, b) => nodes.indexOf(a) - nodes.indexOf(b));
}

type FaultShape = Omit<PlannedFault, "startMs" | "endMs" | "kind">;

function percent(probability: number): string {
  return `${Math.round(probability * 100)}%`;
}

/** Draws what one episode of `kind` does. */
function drawShape(
  kind: ProcessFaultKind,
  nodes: readonly string[],
  random: RandomStream,
): FaultShape | undefined {
  switch (kind) {
    case "partition": {
      const shapes = shapesFor(nodes.length);
      if (shapes.length === 0) return undefined;
      const plan = shapePlan(random.pick(shapes), nodes, random);
      const touched = nodes.filter((node) => plan.cuts.some(([from]) => from === node));
      return { nodes: touched, cuts: plan.cuts, description: `partition ${plan.description}` };
    }
    case "kill":
    case "pause": {
      const targets = minority(nodes, random);
      return { nodes: targets, description: `${kind} ${targets.join(",")}` };
    }
    case "loss": {
      const probability = random.pick(LOSS_PROBABILITIES);
      return { nodes, probability, description: `loss ${percent(probability)}` };
    }
    case "duplicate": {
      const probability = random.pick(DUPLICATE_PROBABILITIES);
      return { nodes, probability, description: `duplicate ${percent(probability)}` };
    }
  }
}

/** The episodes of one fault kind, each kind from its own stream. */
function planKind(kind: ProcessFaultKind, options: FaultPlanOptions): PlannedFault[] {
  const random = options.random.stream(`nemesis:${kind}`);
  const stagger = (): number => random.next() * 2 * options.intervalMs;
  const faults: PlannedFault[] = [];
  for (let time = stagger(); time < options.timeLimitMs; ) {
    const shape = drawShape(kind, options.nodes, random);
    if (shape === undefined) break;
    const endMs = Math.min(options.timeLimitMs, time + stagger());
    faults.push({ kind, startMs: Math.round(time), endMs: Math.round(endMs), ...shape });
    time = endMs + stagger();
  }
  return faults;
}

/**
 * Draws the whole fault plan, ordered by start time (then by kind, as listed).
 *
 * @example
 * ```ts
 * const plan = planFaults({ kinds: ["partition"], nodes: ["n0", "n1", "n2"],
 *   intervalMs: 10_000, timeLimitMs: 60_000, random: new RandomStreams(7) });
 * ```
 */
export function planFaults(options: FaultPlanOptions): PlannedFault[] {
  const faults = options.kinds.flatMap((kind) => planKind(kind, options));
  return faults.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      PROCESS_FAULT_KINDS.indexOf(a.kind) - PROCESS_FAULT_KINDS.indexOf(b.kind),
  );
}
