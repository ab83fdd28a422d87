/**
 * Random key-value clients for tests: each client, in a loop until `untilUs`, picks a read,
 * a write of a fresh value, or a compare-and-set on a random key, sends it to the node it
 * believes serves (following redirects, moving on after a timeout), and waits a little.
 * Every value written is unique, so a lost write shows up in the history.
 */
import type { Simulation } from "../../../src/index.js";
import type { ClientDriver, HistoryEntry } from "./client-driver.js";

/** How the clients behave. */
export interface KvClientOptions {
  readonly clients: number;
  readonly keys: readonly string[];
  readonly untilUs: number;
  /** Pause between two operations of one client, in microseconds. */
  readonly thinkUsMax: number;
  /** Allowed operations. */
  readonly ops?: readonly ("read" | "write" | "cas")[];
}

/** Starts the clients; resolves when all have stopped. */
export function runKvClients(sim: Simulation, driver: ClientDriver, options: KvClientOptions) {
  const random = sim.random("test-kv-clients");
  let nextValue = 1;
  const ops = options.ops ?? ["read", "write", "cas"];
  const pickOp = (): HistoryEntry["op"] => {
    const key = random.pick(options.keys);
    const f = random.pick(ops);
    if (f === "read") return { f, key };
    if (f === "write") return { f, key, value: nextValue++ };
    return { f, key, from: random.between(0, nextValue), to: nextValue++ };
  };
  const client = async (name: string) => {
    let target = random.pick(sim.nodeIds);
    while (sim.nowUs < options.untilUs) {
      const op = pickOp();
      for (let attempt = 0; attempt < 5; attempt++) {
        const outcome = await driver.invoke(name, target, op);
        if (outcome.type !== "redirect" && outcome.type !== "timeout") break;
        const leader = outcome.type === "redirect" ? outcome.leader : undefined;
        target = leader ?? random.pick(sim.nodeIds);
        if (outcome.type === "timeout") break;
        await sim.sleep(random.between(1_000, 20_000));
      }
      await sim.sleep(random.between(0, options.thinkUsMax));
    }
  };
  return Promise.all(Array.from({ length: options.clients }, (_, i) => client(`c${i + 1}`)));
}
