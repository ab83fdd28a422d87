/**
 * The view change of `kv-primary-backup`, run by the node that wants to become primary.
 * It is Viewstamped Replication's view change with the whole state in the messages:
 *
 * 1. The proposer picks the next epoch designated to it (see `successor-order.ts`),
 *    promises it itself, and asks every peer to promise it too. A promise carries the
 *    replica's state; a replica that promised a higher epoch refuses.
 * 2. With promises from a majority (itself included), it takes the freshest state among
 *    them (latest view, then most operations) and sends it, with the list of promisers as
 *    the new view's members, to every member. The view is active once all of them took it.
 *
 * Why no acknowledged operation is lost: the primary acknowledges an operation only after
 * every member of its view applied it, and a view's members are a majority. A later view
 * change hears from a majority, so from at least one of those members, and that member
 * stops accepting the old view's operations the moment it promises. Every operation the old
 * view acknowledged is therefore in the freshest state the proposer sees; and a view that
 * hears a later view's state starts from it (by induction on epochs).
 *
 * Assumptions: a node's disk keeps what it synced (no disk loss); a majority of the nodes
 * is up and connected for a view to form; messages may be lost, duplicated or reordered.
 */
import type { CallResult, NodeContext, NodeId } from "../../../sim/node-api.js";
import { callWithRetries, type RetryOptions } from "./call-with-retries.js";
import type {
  PrepareMessage,
  PromiseMessage,
  ReplicaState,
  StartViewMessage,
} from "./primary-backup-messages.js";
import { isFresher, type ReplicaCore, type View } from "./replica-core.js";
import { nextEpochOf } from "./successor-order.js";

/** How a view change ended. */
export type ViewChangeOutcome =
  | { readonly type: "started"; readonly view: View }
  | { readonly type: "no-majority"; readonly epoch: number; readonly promises: number }
  | { readonly type: "incomplete"; readonly epoch: number; readonly missing: readonly NodeId[] }
  | { readonly type: "superseded"; readonly epoch: number; readonly promised: number };

/** What the view change needs from its node. */
export interface ViewChangeContext {
  readonly ctx: NodeContext;
  readonly core: ReplicaCore;
  /** Every node, in the cluster's natural order. */
  readonly order: readonly NodeId[];
  /** How long phase 1 waits for promises, in ms. */
  readonly promiseTimeoutMs: number;
  /** How phase 2 retries a start-view that is not acknowledged. */
  readonly startRetry: RetryOptions;
}

/** Runs one view change; on "started", `core.view` is the new, active view. */
export async function runViewChange(change: ViewChangeContext): Promise<ViewChangeOutcome> {
  const { ctx, core, order } = change;
  const epoch = nextEpochOf(order, ctx.id, core.promised);
  core.promise(epoch);
  const prepare: PrepareMessage = { type: "prepare", epoch };
  const answers = await Promise.all(
    ctx.peers.map((peer) => ctx.call(peer, prepare, { timeoutMs: change.promiseTimeoutMs })),
  );
  if (core.promised !== epoch) return { type: "superseded", epoch, promised: core.promised };
  const promises = collectPromises(ctx.peers, answers, epoch);
  promises.set(ctx.id, core.state());
  if (promises.size <= order.length / 2) {
    return { type: "no-majority", epoch, promises: promises.size };
  }
  const members = order.filter((node) => promises.has(node));
  const view: View = { epoch, primary: ctx.id, members };
  const chosen = freshest([...promises.values()]);
  core.startView(view, chosen);
  return startMembers(change, view, chosen);
}

/** Phase 2: every member other than the proposer must take the new view's state. */
async function startMembers(
  change: ViewChangeContext,
  view: View,
  state: ReplicaState,
): Promise<ViewChangeOutcome> {
  const { ctx, core } = change;
  const others = view.members.filter((member) => member !== ctx.id);
  const start: StartViewMessage = {
    type: "start-view",
    epoch: view.epoch,
    members: view.members,
    state,
  };
  const acks = await Promise.all(
    others.map((member) => callWithRetries(ctx, member, start, change.startRetry)),
  );
  if (core.promised !== view.epoch) {
    return { type: "superseded", epoch: view.epoch, promised: core.promised };
  }
  const missing = others.filter((_, i) => !isAck(acks[i]!, view.epoch));
  if (missing.length > 0) {
    core.view = undefined;
    return { type: "incomplete", epoch: view.epoch, missing };
  }
  return { type: "started", view };
}

function collectPromises(
  peers: readonly NodeId[],
  answers: readonly CallResult[],
  epoch: number,
): Map<NodeId, ReplicaState> {
  const promises = new Map<NodeId, ReplicaState>();
  answers.forEach((answer, i) => {
    if (!answer.ok) return;
    const body = answer.body as Partial<PromiseMessage> | null;
    if (body?.type !== "promise" || body.epoch !== epoch || body.snapshot === undefined) return;
    const { stateEpoch, opCount, snapshot } = body as PromiseMessage;
    promises.set(peers[i]!, { stateEpoch, opCount, snapshot });
  });
  return promises;
}

function freshest(states: readonly ReplicaState[]): ReplicaState {
  let best = states[0]!;
  for (const state of states) if (isFresher(state, best)) best = state;
  return best;
}

function isAck(answer: CallResult, epoch: number): boolean {
  if (!answer.ok) return false;
  const body = answer.body as { type?: unknown; epoch?: unknown } | null;
  return body?.type === "start-view-ack" && body.epoch === epoch;
}
