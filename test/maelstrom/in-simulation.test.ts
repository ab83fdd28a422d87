import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { maelstromSystem } from "../../src/maelstrom/sim/maelstrom-system.js";
import { defineScenario, loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { Simulation } from "../../src/sim/simulation.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("Maelstrom nodes in the simulation", () => {
  it.each([
    "echo",
    "unique-ids",
    "broadcast",
    "g-set",
    "g-counter",
    "pn-counter",
    "lin-kv",
    "kafka",
    "txn-list-append",
    "txn-rw-register",
  ])("the example node for %s passes its workload's checker under faults", async (name) => {
    const scenario = await loadScenario(`${root}scenarios/maelstrom-${name}.yaml`);
    const result = await runScenario(scenario, 2);
    expect(result.failure).toBeUndefined();
    const check = result.checks.find((summary) => summary.name === `workload:${name}`);
    expect(check?.verdict).toBe("pass");
    expect(result.ops.ok).toBeGreaterThan(20);
  });

  it.each([
    [
      "broadcast-no-retry",
      "workload:broadcast",
      /lost: \d+ was acknowledged at .* but is missing on n\d/,
    ],
    [
      "counter-double-add",
      "workload:pn-counter",
      /out-of-range: the final read on n\d returned -?\d+, but the adds allow only/,
    ],
    ["lin-kv-follower-reads", "workload:lin-kv", /No linearization exists on key/],
  ])("the planted bug %s is found on seed 1", async (name, reason, explanation) => {
    const scenario = await loadScenario(`${root}scenarios/bugs/maelstrom-${name}.yaml`);
    const result = await runScenario(scenario, 1);
    expect(result.failure?.reason).toBe(reason);
    expect(result.failure?.details).toMatch(explanation);
  });

  it("runs twice with the same trace hash, with the determinism guard on", async () => {
    const scenario = await loadScenario(`${root}scenarios/maelstrom-broadcast.yaml`);
    const first = await runScenario(scenario, 7, { determinismGuard: true });
    const second = await runScenario(scenario, 7, { determinismGuard: true });
    expect(first.failure).toBeUndefined();
    expect(second.traceHash).toBe(first.traceHash);
    expect(second.history).toEqual(first.history);
    const other = await runScenario(scenario, 8);
    expect(other.traceHash).not.toBe(first.traceHash);
  });

  it("gives every node init with its id and all node ids, again after a restart", async () => {
    const seen: unknown[] = [];
    const program = () => ({
      handle(message: { body: { type: string; node_id?: string; node_ids?: string[] } }) {
        if (message.body.type === "init") seen.push([message.body.node_id, message.body.node_ids]);
      },
    });
    const system = maelstromSystem(program as never, "inline");
    const sim = new Simulation({ seed: 1, nodes: 3, system: system.build({}) });
    await sim.run({ untilUs: 1000 });
    sim.crash("n2");
    sim.restart("n2");
    await sim.run({ untilUs: 2000 });
    const all = ["n1", "n2", "n3"];
    expect(seen).toEqual([
      ["n1", all],
      ["n2", all],
      ["n3", all],
      ["n2", all],
    ]);
  });
});

