import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { Simulation } from "../../src/sim/simulation.js";
import { TraceKind } from "../../src/sim/trace.js";
import { StateRecorder } from "../../ui/recording/state-recorder.js";
import { fixtureScenario } from "../scenario/helpers.js";
import { LEADER_FAULTS, recordingOf, STALE_REPLICAS, scenarioAt } from "./support/fixtures.js";

describe("recording a replay for the viewer", () => {
  it.each([
    [STALE_REPLICAS, 2],
    [fixtureScenario("register-calm"), 1],
    [LEADER_FAULTS, 3],
    [LEADER_FAULTS, 1],
  ])("gives the runner's trace hash and verdict (%s seed %i)", async (path, seed) => {
    const scenario = await scenarioAt(path);
    const plain = await runScenario(scenario, seed);
    const recorded = await recordingOf(path, seed);
    expect(recorded.result.traceHash).toBe(plain.traceHash);
    expect(recorded.result.ok).toBe(plain.ok);
    expect(recorded.result.failure?.reason).toBe(plain.failure?.reason);
    expect(recorded.result.failure?.message).toBe(plain.failure?.message);
    expect(recorded.result.checks.map(({ name, verdict }) => [name, verdict])).toEqual(
      plain.checks.map(({ name, verdict }) => [name, verdict]),
    );
  });

  it("keeps the columns of every trace event", async () => {
    const recording = await recordingOf(LEADER_FAULTS, 3);
    const { columns, trace } = recording;
    expect(columns.length).toBe(trace.length);
    for (let index = 0; index < trace.length; index += 7) {
      const event = trace.event(index);
      expect(columns.kind(index)).toBe(TraceKind[event.kind]);
      expect(columns.timeUs(index)).toBe(event.timeUs);
      expect(recording.trace.endpoints[columns.node(index)]).toBe(event.node);
    }
  });

  it("dates each node's summary at the event whose handler changed it", async () => {
    const recording = await recordingOf(LEADER_FAULTS, 3);
    const { columns, trace } = recording;
    let elections = 0;
    for (let index = 0; index < trace.length; index++) {
      if (columns.kind(index) !== TraceKind.log) continue;
      const match = /^leader in term (\d+)$/.exec(trace.event(index).text ?? "");
      if (match === null) continue;
      elections++;
      const node = columns.node(index);
      const term = Number(match[1]);
      // The log line is written by the handler of the vote's delivery, just before it.
      let delivery = index - 1;
      while (columns.kind(delivery) !== TraceKind.deliver) delivery--;
      expect(columns.peer(delivery)).toBe(node);
      expect(recording.summaries.at(node, delivery)).toMatchObject({ role: "leader", term });
      const before = recording.summaries.at(node, delivery - 1);
      expect(before).not.toMatchObject({ role: "leader", term });
    }
    expect(elections).toBeGreaterThan(1);
  });

  it("samples the same summaries as inspect() at the end of the run", async () => {
    const scenario = await scenarioAt(LEADER_FAULTS);
    let sim: Simulation | undefined;
    let recorder: StateRecorder | undefined;
    await runScenario(scenario, 3, {
      trace: "full",
      onSimulation: (created) => {
        sim = created;
        recorder = new StateRecorder(created);
      },
    });
    const { summaries, columns } = recorder!.finish();
    sim!.nodeIds.forEach((node, index) => {
      expect(summaries.at(index, columns.length - 1)).toEqual(sim!.inspect(node));
    });
  });

  it("records crashes, pauses, partitions and clock jumps as the cluster's state", async () => {
    const recording = await recordingOf(LEADER_FAULTS, 3);
    const { columns, cluster } = recording;
    const firstOf = (kind: number) => {
      for (let index = 0; index < columns.length; index++)
        if (columns.kind(index) === kind) return index;
      throw new Error(`no event of kind ${kind}`);
    };
    const crash = firstOf(TraceKind.crash);
    expect(cluster.at(crash).statuses[columns.node(crash)]).toBe("crashed");
    expect(cluster.at(crash - 1).statuses[columns.node(crash)]).toBe("up");
    expect(recording.summaries.at(columns.node(crash), crash)).toBeUndefined();
    const pause = firstOf(TraceKind.pause);
    expect(cluster.at(pause).statuses[columns.node(pause)]).toBe("paused");
    const partition = firstOf(TraceKind.network);
    expect(cluster.at(partition).partition.partitioned).toBe(true);
    expect(new Set(cluster.at(partition).partition.groups).size).toBe(2);
    expect(cluster.at(partition - 1).partition.partitioned).toBe(false);
    const clock = firstOf(TraceKind.clock);
    expect(cluster.at(clock).clocks[columns.node(clock)]!.offsetUs).toBe(-80_000);
  });

  it("keeps the checker's explanation of a linearizability violation", async () => {
    const recording = await recordingOf(STALE_REPLICAS, 2);
    expect(recording.linearizability?.verdict).toBe("violation");
    expect(recording.result.failure?.reason).toBe("linearizability");
  });
});
