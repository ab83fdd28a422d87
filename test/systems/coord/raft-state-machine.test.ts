/**
 * The reference Raft with a plugged-in state machine (the coordination service is one; a
 * counter here): the node serves only the operations the machine classifies, appends
 * writes once per client seq, answers reads from applied state, starts and stops the
 * machine's leader duties with leadership, and serves clients that are nodes (messages
 * sent with `ctx.call`) like workload clients.
 */
import { describe, expect, it } from "vitest";
import {
  type ClientResult,
  type Command,
  isolatePlan,
  type LeaderDriver,
  type NodeFactory,
  type OperationKind,
  raftNodeFactory,
  resolveRaftOptions,
  Simulation,
  type StateMachine,
} from "../../../src/index.js";
import { runFor, runUntil } from "./helpers.js";

/** A counter: `add` (a write) and `total` (a read); its leader duty counts its starts. */
class Counter implements StateMachine {
  total = 0;
  readonly applied = new Map<string, { seq: number; result: ClientResult }>();
  readonly duties = { starts: 0, stops: 0, arrivals: 0 };
  readonly leaderDuties = {
    start: (_driver: LeaderDriver) => {
      this.duties.starts++;
    },
    stop: () => {
      this.duties.stops++;
    },
    arrived: () => {
      this.duties.arrivals++;
    },
  };

  classify(op: unknown): OperationKind | undefined {
    const f = (op as { f?: unknown }).f;
    return f === "add" ? "write" : f === "total" ? "read" : undefined;
  }
  apply(command: Command): ClientResult {
    if (command.type !== "op") return { type: "ok" };
    const op = command.op as { n: number; seq: number };
    const stored = this.sessionAnswer(command.client, op.seq);
    if (stored !== undefined) return stored;
    this.total += op.n;
    const result: ClientResult = { type: "ok", value: this.total };
    this.applied.set(command.client, { seq: op.seq, result });
    return result;
  }
  query(): ClientResult {
    return { type: "ok", value: this.total };
  }
  sessionAnswer(client: string, seq: number): ClientResult | undefined {
    const last = this.applied.get(client);
    return last !== undefined && last.seq === seq ? last.result : undefined;
  }
}

function counterCluster(nodeClient: boolean) {
  const machines = new Map<string, Counter>();
  const servers = raftNodeFactory(resolveRaftOptions({}), (ctx) => {
    const machine = new Counter();
    machines.set(ctx.id, machine);
    return machine;
  });
  const answers: unknown[] = [];
  // n4 is a client node: half a second in, it sends `add` to n1, n2, n3 in turn as messages
  // until one that leads answers.
  const factory: NodeFactory = (init) => {
    if (init.id !== "n4") {
      return servers({ ...init, peers: ["n1", "n2", "n3"].filter((id) => id !== init.id) });
    }
    const { ctx } = init;
    const send = async () => {
      for (const server of ["n1", "n2", "n3"]) {
        const message = {
          type: "client-request",
          client: "node-client",
          op: { f: "add", n: 5, seq: 1 },
        };
        const reply = await ctx.call(server, message, { timeoutMs: 100 });
        answers.push(reply.ok ? reply.body : "timeout");
        if (reply.ok && (reply.body as ClientResult).type === "ok") return;
      }
    };
    if (nodeClient) ctx.setTimer(500, send);
    return {};
  };
  const sim = new Simulation({ seed: 4, nodes: 4, system: factory });
  const leader = () => ["n1", "n2", "n3"].find((node) => sim.inspect(node)?.role === "leader");
  return { sim, machines, answers, leader };
}

function ask(sim: Simulation, node: string, op: object): { result?: unknown } {
  const box: { result?: unknown } = {};
  sim.request("c1", node, op, (result) => {
    box.result = result;
  });
  return box;
}

describe("raft with a plugged-in state machine", () => {
  it("serves the machine's operations, once per seq, and refuses others", async () => {
    const { sim, machines, leader } = counterCluster(false);
    await runUntil(sim, () => leader() !== undefined);
    const node = leader()!;
    const first = ask(sim, node, { f: "add", n: 2, seq: 1 });
    const retry = ask(sim, node, { f: "add", n: 2, seq: 1 });
    const other = ask(sim, node, { f: "read", key: "x", seq: 2 });
    await runFor(sim, 200_000);
    const total = ask(sim, node, { f: "total", seq: 3 });
    await runFor(sim, 200_000);
    expect([first.result, retry.result, total.result]).toEqual([
      { type: "ok", value: 2 },
      { type: "ok", value: 2 },
      { type: "ok", value: 2 },
    ]);
    expect(other.result).toEqual({ type: "fail", error: "unsupported operation" });
    for (const machine of machines.values()) expect(machine.total).toBe(2);
    expect(machines.get(node)!.duties).toMatchObject({ starts: 1, stops: 0 });
  });

  it("answers a node's operation sent as a message, and stops the duties of a deposed leader", async () => {
    const { sim, machines, answers, leader } = counterCluster(true);
    await runFor(sim, 1_000_000);
    const old = leader()!;
    expect(answers.at(-1)).toEqual({ type: "ok", value: 5 });
    expect(
      answers.slice(0, -1).every((answer) => (answer as ClientResult).type === "redirect"),
    ).toBe(true);
    for (const [node, machine] of machines) expect(machine.total, node).toBe(5);
    sim.network.apply(isolatePlan(sim.nodeIds, old));
    await runUntil(sim, () => leader() !== undefined && leader() !== old);
    sim.network.heal();
    await runUntil(sim, () => sim.inspect(old)?.role === "follower");
    expect(machines.get(old)!.duties).toMatchObject({ starts: 1, stops: 1 });
  });
});
