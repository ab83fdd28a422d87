// How a user tests their own system with faultline, from vitest. Run with `npx vitest run`
// in this folder (faultline's own test suite does, in test/vitest/example-project.test.ts).
import fc from "fast-check";
import { arbitrary, runScenario } from "faultline";
import { runSim, simTest } from "faultline/vitest";
import { expect, test } from "vitest";
import { ticketStore } from "./ticket-store.js";

const scenarioFile = new URL("./ticket-store.yaml", import.meta.url).pathname;

// Ten seeds of random partitions, pauses and crashes; a failure would be shrunk to a small
// reproducer under .faultline/shrunk/ and reported with the command that replays it.
simTest("the ticket store stays linearizable under faults", scenarioFile, {
  system: ticketStore,
  seeds: 10,
  shrink: true,
});

// The planted bug must be caught: some seed fails the linearizability check.
simTest(
  "followers serving local reads are caught",
  {
    name: "ticket-store-local-reads",
    nodes: 3,
    duration: "2s",
    network: { latency: "1ms..30ms" },
    system: { options: { localReads: true } },
    workload: { clients: 4, think: "1ms..10ms", keys: 2 },
  },
  { system: ticketStore, seeds: 10, expectFailure: "linearizability" },
);

test("one seed, judged by the matchers", async () => {
  const result = await runSim(scenarioFile, 3, { system: ticketStore });
  expect(result).toPass();
  expect(result).toBeLinearizable();
});

test("any fault schedule and workload fast-check draws keeps it linearizable", async () => {
  await fc.assert(
    fc.asyncProperty(
      arbitrary.scenario({
        system: ticketStore,
        base: { nodes: 3, duration: "1s", recovery: { opsPerClient: 1, budget: "2s" } },
        faults: { kinds: ["partition", "pause", "crash", "delay"] },
        workload: { maxClients: 3, maxOps: 60 },
      }),
      async (scenario) => (await runScenario(scenario, 1)).ok,
    ),
    { numRuns: 15 },
  );
});
