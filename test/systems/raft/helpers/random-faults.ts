/**
 * A small random nemesis for tests: until a stop time each of its tracks keeps injecting
 * one fault at a time (crash and later restart a node, crash the leader, isolate the leader, split the
 * cluster in halves, pause a node, bump or strobe a clock) and then undoes it. At the stop time everything is
 * healed and restarted, so the run can end with a recovery phase. Draws from the harness's
 * "nemesis" stream only.
 */
import { halvesPlan, isolatePlan, type Simulation } from "../../../../src/index.js";

/** Settings of the random nemesis. */
export interface FaultSetup {
  /** No new fault after this virtual time (microseconds); everything is healed then. */
  readonly stopUs: number;
  /** Fault kinds to draw from (default: all). */
  readonly kinds?: readonly FaultKind[];
  /** Longest quiet time between faults, in microseconds (default 500 ms). */
  readonly gapUsMax?: number;
  /** Independent fault tracks running at once, so faults overlap (default 1). */
  readonly tracks?: number;
  /** Longest time a fault lasts before it is undone, in microseconds (default 1.5 s). */
  readonly durationUsMax?: number;
  /** Range of clock jumps, in microseconds (default 50 ms to 300 ms). */
  readonly clockDeltaUs?: readonly [min: number, max: number];
}

/** The faults this nemesis knows. */
export type FaultKind =
  | "crash"
  | "crash-leader"
  | "isolate-leader"
  | "halves"
  | "pause"
  | "clock-bump"
  | "clock-bump-leader"
  | "isolate-skewed-leader"
  | "clock-strobe";

/** The fault kinds used when a setup names none: no clock faults (ReadIndex needs no clocks). */
const DEFAULT_KINDS: readonly FaultKind[] = [
  "crash",
  "crash-leader",
  "isolate-leader",
  "halves",
  "pause",
];

function leaderOf(sim: Simulation): string | undefined {
  let best: { node: string; term: number } | undefined;
  for (const node of sim.nodeIds) {
    const summary = sim.inspect(node);
    if (summary?.role !== "leader") continue;
    const term = summary.term as number;
    if (best === undefined || term > best.term) best = { node, term };
  }
  return best?.node;
}

/** Starts the nemesis. */
export function startFaults(sim: Simulation, setup: FaultSetup): void {
  const random = sim.random("nemesis");
  const kinds = setup.kinds ?? DEFAULT_KINDS;
  const inject = (): void => {
    if (sim.nowUs >= setup.stopUs) return;
    const kind = random.pick(kinds);
    const durationUs = random.between(10_000, setup.durationUsMax ?? 1_500_000);
    const undo = applyFault(
      sim,
      kind,
      random.pick(sim.nodeIds),
      random.between(...(setup.clockDeltaUs ?? [50_000, 300_000])),
    );
    sim.after(durationUs, () => {
      undo();
      sim.after(random.between(0, setup.gapUsMax ?? 500_000), inject);
    });
  };
  for (let track = 0; track < (setup.tracks ?? 1); track++) {
    sim.after(random.between(200_000, 800_000), inject);
  }
  sim.at(setup.stopUs, () => {
    sim.network.heal();
    for (const node of sim.nodeIds) {
      sim.resume(node);
      sim.restart(node);
      sim.resetClock(node);
    }
  });
}

/** Applies one fault; returns what undoes it. */
function applyFault(
  sim: Simulation,
  kind: FaultKind,
  randomNode: string,
  clockDeltaUs: number,
): () => void {
  const leader = leaderOf(sim) ?? randomNode;
  switch (kind) {
    case "crash":
    case "crash-leader": {
      const node = kind === "crash" ? randomNode : leader;
      sim.crash(node);
      return () => sim.restart(node);
    }
    case "isolate-leader":
      sim.network.apply(isolatePlan(sim.nodeIds, leader));
      return () => sim.network.heal();
    case "halves":
      sim.network.apply(halvesPlan(sim.nodeIds, sim.random("nemesis")));
      return () => sim.network.heal();
    case "pause":
      sim.pause(randomNode);
      return () => sim.resume(randomNode);
    case "clock-bump": {
      // A leader's clock jumps back (its lease looks longer), a follower's jumps ahead.
      sim.bumpClock(randomNode, randomNode === leader ? -clockDeltaUs : clockDeltaUs);
      return () => sim.resetClock(randomNode);
    }
    case "clock-bump-leader":
      sim.bumpClock(leader, -clockDeltaUs);
      return () => sim.resetClock(leader);
    case "isolate-skewed-leader":
      sim.bumpClock(leader, -clockDeltaUs);
      sim.network.apply(isolatePlan(sim.nodeIds, leader));
      return () => {
        sim.network.heal();
        sim.resetClock(leader);
      };
    case "clock-strobe":
      sim.strobeClock(randomNode, {
        deltaUs: clockDeltaUs,
        periodUs: 20_000,
        durationUs: 10_000_000,
      });
      return () => sim.resetClock(randomNode);
  }
}
