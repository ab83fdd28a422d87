/**
 * A Maelstrom node program as a faultline system: the adapter from the Maelstrom node API
 * onto the simulator's NodeContext. Each node gets `init` (its id and every node id) when
 * it starts, and again after every restart, as a freshly started process would. Messages
 * between nodes travel the simulated network as their bodies; a client request arrives
 * as a message from the client (`c1`, `c2`, ...) and the node's reply to it goes back to
 * the client. Services (`lin-kv`, `seq-kv`, `lww-kv`, `lin-tso`) are reached by name: a
 * request to one travels the network as a message from the node to itself, is handled by
 * the run's one instance of the service when it arrives, and the reply travels back the
 * same way, so it takes network latency both ways and is lost with its node's crash.
 *
 * Anything a real Maelstrom harness would reject is a finding against the node (it fails
 * the run with the node's name and the seed): a malformed message, a message to an
 * unknown destination, a second answer to one client request, no `init_ok`.
 */
import { z } from "zod";
import type { ClientRequest, NodeContext, NodeFactory, NodeId } from "../../sim/node-api.js";
import type { RandomStream } from "../../sim/random.js";
import { defineSystem, type SystemDefinition } from "../../systems/definition.js";
import { messageProblem } from "../codec.js";
import type { MaelstromHandler, MaelstromProgram, MaelstromRuntime } from "../program.js";
import {
  isServiceName,
  type MaelstromBody,
  type MaelstromMessage,
  type ServiceName,
} from "../protocol.js";
import { createServices, type MaelstromService } from "../services/index.js";

/** The client name `init` and the setup messages come from (workload clients are c1, c2, ...). */
export const INIT_CLIENT = "c0";

/** The `msg_id` of `init` (setup messages from the same client have higher ones). */
const INIT_MSG_ID = 0;

/** The key marking a service request or reply travelling from a node to itself. */
const SERVICE_FIELD = "faultline-service";

interface ServiceEnvelope {
  readonly [SERVICE_FIELD]: ServiceName;
  readonly reply: boolean;
  readonly body: MaelstromBody;
}

function isEnvelope(body: unknown): body is ServiceEnvelope {
  return typeof body === "object" && body !== null && SERVICE_FIELD in body;
}

/** What a handler returns: nothing, or a promise the simulator settles before its next event. */
type Async = undefined | Promise<void>;

