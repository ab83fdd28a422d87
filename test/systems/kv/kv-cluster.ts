/**
 * Test support for the KV systems: a cluster of one system in a simulation with a client
 * driver, and a random run (clients plus random faults) judged by the register check.
 */
import { ms, type NodeFactory, Simulation, seconds } from "../../../src/index.js";
import { ClientDriver } from "./client-driver.js";
import { runKvClients } from "./kv-clients.js";
import { type RandomFaultOptions, scheduleRandomFaults } from "./random-faults.js";
import { checkRegisters, type RegisterVerdict } from "./register-linearizability.js";

/** A KV cluster under test. */
export interface KvCluster {
  readonly sim: Simulation;
  readonly driver: ClientDriver;
}

/** A simulation of `system` on `nodes` nodes, with a client driver (timeout 500 ms). */
export function kvCluster(seed: number, system: NodeFactory, nodes = 3): KvCluster {
  const sim = new Simulation({ seed, nodes, system });
  return { sim, driver: new ClientDriver(sim, ms(500)) };
}

/** What a random run gives. */
export interface RandomRun {
  readonly verdict: RegisterVerdict;
  readonly acknowledged: number;
  readonly traceHash: string;
}

/** Runs 3 clients on 2 keys for 4 s under random faults, then recovers for 1 s. */
export async function randomRun(
  seed: number,
  system: NodeFactory,
  kinds: RandomFaultOptions["kinds"],
  ops?: readonly ("read" | "write" | "cas")[],
): Promise<RandomRun> {
  const { sim, driver } = kvCluster(seed, system);
  scheduleRandomFaults(sim, {
    faultsUntilUs: seconds(3),
    gapUsMin: ms(200),
    gapUsMax: ms(800),
    kinds,
  });
  const clients = { clients: 3, keys: ["x", "y"], untilUs: seconds(4.5), thinkUsMax: ms(40) };
  void runKvClients(sim, driver, ops === undefined ? clients : { ...clients, ops });
  await sim.run({ untilUs: seconds(5) });
  const acknowledged = driver.history.filter((entry) => entry.outcome.type === "ok").length;
  return { verdict: checkRegisters(driver.history), acknowledged, traceHash: sim.traceHash };
}
