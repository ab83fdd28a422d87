/**
 * What a Raft server is while it cannot read its disk at start: fail-stopped. It ignores
 * every message and redirects every client without a leader hint, so it can neither vote
 * on a term it forgot nor acknowledge entries it cannot see, and every `RECOVERY_RETRY_MS`
 * it tries to recover again (as a supervisor would restart a process that exited on an I/O
 * error). Once recovery succeeds it becomes a normal server and delegates to it.
 */
import type {
  ClientRequest,
  IncomingMessage,
  NodeInit,
  NodeSummary,
  SystemNode,
} from "../../sim/index.js";
import type { FailStopFact } from "./facts.js";
import type { RaftOptions } from "./options.js";
import { RaftNode } from "./raft-node.js";
import { recoverFromDisk } from "./recovery.js";
import type { StateMachineFactory } from "./state-machine.js";

/** How long a fail-stopped server waits before it tries to read its disk again, in ms. */
export const RECOVERY_RETRY_MS = 1_000;

/** A server that failed to recover, retrying until it can. */
export class RecoveringNode implements SystemNode {
  readonly #init: NodeInit;
  readonly #options: RaftOptions;
  readonly #machine: StateMachineFactory;
  #reason: string;
  #server: RaftNode | undefined = undefined;

  /** Starts fail-stopped because recovery failed with `reason`; `machine` builds the state machine once recovered. */
  constructor(init: NodeInit, options: RaftOptions, reason: string, machine: StateMachineFactory) {
    this.#init = init;
    this.#options = options;
    this.#machine = machine;
    this.#reason = reason;
    this.#failStop();
  }

  /** Delegates to the server once recovered; ignored before. */
  onMessage(message: IncomingMessage): void {
    this.#server?.onMessage(message);
  }

  /** Delegates to the server once recovered; redirects before. */
  onClientRequest(request: ClientRequest): void {
    if (this.#server === undefined) this.#init.ctx.respond(request, { type: "redirect" });
    else this.#server.onClientRequest(request);
  }

  /** The server's summary once recovered; `role: "failed"` before. */
  inspect(): NodeSummary {
    return this.#server?.inspect() ?? { role: "failed", reason: this.#reason };
  }

  #failStop(): void {
    const { ctx } = this.#init;
    const fact: FailStopFact = { type: "fail-stop", reason: this.#reason };
    ctx.report(fact);
    ctx.log(`fail-stop: ${this.#reason}; retrying in ${RECOVERY_RETRY_MS} ms`);
    ctx.setTimer(RECOVERY_RETRY_MS, () => this.#retry());
  }

  #retry(): void {
    const recovered = recoverFromDisk(this.#init.ctx.disk);
    if (recovered.ok) {
      this.#server = new RaftNode(
        this.#init,
        this.#options,
        recovered,
        this.#machine(this.#init.ctx),
      );
      return;
    }
    this.#reason = recovered.reason;
    this.#failStop();
  }
}
