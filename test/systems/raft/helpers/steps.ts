/**
 * Small steps for scripted Raft tests: run the simulation for a while or until something
 * holds, find the leader, and send one raw client request and keep its answer.
 */
import {
  type ClientResult,
  type KvOp,
  runUntil as runUntilCondition,
  type Simulation,
} from "../../../../src/index.js";

export { runFor } from "../../../../src/index.js";

import type { KvRequest } from "./kv-client.js";

/** Runs the simulation in small steps until `condition` holds; false when `limitUs` passes first. */
export function runUntil(
  sim: Simulation,
  condition: () => boolean,
  limitUs = 5_000_000,
): Promise<boolean> {
  return runUntilCondition(sim, condition, { limitUs });
}

/** The node among `nodes` (default all) that is leader of the highest term, if any. */
export function leaderAmong(
  sim: Simulation,
  nodes: readonly string[] = sim.nodeIds,
): string | undefined {
  let best: { node: string; term: number } | undefined;
  for (const node of nodes) {
    const summary = sim.inspect(node);
    if (summary?.role !== "leader") continue;
    const term = summary.term as number;
    if (best === undefined || term > best.term) best = { node, term };
  }
  return best?.node;
}

/**
 * Runs until some node among `nodes` is leader of a term above `aboveTerm`; returns it
 * (throws if none in `limitUs`).
 */
export async function awaitLeader(
  sim: Simulation,
  nodes: readonly string[] = sim.nodeIds,
  limitUs = 5_000_000,
  aboveTerm = 0,
): Promise<string> {
  const found = () => {
    const leader = leaderAmong(sim, nodes);
    return leader !== undefined && (sim.inspect(leader)!.term as number) > aboveTerm
      ? leader
      : undefined;
  };
  await runUntil(sim, () => found() !== undefined, limitUs);
  const leader = found();
  if (leader === undefined) throw new Error(`no leader among ${nodes.join(",")} by ${sim.nowUs}us`);
  return leader;
}

/** A raw request's answer, filled in when it arrives. */
export interface Answer {
  result: ClientResult | undefined;
}

let nextSeq = 1_000_000;

/** Sends one operation to one node (no redirects, no retries); the answer lands in the box. */
export function ask(
  sim: Simulation,
  client: string,
  node: string,
  op: KvRequest,
  seq?: number,
): Answer {
  const answer: Answer = { result: undefined };
  const full = { ...op, seq: seq ?? nextSeq++ } as KvOp;
  sim.request(client, node, full, (result) => {
    answer.result = result as ClientResult;
  });
  return answer;
}

/** Sends one operation and runs until it is answered (or `limitUs` passes). */
export async function askAndWait(
  sim: Simulation,
  client: string,
  node: string,
  op: KvRequest,
  limitUs = 2_000_000,
): Promise<ClientResult | undefined> {
  const answer = ask(sim, client, node, op);
  await runUntil(sim, () => answer.result !== undefined, limitUs);
  return answer.result;
}