/** Node ids in natural order (n2 before n10), as every node gets them in `init`. */
function naturalOrder(ids: readonly NodeId[]): NodeId[] {
  const number = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? -1);
  return [...ids].sort((a, b) => number(a) - number(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The services of one run, drawing randomness from the node that calls them. */
class RunServices {
  #caller: RandomStream | undefined;
  readonly #services: Map<ServiceName, MaelstromService>;

  constructor() {
    this.#services = createServices({
      next: () => {
        if (this.#caller === undefined) throw new Error("a service drew randomness outside a call");
        return this.#caller.next();
      },
    });
  }

  handle(name: ServiceName, ctx: NodeContext, body: MaelstromBody): MaelstromBody[] {
    this.#caller = ctx.rng;
    try {
      return this.#services.get(name)!.handle(ctx.id, body, ctx.nowUs());
    } finally {
      this.#caller = undefined;
    }
  }
}

/** One life of one node: the program's handler, and the client requests it has not answered. */
class MaelstromNodeLife {
  readonly #ctx: NodeContext;
  readonly #nodeIds: readonly NodeId[];
  readonly #services: RunServices;
  readonly #pending = new Map<string, ClientRequest>();
  readonly #answered = new Set<string>();
  readonly #handler: MaelstromHandler;
  initialized = false;

  constructor(program: MaelstromProgram, ctx: NodeContext, services: RunServices) {
    this.#ctx = ctx;
    this.#services = services;
    this.#nodeIds = naturalOrder([ctx.id, ...ctx.peers]);
    const runtime: MaelstromRuntime = {
      send: (message) => this.#route(message),
      setTimer: (delayMs, callback) => ctx.setTimer(delayMs, callback),
      cancelTimer: (timer) => ctx.cancelTimer(timer),
      nowMs: () => ctx.now(),
      random: () => ctx.random(),
      log: (text) => ctx.log(text),
    };
    this.#handler = program(runtime);
  }

  start(): Async {
    const body = {
      type: "init",
      msg_id: INIT_MSG_ID,
      node_id: this.#ctx.id,
      node_ids: this.#nodeIds,
    };
    return this.#deliver(INIT_CLIENT, body);
  }

  fromNode(from: NodeId, body: unknown): Async {
    if (!isEnvelope(body)) return this.#deliver(from, body as MaelstromBody);
    const service = body[SERVICE_FIELD];
    if (body.reply) return this.#deliver(service, body.body);
    for (const reply of this.#services.handle(service, this.#ctx, body.body)) {
      this.#ctx.send(this.#ctx.id, { [SERVICE_FIELD]: service, reply: true, body: reply });
    }
  }

  fromClient(request: ClientRequest): Async {
    const body = request.op as MaelstromBody;
    this.#pending.set(`${request.client}#${String(body.msg_id)}`, request);
    return this.#deliver(request.client, body);
  }

  get pendingClients(): number {
    return this.#pending.size;
  }

  #deliver(src: string, body: MaelstromBody): Async {
    return this.#handler.handle({ src, dest: this.#ctx.id, body }) as Async;
  }

  #route(message: MaelstromMessage): void {
    const id = this.#ctx.id;
    const problem = messageProblem(message);
    if (problem !== undefined) {
      this.#finding(`sent a malformed message: ${problem}`);
      return;
    }
    if (message.src !== id) {
      this.#finding(
        `sent a message with src ${JSON.stringify(message.src)}; it must be its own id`,
      );
      return;
    }
    const { dest, body } = message;
    if (this.#nodeIds.includes(dest)) this.#ctx.send(dest, body);
    else if (isServiceName(dest)) this.#ctx.send(id, { [SERVICE_FIELD]: dest, reply: false, body });
    else if (dest === INIT_CLIENT && body.in_reply_to === INIT_MSG_ID) this.#initReply(body);
    else this.#answerClient(dest, body);
  }

  /**
   * Fails the run with a finding against this node. Thrown from a timer of its own, so that
   * the node's code (which called `send`) cannot catch it.
   */
  #finding(problem: string): void {
    const error = new Error(`node ${this.#ctx.id} ${problem}`);
    this.#ctx.setTimer(0, () => {
      throw error;
    });
  }

  #initReply(body: MaelstromBody): void {
    if (this.initialized) {
      this.#finding("answered init twice");
      return;
    }
    if (body.type !== "init_ok") {
      this.#finding(`answered init with ${JSON.stringify(body).slice(0, 200)}; expected init_ok`);
      return;
    }
    this.initialized = true;
  }

  #answerClient(client: string, body: MaelstromBody): void {
    const key = `${client}#${String(body.in_reply_to)}`;
    const request = this.#pending.get(key);
    if (request === undefined) {
      const problem = this.#answered.has(key)
        ? `answered ${client}'s request ${String(body.in_reply_to)} twice`
        : `sent ${JSON.stringify(body).slice(0, 120)} to ${JSON.stringify(client)}, which is neither a node, a service nor a client waiting for an answer (in_reply_to ${String(body.in_reply_to)})`;
      this.#finding(problem);
      return;
    }
    this.#pending.delete(key);
    this.#answered.add(key);
    this.#ctx.respond(request, body);
  }
}

/** The node factory for `program`: one set of services per run (per call). */
export function maelstromNodeFactory(program: MaelstromProgram): NodeFactory {
  const services = new RunServices();
  return ({ ctx }) => {
    const life = new MaelstromNodeLife(program, ctx, services);
    const started = life.start();
    if (started instanceof Promise) started.catch(() => undefined);
    return {
      onMessage: (message) => life.fromNode(message.from, message.body),
      onClientRequest: (request) => life.fromClient(request),
      inspect: () => ({
        role: "maelstrom-node",
        initialized: life.initialized,
        pendingClients: life.pendingClients,
      }),
    };
  };
}

/**
 * A faultline system running a Maelstrom node program in the simulation.
 *
 * @example
 * ```ts
 * import program from "./examples/maelstrom/js/broadcast.mjs";
 * const system = maelstromSystem(program, "broadcast.mjs");
 * ```
 */
export function maelstromSystem(
  program: MaelstromProgram,
  label: string,
): SystemDefinition<Record<string, never>> {
  return defineSystem({
    name: "maelstrom",
    summary: `Maelstrom node program ${label}`,
    options: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    workload: "none",
    build: () => maelstromNodeFactory(program),
  });
}
