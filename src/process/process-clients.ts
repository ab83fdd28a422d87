/**
 * The clients of a process run, driving a Maelstrom workload (src/maelstrom/workload.ts):
 * `concurrency` clients, client i bound to node i mod n as Maelstrom's are, each with one
 * operation outstanding at a time. Operations start at `--rate` across all clients, each
 * after a delay drawn uniformly from zero to twice 1/rate (Jepsen's stagger), and are drawn
 * from the workload's generator with the seeded workload stream. An answer ends the
 * operation as the workload says; no answer within the request timeout ends it as the
 * workload's `timedOut` says, and after an `info` the client continues as a new history
 * process, as Jepsen's do.
 *
 * Answers are checked against the protocol: a second answer to one request, or an answer
 * to a request never sent, is a finding about the node that wrote it.
 */
import type { MaelstromBody, MaelstromMessage } from "../maelstrom/protocol.js";
import type {
  Completion,
  MaelstromOp,
  MaelstromOptions,
  MaelstromWorkload,
  OpGenerator,
} from "../maelstrom/workload.js";
import type { RandomStream } from "../sim/random.js";
import type { InFlight } from "./delivery-queue.js";
import type { NodeFinding } from "./node-finding.js";
import { quoteLine } from "./node-finding.js";
import type { ProcessNetwork } from "./process-network.js";
import type { ProcessRecorder } from "./process-recorder.js";

/** Settings of the client pool. */
export interface ProcessClientsOptions {
  readonly workload: MaelstromWorkload;
  readonly workloadOptions: MaelstromOptions;
  readonly requestTimeoutMs: number;
  readonly random: RandomStream;
  readonly network: ProcessNetwork;
  readonly recorder: ProcessRecorder;
  readonly nextClientId: () => string;
  readonly stderrTail: (node: string) => readonly string[];
  readonly onFinding: (finding: NodeFinding) => void;
}

/** A request's answer, or `undefined` when none came in time. */
type Answer = MaelstromMessage | undefined;

/** One client: a Maelstrom client id bound to one node. */
class Client {
  readonly id: string;
  readonly node: string;
  process: number;
  busy = false;
  #nextMsgId = 0;
  readonly #outstanding = new Map<
    number,
    { resolve: (answer: Answer) => void; timer: NodeJS.Timeout }
  >();
  /** Requests answered, so a second answer can be told from one to a request never sent. */
  readonly #answered = new Set<number>();
  /** Requests given up on: a late answer to one is no finding. */
  readonly #timedOut = new Set<number>();
  readonly #pool: ProcessClients;

  constructor(id: string, node: string, process: number, pool: ProcessClients) {
    this.id = id;
    this.node = node;
    this.process = process;
    this.#pool = pool;
    pool.network.register(id, {
      isNode: false,
      unavailable: () => undefined,
      deliver: (item) => this.#deliver(item),
    });
  }

