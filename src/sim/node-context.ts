/**
 * The node context: the object a node's code gets as `ctx`, through which it does
 * everything it does (see `node-api.ts`). One context belongs to one life of its node:
 * once that life ends (a crash), every call on it is ignored. Sends are on the kernel's
 * hot path, so the context keeps what they need in closures.
 */
import { assert } from "./assert.js";
import type { ClientGateway } from "./client-gateway.js";
import { digestInt32 as importedDigestInt32 } from "./digest.js";
import type { CallResult, NodeContext, NodeId } from "./node-api.js";
import type { NodeSlot } from "./node-slot.js";
import type { NodeTimers } from "./node-timers.js";
import type { SimCore } from "./sim-core.js";
import { TraceKind } from "./trace.js";

// A local copy of an imported function, for the hot path (see sim-core.ts).
const digestInt32 = importedDigestInt32;

/** Clusters up to this size find a destination by scanning node names rather than hashing. */
const SCAN_LIMIT = 8;

/** The parts of a simulation a context calls into. */
export interface ContextParts {
  readonly core: SimCore;
  readonly timers: NodeTimers;
  readonly clients: ClientGateway;
}

/** The index of node `to`, or undefined: a scan of a few names beats hashing. */
function indexOf(core: SimCore, to: NodeId, scan: boolean): number | undefined {
  if (!scan) return core.indexes.get(to);
  const nodeIds = core.nodeIds;
  for (let index = 0; index < nodeIds.length; index++) {
    if (nodeIds[index] === to) return index;
  }
  return undefined;
}

/** Builds the context of `slot`'s current life. */
export function makeNodeContext(
  { core, timers, clients }: ContextParts,
  slot: NodeSlot,
): NodeContext {
  const life = slot.life;
  const alive = () => life.alive;
  const touch = () => {
    core.activity++;
    return alive();
  };
  const scan = core.nodeIds.length <= SCAN_LIMIT;
  const sendMessage = (to: NodeId, body: unknown, callId: number, isReply: boolean) => {
    const target = indexOf(core, to, scan);
    if (target === undefined) throw new RangeError(`node ${slot.id} sent to unknown node "${to}"`);
    if (!touch()) return;
    const event = core.state.pool.message(target);
    event.source = slot.index;
    event.id = ++core.sequence;
    event.callId = callId;
    event.isReply = isReply;
    event.body = body;
    event.digest = digestInt32(body);
    core.network.transmit(event);
  };
  const setTimer = (delayMs: number, callback: () => void) =>
    touch() ? timers.set(slot, delayMs, callback) : 0;
  const wake = () => {
    core.asyncTouched = true;
  };
  return {
    id: slot.id,
    peers: core.nodeIds.filter((id) => id !== slot.id),
    rng: slot.random,
    disk: slot.disk,
    now: () => slot.clock.localAt(core.state.nowUs) / 1000,
    nowUs: () => slot.clock.localAt(core.state.nowUs),
    monotonicNow: () => slot.clock.monotonicAt(core.state.nowUs) / 1000,
    monotonicNowUs: () => slot.clock.monotonicAt(core.state.nowUs),
    random: () => slot.random.next(),
    send: (to, body) => sendMessage(to, body, 0, false),
    reply: (message, body) => {
      assert(message.callId !== undefined, "reply() to a message that was not sent with call()");
      sendMessage(message.from, body, message.callId, true);
    },
    call: (to, body, options) =>
      new Promise<CallResult>((resolve) => {
        assert(options.timeoutMs >= 0, `call() needs timeoutMs >= 0, got ${options.timeoutMs}`);
        const callId = ++core.sequence;
        const timerId = setTimer(options.timeoutMs, () => {
          slot.calls.delete(callId);
          wake();
          resolve({ ok: false, reason: "timeout" });
        });
        if (alive()) slot.calls.set(callId, { resolve, timerId });
        sendMessage(to, body, callId, false);
      }),
    sleep: (delayMs) =>
      new Promise<void>((resolve) => {
        setTimer(delayMs, () => {
          wake();
          resolve();
        });
      }),
    setTimer,
    cancelTimer: (timer) => {
      if (touch()) timers.cancel(slot, timer);
    },
    respond: (request, result) => {
      if (touch()) clients.respond(slot, request, result);
    },
    report: (fact) => {
      if (touch()) clients.report(slot, fact);
    },
    log: (message) => {
      if (touch())
        core.trace.recordText(TraceKind.log, core.state.nowUs, slot.index, -1, String(message));
    },
  };
}