describe("findings against a Maelstrom node", () => {
  async function runMisbehaving(how: string) {
    const scenario = await defineScenario(
      {
        name: "misbehaving",
        system: { maelstrom: "./test/maelstrom/nodes/misbehaving.mjs" },
        nodes: 1,
        duration: "200ms",
        workload: { kind: "echo", rate: 20, finalWait: "0s" },
      },
      { baseDir: root },
    );
    // Every echo carries the same payload: the misbehaviour to show.
    const workload = scenario.maelstrom!.workload;
    const patched = {
      ...scenario,
      maelstrom: {
        ...scenario.maelstrom!,
        workload: { ...workload, generator: () => ({ next: () => ({ f: "echo", value: how }) }) },
      },
    };
    return runScenario(patched, 1);
  }

  it("a message to an unknown destination names the node and the destination", async () => {
    const result = await runMisbehaving("unknown-destination");
    expect(result.failure?.reason).toBe("node-failure");
    expect(result.failure?.message).toMatch(
      /node n1 sent .*"hello".* to "x9", which is neither a node, a service nor a client/,
    );
  });

  it("a second answer to one request is a finding", async () => {
    const result = await runMisbehaving("twice");
    expect(result.failure?.message).toMatch(/node n1 answered c\d+'s request \d+ twice/);
  });

  it("a malformed message names the missing field", async () => {
    const result = await runMisbehaving("malformed");
    expect(result.failure?.message).toContain(
      'sent a malformed message: "body.type" must be a non-empty string',
    );
  });

  it("a wrong echo fails the echo checker with what came back", async () => {
    const result = await runMisbehaving("wrong-echo");
    expect(result.failure?.reason).toBe("workload:echo");
    expect(result.failure?.details).toContain(
      'sent "wrong-echo" to n1 and got back "something else"',
    );
  });
});

describe("Maelstrom scenario files", () => {
  const base = {
    name: "bad",
    nodes: 3,
    workload: { kind: "broadcast" },
  };

  it("a Maelstrom node needs a Maelstrom workload kind", async () => {
    const attempt = defineScenario(
      { ...base, system: { maelstrom: "./examples/maelstrom/js/echo.mjs" }, workload: {} },
      { baseDir: root },
    );
    await expect(attempt).rejects.toThrow(ScenarioError);
    await expect(attempt).rejects.toThrow(
      /workload.kind.*a Maelstrom node needs a Maelstrom workload: one of echo, unique-ids, broadcast/,
    );
  });

  it("a Maelstrom workload needs a Maelstrom node", async () => {
    await expect(defineScenario({ ...base, system: { name: "raft" } })).rejects.toThrow(
      /broadcast is a Maelstrom workload: the system must be a Maelstrom node/,
    );
  });

  it("an option the workload does not take is named", async () => {
    await expect(
      defineScenario(
        {
          ...base,
          system: { maelstrom: "./examples/maelstrom/js/lin-kv.mjs" },
          workload: { kind: "lin-kv", topology: "line" },
        },
        { baseDir: root },
      ),
    ).rejects.toThrow(/the lin-kv workload does not take topology/);
  });

  it("a module that exports no program is named", async () => {
    await expect(
      defineScenario({ ...base, system: { maelstrom: "./package.json" } }, { baseDir: root }),
    ).rejects.toThrow(/system.maelstrom/);
  });
});

describe("shrinking a Maelstrom scenario", () => {
  it("the reproducer file keeps the Maelstrom node and workload, and loads again", async () => {
    const { reproducerYaml } = await import("../../src/shrink/reproducer.js");
    const { systemSource } = await import("../../src/shrink/system-source.js");
    const { parseScenario } = await import("../../src/scenario/load-scenario.js");
    const scenario = await loadScenario(`${root}scenarios/bugs/maelstrom-broadcast-no-retry.yaml`);
    const file = `${root}.faultline/shrunk/test-reproducer.yaml`;
    const text = reproducerYaml(scenario, 3, await systemSource(scenario), file, {
      from: "scenarios/bugs/maelstrom-broadcast-no-retry.yaml",
      seed: 3,
      reason: "workload:broadcast",
      sizes: "",
      command: "npx faultline run x",
    });
    expect(text).toContain("maelstrom: ../../examples/maelstrom/js/broadcast-no-retry.mjs");
    expect(text).toContain("kind: broadcast");
    expect(text).toContain("topology: line");
    expect(text).not.toContain("mix:");
    const again = await parseScenario(text, file);
    expect(again.maelstrom?.workload.name).toBe("broadcast");
    expect(again.maelstrom?.options.topology).toBe("line");
    expect(again.maelstrom?.finalWaitUs).toBe(3_000_000);
  });
});
