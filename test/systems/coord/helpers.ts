/**
 * A coordination-service cluster in a simulation (workers n1-n3, servers n4-n6, storage
 * n7), with the system's invariants listening to every fact, and small steps for scripted
 * tests: run for a while or until something holds, and ask a worker to acquire or release.
 */
import {
  type ClientResult,
  type CoordOptions,
  coordSystem,
  type Invariant,
  type ResourceAccessFact,
  runUntil as runUntilCondition,
  Simulation,
} from "../../../src/index.js";

export { runFor } from "../../../src/index.js";

/** A running test cluster. */
export interface CoordCluster {
  readonly sim: Simulation;
  readonly options: CoordOptions;
  /** Invariant violations so far, as `name: message`. */
  readonly violations: string[];
  /** The storage node's accesses so far, with their virtual time. */
  readonly accesses: (ResourceAccessFact & { readonly atUs: number })[];
}

/** Builds a 7-node cluster of the coordination service with its invariants wired in. */
export function startCoord(seed: number, options: Record<string, unknown> = {}): CoordCluster {
  const resolved = coordSystem.options.parse(options);
  const sim = new Simulation({ seed, nodes: 7, system: coordSystem.build(resolved) });
  const invariants: readonly Invariant[] = coordSystem.invariants?.(resolved) ?? [];
  const violations: string[] = [];
  const accesses: CoordCluster["accesses"] = [];
  sim.onReport((node, fact) => {
    const typed = fact as { type?: unknown };
    if (typed.type === "resource-access") {
      accesses.push({ ...(fact as ResourceAccessFact), atUs: sim.nowUs });
    }
    for (const invariant of invariants) {
      const message = invariant.onReport?.(node, fact, sim);
      if (message !== undefined) violations.push(`${invariant.name}: ${message}`);
    }
  });
  return { sim, options: resolved, violations, accesses };
}

/** Runs the simulation in small steps until `condition` holds; false when `limitUs` passes first. */
export function runUntil(
  sim: Simulation,
  condition: () => boolean,
  limitUs = 5_000_000,
): Promise<boolean> {
  return runUntilCondition(sim, condition, { limitUs });
}

let nextSeq = 1;

/** Asks `worker` to acquire or release `lock` as client `client`; resolves with the answer. */
export async function ask(
  sim: Simulation,
  worker: string,
  f: "acquire" | "release",
  lock = "k0",
  client = `c-${worker}`,
): Promise<ClientResult | undefined> {
  let answer: ClientResult | undefined;
  sim.request(client, worker, { f, key: lock, seq: nextSeq++ }, (result) => {
    answer = result as ClientResult;
  });
  await runUntil(sim, () => answer !== undefined, 3_000_000);
  return answer;
}
