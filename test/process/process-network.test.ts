/**
 * The harness's network, with endpoints in memory: latency orders delivery, partitions cut
 * only links between nodes, loss and duplication touch only messages between nodes, a
 * crashed receiver's messages are dropped, and everything is recorded with the reason.
 */
import { describe, expect, it } from "vitest";
import type { InFlight } from "../../src/process/delivery-queue.js";
import type { LatencySetting } from "../../src/process/latency.js";
import { ProcessNetwork } from "../../src/process/process-network.js";
import { ProcessRecorder } from "../../src/process/process-recorder.js";
import { RandomStreams } from "../../src/sim/random.js";

function network(latency: LatencySetting = { meanMs: 0, distribution: "constant" }) {
  const recorder = new ProcessRecorder({ maxMessages: 100_000, maxStderrEvents: 10 });
  const net = new ProcessNetwork({
    latency,
    random: new RandomStreams(1).stream("network"),
    recorder,
    maxInFlight: 100_000,
    overflow: () => {},
  });
  const received = new Map<string, InFlight[]>();
  const down = new Set<string>();
  for (const id of ["n1", "n2", "n3", "c1"]) {
    received.set(id, []);
    net.register(id, {
      isNode: id.startsWith("n"),
      unavailable: () => (down.has(id) ? "crashed" : undefined),
      deliver: (item) => received.get(id)!.push(item),
    });
  }
  const send = (from: string, to: string, n: number) => {
    const message = { src: from, dest: to, body: { type: "m", n } };
    net.send(from, to, message, JSON.stringify(message));
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
  return { net, recorder, received, down, send, settle };
}

describe("ProcessNetwork", () => {
  it("delivers in due order under exponential latency, all of it", async () => {
    const { received, send, settle, recorder } = network({
      meanMs: 5,
      distribution: "exponential",
    });
    for (let n = 0; n < 50; n++) send("n1", "n2", n);
    await settle();
    const got = received.get("n2")!;
    expect(
      got.map((item) => (item.message as { body: { n: number } }).body.n).sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 50 }, (_, n) => n));
    for (let index = 1; index < got.length; index++) {
      expect(got[index]!.dueMs).toBeGreaterThanOrEqual(got[index - 1]!.dueMs);
    }
    const recording = recorder.finish({
      name: "t",
      seed: 1,
      nodes: [],
      clients: [],
      verdict: { valid: true },
    });
    expect(recording.messages.every((message) => message.deliveredUs !== undefined)).toBe(true);
  });

  it("a partition cuts node links only; clients still reach every node", async () => {
    const { net, received, send, settle, recorder } = network();
    net.cut([
      ["n1", "n2"],
      ["n2", "n1"],
    ]);
    send("n1", "n2", 1);
    send("n1", "n3", 2);
    send("c1", "n2", 3);
    await settle();
    expect(received.get("n2")!.map((item) => item.from)).toEqual(["c1"]);
    expect(received.get("n3")).toHaveLength(1);
    net.healPartitions();
    send("n1", "n2", 4);
    await settle();
    expect(received.get("n2")).toHaveLength(2);
    const recording = recorder.finish({
      name: "t",
      seed: 1,
      nodes: [],
      clients: [],
      verdict: { valid: true },
    });
    expect(recording.messages[0]).toMatchObject({ from: "n1", to: "n2", dropped: "partition" });
  });

  it("loss and duplication touch messages between nodes, not client messages", async () => {
    const { net, received, send, settle } = network();
    net.setLoss(1);
    send("n1", "n2", 1);
    send("c1", "n2", 2);
    await settle();
    expect(received.get("n2")!.map((item) => item.from)).toEqual(["c1"]);
    net.setLoss(0);
    net.setDuplication(1);
    send("n1", "n3", 3);
    send("c1", "n3", 4);
    await settle();
    expect(received.get("n3")!.map((item) => item.from)).toEqual(["n1", "n1", "c1"]);
  });

  it("drops messages to a crashed node, saying so", async () => {
    const { received, down, send, settle, recorder } = network();
    down.add("n3");
    send("n1", "n3", 1);
    await settle();
    expect(received.get("n3")).toHaveLength(0);
    const recording = recorder.finish({
      name: "t",
      seed: 1,
      nodes: [],
      clients: [],
      verdict: { valid: true },
    });
    expect(recording.messages[0]?.dropped).toBe("crashed");
  });
});
