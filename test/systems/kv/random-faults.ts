/**
 * A small random nemesis for tests: partitions, crashes and restarts, pauses and clock
 * jumps, drawn from the simulation's own seeded "test-nemesis" stream, during a fault phase;
 * then a recovery phase in which the network heals and every node is resumed and restarted.
 * (The scenario runner has the full nemesis; this one keeps system tests self-contained.)
 */
import { halvesPlan, isolatePlan, type Simulation } from "../../../src/index.js";

/** Which faults to draw. */
export interface RandomFaultOptions {
  /** When faults stop and recovery begins, in microseconds of virtual time. */
  readonly faultsUntilUs: number;
  /** Smallest and largest gap between two faults, in microseconds. */
  readonly gapUsMin: number;
  readonly gapUsMax: number;
  /** Allowed fault kinds. */
  readonly kinds: readonly ("partition" | "crash" | "pause" | "clock")[];
  /** Largest clock jump, in microseconds (either direction). */
  readonly clockJumpUsMax?: number;
  /** Whether crashed nodes are restarted at recovery (otherwise they stay down). */
  readonly restartAtRecovery?: boolean;
}

/** Schedules random faults on `sim`, and the recovery at `faultsUntilUs`. */
export function scheduleRandomFaults(sim: Simulation, options: RandomFaultOptions): void {
  const random = sim.random("test-nemesis");
  const nodes = sim.nodeIds;
  const maxDown = Math.floor((nodes.length - 1) / 2);
  const step = () => {
    if (sim.nowUs >= options.faultsUntilUs) return;
    const kind = random.pick(options.kinds);
    const node = random.pick(nodes);
    const down = nodes.filter((id) => sim.status(id) !== "up").length;
    if (kind === "partition") {
      if (sim.network.partitioned) sim.network.heal();
      else
        sim.network.apply(
          random.chance(0.5) ? halvesPlan(nodes, random) : isolatePlan(nodes, node),
        );
    } else if (kind === "crash") {
      if (sim.status(node) === "crashed") sim.restart(node);
      else if (down < maxDown) sim.crash(node);
    } else if (kind === "pause") {
      if (sim.status(node) === "paused") sim.resume(node);
      else if (down < maxDown && sim.status(node) === "up") sim.pause(node);
    } else {
      const max = options.clockJumpUsMax ?? 2_000_000;
      sim.bumpClock(node, random.between(-max, max));
    }
    sim.after(random.between(options.gapUsMin, options.gapUsMax), step);
  };
  sim.after(random.between(options.gapUsMin, options.gapUsMax), step);
  sim.at(options.faultsUntilUs, () => {
    sim.note("recovery");
    sim.network.heal();
    for (const node of nodes) {
      sim.resume(node);
      sim.resetClock(node);
      if (options.restartAtRecovery !== false) sim.restart(node);
    }
  });
}
