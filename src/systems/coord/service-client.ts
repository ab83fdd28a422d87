/**
 * A client library of the coordination service, for nodes: what an application server
 * links in. It finds the leader (following redirects, trying the next server when one does
 * not answer), numbers operations for the servers' client sessions, and retries an
 * operation whose outcome is unknown until it gets a definite answer or its deadline
 * passes; a retried write carries the same `seq`, so it takes effect at most once. Writes
 * are sent one at a time (a later write would make the servers forget an earlier one's
 * answer); reads go at once. Time is the node's own clock.
 */
import type { NodeContext, NodeId } from "../../sim/index.js";
import type { ClientResult } from "../../workload/protocol.js";
import type { PeerRequestMessage } from "../raft/peer-request.js";
import { type DraftServiceOp, SERVICE_READS, type ServiceOp } from "./service-ops.js";

/** Timing of the client, in ms of the node's clock. */
export interface ServiceClientOptions {
  /** How long to wait for one server's answer. */
  readonly callTimeoutMs: number;
  /** How long to keep trying one operation. */
  readonly operationDeadlineMs: number;
}

/** Pause between two attempts when a server said it cannot answer now, in ms. */
const RETRY_PAUSE_MS = 20;

function isClientResult(body: unknown): body is ClientResult {
  if (typeof body !== "object" || body === null) return false;
  const type = (body as { type?: unknown }).type;
  return type === "ok" || type === "fail" || type === "unknown" || type === "redirect";
}

/** One node's connection to the service. */
export class ServiceClient {
  readonly #ctx: NodeContext;
  readonly #servers: readonly NodeId[];
  readonly #client: string;
  readonly #options: ServiceClientOptions;
  #leader: NodeId | undefined;
  #next = 0;
  #seq = 0;
  #writes: Promise<unknown> = Promise.resolve();

  /** A client named `client` (unique per incarnation) of the service run by `servers`. */
  constructor(
    ctx: NodeContext,
    servers: readonly NodeId[],
    client: string,
    options: ServiceClientOptions,
  ) {
    this.#ctx = ctx;
    this.#servers = servers;
    this.#client = client;
    this.#options = options;
    this.#next = ctx.rng.int(servers.length);
  }

  /** The client's name, as the servers know it. */
  get name(): string {
    return this.#client;
  }

  /** Sends `draft` and resolves with a definite answer, or `unknown` at the deadline. */
  submit(draft: DraftServiceOp): Promise<ClientResult> {
    const op = { ...draft, seq: ++this.#seq } as ServiceOp;
    if (SERVICE_READS.has(op.f)) return this.#untilAnswered(op);
    const answer = this.#writes.then(() => this.#untilAnswered(op));
    this.#writes = answer;
    return answer;
  }

  async #untilAnswered(op: ServiceOp): Promise<ClientResult> {
    const deadlineUs = this.#ctx.monotonicNowUs() + this.#options.operationDeadlineMs * 1000;
    let last: ClientResult = { type: "unknown", error: "no server answered in time" };
    while (this.#ctx.monotonicNowUs() < deadlineUs) {
      const result = await this.#attempt(op);
      if (result.type === "ok" || result.type === "fail") return result;
      if (result.type === "unknown") {
        last = result;
        await this.#ctx.sleep(RETRY_PAUSE_MS);
      }
    }
    return last;
  }

  /** One attempt at the server believed to lead; redirects and silence move the belief. */
  async #attempt(op: ServiceOp): Promise<ClientResult> {
    const target = this.#leader ?? this.#servers[this.#next % this.#servers.length]!;
    const message: PeerRequestMessage = { type: "client-request", client: this.#client, op };
    const reply = await this.#ctx.call(target, message, { timeoutMs: this.#options.callTimeoutMs });
    if (!reply.ok || !isClientResult(reply.body)) {
      this.#forget(target);
      return { type: "redirect" };
    }
    const result = reply.body;
    if (result.type === "redirect") {
      const hint = result.leader;
      if (hint !== undefined && hint !== target && this.#servers.includes(hint))
        this.#leader = hint;
      else this.#forget(target);
    }
    return result;
  }

  #forget(target: NodeId): void {
    this.#leader = undefined;
    const index = this.#servers.indexOf(target);
    this.#next = (index + 1) % this.#servers.length;
  }
}