  /** Sends `body` to the node; resolves to the answer, or `undefined` on timeout. */
  request(body: MaelstromBody, timeoutMs: number): Promise<Answer> {
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

  #deliver(item: InFlight): void {
    const message = item.message as MaelstromMessage;
    const inReplyTo = message.body.in_reply_to;
    const waiting = inReplyTo === undefined ? undefined : this.#outstanding.get(inReplyTo);
    if (inReplyTo !== undefined && waiting !== undefined) {
      clearTimeout(waiting.timer);
      this.#outstanding.delete(inReplyTo);
      this.#answered.add(inReplyTo);
      waiting.resolve(message);
      return;
    }
    if (inReplyTo !== undefined && this.#timedOut.delete(inReplyTo)) {
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
  readonly #generator: OpGenerator;
  readonly #clients: Client[] = [];
  readonly #running = new Set<Promise<void>>();
  #freeWaiters: (() => void)[] = [];
  /** One more than the highest history process used so far. */
  #nextProcess: number;
  #stopped = false;

  constructor(options: ProcessClientsOptions) {
    this.#options = options;
    this.network = options.network;
    this.#generator = options.workload.generator(options.workloadOptions);
    const { nodeIds, concurrency } = options.workloadOptions;
    for (let index = 0; index < concurrency; index++) {
      const node = nodeIds[index % nodeIds.length]!;
      this.#clients.push(new Client(options.nextClientId(), node, index, this));
    }
    this.#nextProcess = concurrency;
  }

  /** The client ids, in order. */
  get clientIds(): string[] {
    return this.#clients.map((client) => client.id);
  }

  /** Sends the workload's setup messages and waits for their answers; returns the silent nodes. */
  async setup(): Promise<string[]> {
    const { workload, workloadOptions, requestTimeoutMs } = this.#options;
    const unanswered: string[] = [];
    await Promise.all(
      workload.setup(workloadOptions).map(async (message) => {
        const client = new Client(this.#options.nextClientId(), message.dest, -1, this);
        const answer = await client.request(message.body, requestTimeoutMs);
        if (answer === undefined) unanswered.push(message.dest);
      }),
    );
    return unanswered;
  }

  /**
   * Runs the main phase until `endMs` (on the recorder's clock) or `stop()`, then waits for
   * the operations in flight to end.
   */
  async runMain(endMs: number): Promise<void> {
    const { random, recorder, workloadOptions } = this.#options;
    if (workloadOptions.rate > 0) {
      const meanGapMs = 1000 / workloadOptions.rate;
      let nextStartMs = recorder.nowMs();
      for (;;) {
        nextStartMs += random.next() * 2 * meanGapMs;
        if (nextStartMs >= endMs || this.#stopped) break;
        await sleepUntil(recorder, nextStartMs);
        const client = await this.#freeClient(endMs);
        if (client === undefined || this.#stopped) break;
        this.#start(client, this.#generator.next(random, client.process));
        if (recorder.nowMs() > nextStartMs) nextStartMs = recorder.nowMs();
      }
    }
    await sleepUntil(recorder, endMs);
    await Promise.all([...this.#running]);
  }

  /** Performs the workload's final operations (each on its node, from a fresh client). */
  async runFinal(): Promise<void> {
    const finals = this.#options.workload.finalOps(this.#options.workloadOptions);
    await Promise.all(
      finals.map(async ({ node, op }) => {
        if (this.#stopped) return;
        const client = new Client(this.#options.nextClientId(), node, this.#nextProcess++, this);
        this.#clients.push(client);
        await this.#perform(client, { ...op, final: true });
      }),
    );
  }

  /** Whether the workload has final operations. */
  hasFinal(): boolean {
    return this.#options.workload.finalOps(this.#options.workloadOptions).length > 0;
  }

  /** Stops starting operations (the run is ending early). */
  stop(): void {
    this.#stopped = true;
    for (const waiter of this.#freeWaiters) waiter();
    this.#freeWaiters = [];
  }

  /** A finding about a message a node wrote to a client that expected nothing. */
  finding(node: string, line: string, twice: boolean, inReplyTo: number | undefined): void {
    const isNode = this.#options.workloadOptions.nodeIds.includes(node);
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
      stderrTail: isNode ? this.#options.stderrTail(node) : [],
      fatal: false,
    });
  }

  #start(client: Client, op: MaelstromOp): void {
    client.busy = true;
    const running: Promise<void> = this.#perform(client, op).then(() => {
      client.busy = false;
      this.#running.delete(running);
      this.#freeWaiters.shift()?.();
    });
    this.#running.add(running);
  }

  async #perform(client: Client, op: MaelstromOp): Promise<void> {
    const { recorder, workload, requestTimeoutMs } = this.#options;
    const process = client.process;
    const common = {
      process,
      f: op.f,
      node: client.node,
      ...(op.key === undefined ? {} : { key: op.key }),
      ...(op.final === true ? { final: true } : {}),
    };
    recorder.historyEvent({ ...common, type: "invoke", value: op.value });
    const answer = await client.request(workload.request(op), requestTimeoutMs);
    const completion: Completion =
      answer === undefined ? workload.timedOut(op) : workload.complete(op, answer.body);
    recorder.historyEvent({
      ...common,
      type: completion.type,
      value: completion.value,
      ...(completion.error === undefined ? {} : { error: completion.error }),
    });
    this.#generator.observe?.(process, op, completion);
    if (completion.type === "info") {
      // Jepsen's convention: the thread goes on as process + concurrency, never reusing a
      // process whose operation may still be in flight.
      client.process += this.#options.workloadOptions.concurrency;
      this.#nextProcess = Math.max(this.#nextProcess, client.process + 1);
    }
  }

  #freeClient(endMs: number): Promise<Client | undefined> {
    const free = this.#clients.filter((client) => !client.busy && client.process >= 0);
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
