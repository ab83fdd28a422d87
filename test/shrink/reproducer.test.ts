import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { defineScenario, loadScenario, parseScenario } from "../../src/scenario/load-scenario.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { reproducerScenario, reproducerYaml } from "../../src/shrink/reproducer.js";
import { systemSource } from "../../src/shrink/system-source.js";
import { defineSystem } from "../../src/systems/definition.js";
import { fixtureScenario, ROOT } from "../scenario/helpers.js";

const ORIGIN = {
  from: "scenarios/x.yaml",
  seed: 7,
  reason: "linearizability",
  sizes: "faults 3 -> 1, operations 90 -> 9",
  command: "npx faultline run repro.yaml",
};

/** The parts of a scenario a reproducer must keep exactly. */
function essentials(scenario: Scenario) {
  const { nodes, network, mainUs, workload, recovery, schedule, randomNemesis, checks } = scenario;
  return { nodes, network, mainUs, workload, recovery, schedule, randomNemesis, checks };
}

describe("reproducer files", () => {
  it("load back into the same scenario, with the seed pinned and the system re-anchored", async () => {
    const original = await loadScenario(fixtureScenario("faulty-register"));
    // Every setting away from its default, so that a setting the file forgets shows.
    const small: Scenario = {
      ...original,
      randomNemesis: undefined,
      network: {
        ...original.network,
        latencyUsMax: original.network.latencyUsMin,
        dropRate: 0.01,
        duplicateRate: 0.02,
        fifo: true,
      },
      workload: {
        ...original.workload,
        maxOps: 17,
        thinkUs: { minUs: 5_000, maxUs: 5_000 },
        timeoutUs: 123_000,
        keys: 7,
        keyDistribution: "hotspot",
        mix: { read: 1, write: 0, cas: 2 },
        maxRedirects: 3,
        routing: "home",
      },
      recovery: { opsPerClient: 3, budgetUs: 1_500_000, settleUs: 250_000 },
      checks: {
        linearizability: "register",
        invariants: false,
        liveness: false,
        invariantIntervalUs: 5_000,
        checkerSteps: 1_234,
      },
      maxEvents: 98_765,
      determinismGuard: false,
    };
    const file = join(ROOT, ".faultline", "test-out", "repro.yaml");
    const text = reproducerYaml(small, 7, await systemSource(original), file, ORIGIN);
    expect(text).toContain("# Shrunk by faultline from scenarios/x.yaml, seed 7");
    expect(text).toContain("# Run it with: npx faultline run repro.yaml");
    expect(text).toContain("- { at: 200ms, duration: 300ms, fault: partition, shape: isolate");
    const loaded = await parseScenario(text, file);
    expect(loaded.seeds).toEqual([7]);
    expect(essentials(loaded)).toEqual(essentials(small));
    expect(loaded.maxEvents).toBe(98_765);
    // The guard is on by default; a reproducer of a run with it off says so.
    expect(loaded.determinismGuard).toBe(false);
    expect(
      parse(reproducerYaml(original, 7, await systemSource(original), file, ORIGIN))
        .determinismGuard,
    ).toBeUndefined();
    expect(parse(text).system.module).toBe("../../examples/register-server.mjs");
  });

  it("know every setting of a scenario (a new one must be written out too)", async () => {
    const scenario = await loadScenario(fixtureScenario("faulty-register"));
    expect(Object.keys(scenario).sort()).toEqual(
      [
        ...["name", "description", "file", "system", "nodes", "network", "mainUs"],
        ...["workload", "recovery", "schedule", "randomNemesis", "checks", "maxEvents", "seeds"],
        ...["determinismGuard", "maelstrom"],
      ].sort(),
    );
    expect(Object.keys(scenario.workload).sort()).toEqual(
      [
        ...["kind", "clients", "thinkUs", "timeoutUs", "keys", "keyDistribution", "mix"],
        ...["maxOps", "maxRedirects", "routing"],
      ].sort(),
    );
    expect(Object.keys(scenario.recovery).sort()).toEqual(["budgetUs", "opsPerClient", "settleUs"]);
  });

  it("name the seed and say where they came from", async () => {
    const original = await loadScenario(fixtureScenario("stale-replicas"));
    const named = reproducerScenario(original, original, ORIGIN);
    expect(named.name).toBe("stale-replicas-seed-7-shrunk");
    expect(named.description).toBe("stale-replicas seed 7, shrunk: fails with linearizability.");
    expect(reproducerScenario(named, named, ORIGIN).name).toBe(named.name);
  });

  it("keep a system defined in code by name, loadable with defineScenario", async () => {
    const echo = defineSystem({
      name: "echo-store",
      summary: "answers every operation with ok",
      workload: "kv",
      options: z.object({ flavour: z.string().default("plain") }),
      build: () => (init) => ({
        onClientRequest: (request) => init.ctx.respond(request, { type: "ok", value: null }),
      }),
    });
    const inline = await defineScenario(
      { name: "inline", duration: "1s", system: { options: { flavour: "salty" } } },
      { system: echo },
    );
    const source = await systemSource(inline);
    expect(source).toEqual({
      section: { name: "echo-store", options: { flavour: "salty" } },
      standalone: false,
    });
    const text = reproducerYaml(inline, 3, source, join(ROOT, "x.yaml"), ORIGIN);
    expect(text).toContain("defined in code");
    const again = await defineScenario(parse(text), { system: echo });
    expect(essentials(again)).toEqual(essentials(inline));
    expect(again.system.options).toEqual({ flavour: "salty" });
  });
});
