/**
 * A random KV workload for tests: a few clients, each sending one operation at a time
 * (reads, writes of unique values, and cas from a recently seen value) with a short think
 * time, until a stop time. Draws from the harness's "workload" stream only.
 */
import type { Simulation } from "../../../../src/index.js";
import { type HistoryEntry, KvClient, type KvRequest } from "./kv-client.js";

/** Settings of the random workload. */
export interface WorkloadSetup {
  readonly clients: number;
  readonly keys: readonly string[];
  /** Clients start no new operation after this virtual time (microseconds). */
  readonly stopUs: number;
  /** Longest pause between a client's operations, in microseconds. */
  readonly thinkUsMax?: number;
}

/** Starts the workload; returns the history it fills. */
export function startWorkload(sim: Simulation, setup: WorkloadSetup): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  const random = sim.random("workload");
  const lastSeen = new Map<string, number>();
  let nextValue = 1;
  const pick = (): KvRequest => {
    const key = random.pick(setup.keys);
    const roll = random.next();
    if (roll < 0.45) return { f: "read", key };
    const value = nextValue++;
    if (roll < 0.85) return { f: "write", key, value };
    return { f: "cas", key, from: lastSeen.get(key) ?? 0, to: value };
  };
  const loop = (client: KvClient) => {
    if (sim.nowUs >= setup.stopUs) return;
    client.submit(pick(), (entry) => {
      if (entry.outcome === "ok" && typeof entry.value === "number")
        lastSeen.set(entry.op.key, entry.value);
      if (entry.outcome === "ok" && entry.op.f === "write")
        lastSeen.set(entry.op.key, entry.op.value);
      sim.after(random.between(0, setup.thinkUsMax ?? 20_000), () => loop(client));
    });
  };
  for (let i = 0; i < setup.clients; i++) {
    const client = new KvClient(sim, `c${i + 1}`, history);
    sim.after(random.between(0, 10_000), () => loop(client));
  }
  return history;
}
