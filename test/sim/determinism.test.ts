import { describe, expect, it } from "vitest";
import { checkDeterminism, type NodeFactory, Simulation } from "../../src/index.js";
import { chaosOptions, driveChaos, kindCounts } from "./fixtures.js";

describe("run-twice determinism", () => {
  it("gives every one of 1,000 seeds the same trace hash twice, under every kind of fault", async () => {
    const hashes = new Set<string>();
    for (let seed = 1; seed <= 1_000; seed++) {
      const check = await checkDeterminism(chaosOptions(seed), driveChaos);
      if (!check.deterministic) {
        throw new Error(`seed ${seed} diverged: ${JSON.stringify(check.divergence)}`);
      }
      expect(check.stop.kind).toBe("time-limit");
      hashes.add(check.traceHash);
    }
    expect(hashes.size).toBe(1_000);
  });

  it("exercises the whole kernel in those runs", async () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const sim = new Simulation(chaosOptions(seed));
      await driveChaos(sim);
      for (const kind of kindCounts(sim).keys()) kinds.add(kind);
    }
    for (const kind of [
      "start",
      "send",
      "deliver",
      "drop",
      "duplicate",
      "timer",
      "crash",
      "restart",
      "pause",
      "resume",
      "clock",
      "network",
      "log",
      "clientRequest",
      "clientDeliver",
      "clientReply",
      "clientResponse",
      "report",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it("reports the first diverging event when a system keeps state across runs", async () => {
    let runs = 0;
    const leaky: NodeFactory = ({ id, ctx }) => {
      if (id === "n1") runs++;
      const delayMs = runs === 1 ? 5 : 6;
      ctx.setTimer(delayMs, () => ctx.send("n2", { hello: runs }));
      return {};
    };
    const check = await checkDeterminism({ seed: 3, nodes: 2, system: leaky });
    expect(check.deterministic).toBe(false);
    if (check.deterministic) return;
    expect(check.hashes[0]).not.toBe(check.hashes[1]);
    expect(check.divergence?.first).toMatchObject({ kind: "timer", node: "n1", timeUs: 5_000 });
    expect(check.divergence?.second).toMatchObject({ kind: "timer", node: "n1", timeUs: 6_000 });
    expect(check.stops).toEqual([{ kind: "idle" }, { kind: "idle" }]);
  });

  it("tells runs apart that differ only in a message body", async () => {
    let runs = 0;
    const system: NodeFactory = ({ id, ctx }) => {
      if (id === "n1") {
        runs++;
        ctx.send("n2", { value: runs === 1 ? "a" : "b" });
      }
      return {};
    };
    const check = await checkDeterminism({ seed: 1, nodes: 2, system });
    expect(check.deterministic).toBe(false);
    if (check.deterministic) return;
    expect(check.divergence?.first?.kind).toBe("send");
    expect(check.divergence?.first?.digest).not.toBe(check.divergence?.second?.digest);
  });

  it("never calls a run deterministic when the guard stopped it, though both traces agree", async () => {
    const system: NodeFactory = ({ ctx }) => {
      ctx.setTimer(3, () => ctx.log(`clock says ${Date.now()}`));
      return {};
    };
    const check = await checkDeterminism({ seed: 1, nodes: 1, system });
    expect(check.deterministic).toBe(false);
    if (check.deterministic) return;
    // The guard stopped both runs at the same call, so their traces are the same...
    expect(check.divergence).toBeUndefined();
    expect(check.hashes[0]).toBe(check.hashes[1]);
    // ...and the stops say why the check fails.
    expect(check.stops[0]).toMatchObject({
      kind: "nondeterminism",
      node: "n1",
      call: "Date.now()",
    });
    expect(check.stops[1]).toMatchObject({ kind: "nondeterminism", call: "Date.now()" });
  });

  it("calls a quiet system deterministic with the guard on or off", async () => {
    const system: NodeFactory = ({ ctx }) => {
      ctx.setTimer(3, () => ctx.log("quiet"));
      return {};
    };
    const check = await checkDeterminism({ seed: 1, nodes: 1, system, determinismGuard: false });
    expect(check).toMatchObject({ deterministic: true, stop: { kind: "idle" } });
  });
});
