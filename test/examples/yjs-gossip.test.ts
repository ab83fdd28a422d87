import { afterEach, describe, expect, it, vi } from "vitest";
import { yjsGossipSystem } from "../../examples/yjs-gossip/yjs-gossip-system.js";
import { YjsSetState } from "../../examples/yjs-gossip/yjs-set-state.js";
import { ms, Simulation, seconds } from "../../src/index.js";
import { ClientDriver } from "../systems/kv/client-driver.js";

/**
 * Five Yjs replicas through a partition and a crash. (Meant to run with the kernel's
 * `determinismGuard: true`; on Node 20.19+ the guard cannot install, because
 * `node:crypto`'s `getRandomValues` is a getter-only property, so the test below watches
 * the same calls with spies instead.)
 */
async function runYjsCluster(seed: number) {
  const options = yjsGossipSystem.options.parse({});
  const sim = new Simulation({
    seed,
    nodes: 5,
    system: yjsGossipSystem.build(options),
  });
  const invariants = yjsGossipSystem.invariants!(options);
  sim.onReport((node, fact) => {
    for (const invariant of invariants) invariant.onReport?.(node, fact, sim);
  });
  const driver = new ClientDriver(sim);
  sim.at(seconds(1), () =>
    sim.network.partition([
      ["n1", "n2"],
      ["n3", "n4", "n5"],
    ]),
  );
  sim.at(seconds(2), () => sim.crash("n4"));
  sim.at(seconds(4), () => sim.network.heal());
  sim.at(seconds(5), () => sim.restart("n4"));
  const clients = (async () => {
    const random = sim.random("yjs-clients");
    for (let value = 1; value <= 60; value++) {
      const node = random.pick(sim.nodeIds.filter((id) => sim.status(id) === "up"));
      void driver.invoke("c1", node, { f: "add", value });
      await sim.sleep(ms(100));
    }
  })();
  const stop = await sim.run({ untilUs: seconds(15) });
  await clients;
  const violations = invariants.map((invariant) => invariant.atEnd?.(sim)).filter(Boolean);
  return { sim, stop, violations, acknowledged: driver.acknowledgedAdds() };
}

describe("the Yjs example", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("converges: every replica ends with the same document, holding every acknowledged add", async () => {
    const { sim, stop, violations, acknowledged } = await runYjsCluster(1);
    expect(stop).toEqual({ kind: "until", timeUs: seconds(15) });
    expect(violations).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(50);
    const digests = new Set(sim.nodeIds.map((node) => sim.inspect(node)?.digest));
    expect(digests.size).toBe(1);
    expect(sim.inspect("n4")?.values).toEqual([...acknowledged].sort((a, b) => a - b));
  });

  it("makes no wall-clock or unseeded-random call from Yjs or faultline code while running", async () => {
    const callers: string[] = [];
    const watch = <T extends object>(target: T, key: keyof T & string, name: string) => {
      const original = (target[key] as (...args: unknown[]) => unknown).bind(target);
      vi.spyOn(target, key as never).mockImplementation(((...args: unknown[]) => {
        const stack = new Error().stack ?? "";
        if (/node_modules\/(yjs|lib0)|\/src\/|\/examples\//.test(stack))
          callers.push(`${name}\n${stack}`);
        return original(...args);
      }) as never);
    };
    watch(Math, "random", "Math.random()");
    watch(Date, "now", "Date.now()");
    watch(globalThis.crypto, "getRandomValues", "crypto.getRandomValues()");
    const { stop } = await runYjsCluster(3);
    expect(stop.kind).toBe("until");
    expect(callers).toEqual([]);
  });

  it("is deterministic: the same seed replays to the same trace hash", async () => {
    const first = await runYjsCluster(2);
    const second = await runYjsCluster(2);
    expect(first.stop.kind).toBe("until");
    expect(second.sim.traceHash).toBe(first.sim.traceHash);
  });

  it("takes its Yjs client id from the node's random stream", () => {
    const draws = [0.25, 0.5];
    const state = new YjsSetState(() => draws.shift()!);
    expect(state.doc.clientID).toBe(Math.floor(0.25 * 0xffff_ffff));
  });

  it("merges updates in any order and tells a peer exactly what it lacks", () => {
    const a = new YjsSetState(() => 0.1);
    const b = new YjsSetState(() => 0.2);
    const one = a.serve({ f: "add", value: 1, seq: 1 }).update;
    const two = b.serve({ f: "add", value: 2, seq: 1 }).update;
    expect(b.apply(one)).toBeDefined();
    expect(b.apply(one)).toBeUndefined(); // a duplicate teaches nothing
    expect(a.apply(b.deltaFor(a.digest()))).toBeDefined();
    expect(a.apply(two)).toBeUndefined();
    expect(a.values()).toEqual([1, 2]);
    expect(a.digest()).toBe(b.digest());
    expect(a.deltaFor(b.digest())).toBeUndefined();
    expect(a.apply("not an update")).toBeUndefined();
  });
});
