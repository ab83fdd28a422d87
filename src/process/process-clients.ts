/**
 * The clients of a process run: `concurrency` clients, each bound to one node (client i
 * talks to node i mod n, as Jepsen binds them), each with one operation outstanding at a
 * time. Operations start at `--rate` across all clients, each after a delay drawn
 * uniformly from zero to twice 1/rate (Jepsen's stagger), from the seeded workload stream.
 * An answer ends the operation as the workload says; no answer within the request timeout
 * ends it `info` (or `fail` for an idempotent one), and the client then continues as a new
 * history process, as Jepsen's do after an indefinite result.
 *
 * Answers are checked against the protocol: a second answer to one request, or an answer
 * to a request never sent, is a finding about the node that wrote it.
 */
import type { RandomStream } from "../sim/random.js";
import type { ClientInvocation, ClientWorkload, RequestBody } from "./client-workload.js";
import type { InFlight } from "./delivery-queue.js";
import type { WireMessage } from "./message-shape.js";
import type { NodeFinding } from "./node-finding.js";
import { quoteLine } from "./node-finding.js";
import type { ProcessNetwork } from "./process-network.js";
import type { ProcessRecorder } from "./process-recorder.js";

/** Settings of the client pool. */
export interface ProcessClientsOptions {
  readonly workload: ClientWorkload;
  readonly nodeIds: readonly string[];
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly requestTimeoutMs: number;
  readonly random: RandomStream;
  readonly network: ProcessNetwork;
  readonly recorder: ProcessRecorder;
  readonly nextClientId: () => string;
  readonly stderrTail: (node: string) => readonly string[];
  readonly onFinding: (finding: NodeFinding) => void;
}

interface Outstanding {
  readonly resolve: (reply: WireMessage | undefined) => void;
  readonly timer: NodeJS.Timeout;
}

/** One client: a Maelstrom client id bound to one node. */
class Client {
  readonly id: string;
  readonly node: string;
  process: number;
  busy = false;
  #nextMsgId = 0;
  readonly #outstanding = new Map<number, Outstanding>();
  /** Requests answered or given up on, so a late or second answer can be told apart. */
  readonly #answered = new Set<number>();
  readonly #timedOut = new Set<number>();
  readonly #pool: ProcessClients;

  constructor(id: string, node: string, process: number, pool: ProcessClients) {
    this.id = id;
    this.node = node;
    this.process = process;
    this.#pool = pool;
  }

  /** Sends `body` to the node; resolves to the answer, or `undefined` on timeout. */
  request(body: RequestBody, timeoutMs: number): Promise<WireMessage | undefined> {
    const msgId = ++this.#nextMsgId;
    const message = { src: this.id, dest: this.node, body: { ...body, msg_id: msgId } };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#outstanding.delete(msgId);
        this.#timedOut.add(msgId);
        resolve(undefined);
      }, timeoutMs);
      this.#outstanding.set(msgId, { resolve, timer });
      this.#pool.network.send(this.id, this.node, message, JSON.stringify(message));
    });
  }

  /** Handles a message delivered to this client. */
  deliver(item: InFlight): void {
    const message = item.message as WireMessage;
    const inReplyTo = message.body.in_reply_to;
    const waiting = inReplyTo === undefined ? undefined : this.#outstanding.get(inReplyTo);
    if (inReplyTo !== undefined && waiting !== undefined) {
      clearTimeout(waiting.timer);
      this.#outstanding.delete(inReplyTo);
      this.#answered.add(inReplyTo);
      waiting.resolve(message);
      return;
    }
    if (inReplyTo !== undefined && this.#timedOut.has(inReplyTo)) {
      this.#timedOut.delete(inReplyTo);
      this.#answered.add(inReplyTo);
      return;
    }
    const twice = inReplyTo !== undefined && this.#answered.has(inReplyTo);
    this.#pool.finding(message.src, item.line, twice, inReplyTo);
  }
}

/** The pool of clients of one run. */
export class ProcessClients {
  readonly network: ProcessNetwork;
  readonly #options: ProcessClientsOptions;
  readonly #clients: Client[] = [];
  readonly #running = new Set<Promise<void>>();
  #freeWaiters: (() => void)[] = [];
  #stopped = false;

  constructor(options: ProcessClientsOptions) {
    this.#options = options;
    this.network = options.network;
    for (let index = 0; index < options.concurrency; index++) {
      const node = options.nodeIds[index % options.nodeIds.length]!;
      const client = new Client(options.nextClientId(), node, index, this);
      this.#clients.push(client);
      options.network.register(client.id, {
        isNode: false,
        unavailable: () => undefined,
        deliver: (item) => client.deliver(item),
      });
    }
  }

  /** The client ids, in order. */
  get clientIds(): string[] {
    return this.#clients.map((client) => client.id);
  }

  /**
   * Sends the workload's setup requests to every node (through a client bound to it, or a
   * spare one) and waits for their answers; returns the nodes that did not answer.
   */
  async setup(): Promise<string[]> {
    const unanswered: string[] = [];
    await Promise.all(
      this.#options.nodeIds.map(async (node) => {
        const requests = this.#options.workload.setupRequests(node);
        if (requests.length === 0) return;
        const client = new Client(this.#options.nextClientId(), node, -1, this);
        this.network.register(client.id, {
          isNode: false,
          unavailable: () => undefined,
          deliver: (item) => client.deliver(item),
        });
        for (const body of requests) {
          const reply = await client.request(body, this.#options.requestTimeoutMs);
          if (reply === undefined) unanswered.push(node);
        }
      }),
    );
    return unanswered;
  }

