/**
 * A Raft cluster in a simulation, with the system's invariants listening to every fact
 * nodes report. Tests drive it directly (clients, faults) and read `violations`.
 */
import {
  type DiskFaults,
  type Invariant,
  type NetworkOptions,
  type RaftOptions,
  raftSystem,
  Simulation,
} from "../../../../src/index.js";

/** What a test cluster is built from. */
export interface ClusterSetup {
  readonly seed: number;
  readonly nodes?: number;
  /** Raft options (validated by the system's schema; defaults filled in). */
  readonly raft?: Partial<Record<keyof RaftOptions, unknown>>;
  readonly network?: Partial<NetworkOptions>;
  readonly diskFaults?: Partial<DiskFaults>;
  /** Stop the run at the first invariant violation (default true). */
  readonly stopOnViolation?: boolean;
  /** Keep every trace record (default "hash": faster). */
  readonly trace?: "full" | "hash";
}

/** A running test cluster. */
export interface RaftCluster {
  readonly sim: Simulation;
  readonly options: RaftOptions;
  /** Invariant violations so far, as `name: message`. */
  readonly violations: string[];
  /** Every fact reported, with its node (for targeted tests). */
  readonly facts: { readonly node: string; readonly fact: Record<string, unknown> }[];
  /** Runs the liveness (atEnd) invariants and records their violations. */
  checkAtEnd(): void;
  /** Nodes whose `inspect()` says they are leader, with their terms. */
  leaders(): { readonly node: string; readonly term: number }[];
}

/** Builds a cluster of the reference Raft with its invariants wired in. */
export function startCluster(setup: ClusterSetup): RaftCluster {
  const options = raftSystem.options.parse(setup.raft ?? {});
  const sim = new Simulation({
    seed: setup.seed,
    nodes: setup.nodes ?? 5,
    system: raftSystem.build(options),
    ...(setup.network === undefined ? {} : { network: setup.network }),
    ...(setup.diskFaults === undefined ? {} : { diskFaults: setup.diskFaults }),
    trace: setup.trace ?? "hash",
  });
  const invariants: readonly Invariant[] = raftSystem.invariants?.(options) ?? [];
  const violations: string[] = [];
  const facts: RaftCluster["facts"] = [];
  const record = (name: string, message: string | undefined) => {
    if (message === undefined) return;
    violations.push(`${name}: ${message}`);
    if (setup.stopOnViolation ?? true) sim.stop(`invariant ${name} violated`);
  };
  sim.onReport((node, fact) => {
    facts.push({ node, fact: fact as Record<string, unknown> });
    for (const invariant of invariants)
      record(invariant.name, invariant.onReport?.(node, fact, sim));
  });
  return {
    sim,
    options,
    violations,
    facts,
    checkAtEnd: () => {
      for (const invariant of invariants) record(invariant.name, invariant.atEnd?.(sim));
    },
    leaders: () =>
      sim.nodeIds.flatMap((node) => {
        const summary = sim.inspect(node);
        return summary?.role === "leader" ? [{ node, term: summary.term as number }] : [];
      }),
  };
}