  /**
   * Runs the main phase until `endMs` (on the recorder's clock) or until `stop()`; then
   * waits for the operations in flight to end.
   */
  async runMain(endMs: number): Promise<void> {
    const { ratePerSecond, random, recorder, workload } = this.#options;
    if (ratePerSecond > 0) {
      const meanGapMs = 1000 / ratePerSecond;
      let nextStartMs = recorder.nowMs();
      for (;;) {
        nextStartMs += random.next() * 2 * meanGapMs;
        if (nextStartMs >= endMs || this.#stopped) break;
        await sleepUntil(recorder, nextStartMs);
        const client = await this.#freeClient(endMs);
        if (client === undefined || this.#stopped) break;
        const invocation = workload.nextInvocation();
        if (invocation === undefined) break;
        this.#start(client, invocation);
        if (recorder.nowMs() > nextStartMs) nextStartMs = recorder.nowMs();
      }
      await sleepUntil(recorder, endMs);
    } else {
      await sleepUntil(recorder, endMs);
    }
    await this.drain();
  }

  /** Each client performs the workload's final operations once, all at once. */
  async runFinal(): Promise<void> {
    const finals = this.#options.workload.finalInvocations();
    if (finals.length === 0) return;
    await Promise.all(
      this.#clients.map(async (client) => {
        for (const invocation of finals) {
          if (this.#stopped) return;
          client.busy = true;
          await this.#perform(client, invocation);
          client.busy = false;
        }
      }),
    );
  }

  /** Stops starting operations (a fatal finding ended the run). */
  stop(): void {
    this.#stopped = true;
    for (const waiter of this.#freeWaiters) waiter();
    this.#freeWaiters = [];
  }

  /** Waits for every operation in flight to end. */
  async drain(): Promise<void> {
    await Promise.all([...this.#running]);
  }

  /** A finding about a message a node wrote to a client that expected nothing. */
  finding(node: string, line: string, twice: boolean, inReplyTo: number | undefined): void {
    const known = this.#options.nodeIds.includes(node);
    this.#options.onFinding({
      kind: twice ? "duplicate-reply" : "unexpected-reply",
      node,
      timeUs: this.#options.recorder.nowUs(),
      summary: twice
        ? `${node} answered request ${inReplyTo} twice`
        : inReplyTo === undefined
          ? `${node} sent a client a message that answers no request (no in_reply_to)`
          : `${node} answered request ${inReplyTo}, which this client never sent`,
      advice: "Answer each client request exactly once, with in_reply_to set to its msg_id.",
      line: quoteLine(line),
      stderrTail: known ? this.#options.stderrTail(node) : [],
      fatal: false,
    });
  }

  #start(client: Client, invocation: ClientInvocation): void {
    client.busy = true;
    const running: Promise<void> = this.#perform(client, invocation).then(() => {
      client.busy = false;
      this.#running.delete(running);
      this.#freeWaiters.shift()?.();
    });
    this.#running.add(running);
  }

  async #perform(client: Client, invocation: ClientInvocation): Promise<void> {
    const { recorder, workload, requestTimeoutMs } = this.#options;
    const process = client.process;
    recorder.historyEvent({ process, type: "invoke", ...invocation });
    const reply = await client.request(workload.request(invocation), requestTimeoutMs);
    const base = {
      process,
      f: invocation.f,
      ...(invocation.key === undefined ? {} : { key: invocation.key }),
    };
    if (reply === undefined) {
      const type = workload.idempotent(invocation.f) ? "fail" : "info";
      recorder.historyEvent({
        ...base,
        type,
        value: invocation.value ?? null,
        error: "net-timeout",
      });
      if (type === "info") client.process += this.#options.concurrency;
      return;
    }
    const completion = workload.complete(invocation, reply.body as RequestBody);
    recorder.historyEvent({
      ...base,
      type: completion.type,
      value: completion.value ?? null,
      ...(completion.error === undefined ? {} : { error: completion.error }),
    });
    if (completion.type === "info") client.process += this.#options.concurrency;
  }

  #freeClient(endMs: number): Promise<Client | undefined> {
    const free = this.#clients.filter((client) => !client.busy);
    if (free.length > 0) return Promise.resolve(this.#options.random.pick(free));
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(undefined),
        Math.max(0, endMs - this.#options.recorder.nowMs()),
      );
      this.#freeWaiters.push(() => {
        clearTimeout(timer);
        const now = this.#clients.filter((client) => !client.busy);
        resolve(now.length > 0 ? this.#options.random.pick(now) : undefined);
      });
    });
  }
}

/** Resolves once the recorder's clock reaches `targetMs`. */
function sleepUntil(recorder: ProcessRecorder, targetMs: number): Promise<void> {
  const waitMs = targetMs - recorder.nowMs();
  if (waitMs <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, waitMs));
}
