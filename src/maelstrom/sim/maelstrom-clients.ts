/**
 * The Maelstrom workload's clients in the simulation. Before the clients start, every
 * setup message (e.g. `topology`) is sent and answered. Then `concurrency` client
 * processes each talk to one node (process p to node p mod n), issuing the workload's
 * operations at the workload's `rate` (all processes together) until the main phase
 * ends; a process whose operation ends unknown (`info`) is replaced by a new one, as in
 * Jepsen. After healing, and `finalWaitUs` more for the cluster to converge, the final
 * operations run (e.g. a read on every node), each retried until it completes or the
 * recovery budget is spent. Everything is recorded as a history for the workload's checker.
 */

import type { RandomStream } from "../../sim/random.js";
import type { Simulation } from "../../sim/simulation.js";
import type { RecoveryOutcome, WorkloadStats } from "../../workload/workload.js";
import { bodyProblem } from "../codec.js";
import type { MaelstromBody } from "../protocol.js";
import {
  type Completion,
  type FinalOp,
  type MaelstromEvent,
  type MaelstromOp,
  type MaelstromOptions,
  type MaelstromWorkload,
  nodeOfProcess,
  type OpGenerator,
} from "../workload.js";
import { INIT_CLIENT } from "./maelstrom-system.js";

/** Options of the in-simulation clients. */
export interface MaelstromClientOptions {
  readonly workload: MaelstromWorkload;
  readonly options: MaelstromOptions;
  /** How long a client waits for a reply, in microseconds. */
  readonly timeoutUs: number;
  /** Wait after healing before the final operations, in microseconds. */
  readonly finalWaitUs: number;
  /** Most operations of the main phase (all clients together); undefined: no cap. */
  readonly maxOps: number | undefined;
}

/** A reply that broke the protocol: a finding against the node. */
export interface MaelstromProtocolViolation {
  readonly node: string;
  readonly op: unknown;
  readonly result: unknown;
  readonly problem: string;
}

type Phase = "setup" | "main" | "final" | "done";

/** The clients of one in-simulation Maelstrom run. */
export class MaelstromClients {
  readonly #sim: Simulation;
  readonly #config: MaelstromClientOptions;
  readonly #random: RandomStream;
  readonly #generator: OpGenerator;
  readonly #events: MaelstromEvent[] = [];
  readonly #stats = { invoked: 0, ok: 0, fail: 0, info: 0 };
  readonly #processes: number[];
  readonly #busy: boolean[];
  #phase: Phase = "setup";
  #mainEndUs = 0;
  #nextProcess: number;
  #msgId = 0;
  #violation: MaelstromProtocolViolation | undefined;
  #finalOutstanding = 0;
  #finalDone: ((outcome: RecoveryOutcome) => void) | undefined;

  constructor(sim: Simulation, config: MaelstromClientOptions) {
    this.#sim = sim;
    this.#config = config;
    this.#random = sim.random("workload");
    this.#generator = config.workload.generator(config.options);
    const concurrency = config.options.concurrency;
    this.#processes = Array.from({ length: concurrency }, (_, slot) => slot);
    this.#busy = new Array(concurrency).fill(false);
    this.#nextProcess = concurrency;
  }

  /** The history recorded so far. */
  get history(): readonly MaelstromEvent[] {
    return this.#events;
  }

  /** Operations by outcome. */
  get stats(): WorkloadStats {
    return { ...this.#stats };
  }

  /** The first reply that broke the protocol, if any. */
  get protocolViolation(): MaelstromProtocolViolation | undefined {
    return this.#violation;
  }

  /** Sends the setup messages, then starts the clients; they stop issuing at `mainEndUs`. */
  start(mainEndUs: number): void {
    this.#mainEndUs = mainEndUs;
    const setup = this.#config.workload.setup(this.#config.options);
    let waiting = setup.length;
    const begin = () => {
      if (this.#phase !== "setup") return;
      this.#phase = "main";
      for (let slot = 0; slot < this.#processes.length; slot++) this.#scheduleNext(slot);
    };
    if (waiting === 0) begin();
    for (const message of setup) {
      const body = { ...message.body, msg_id: ++this.#msgId };
      const id = this.#sim.request(INIT_CLIENT, message.dest, body, (result) => {
        const problem = this.#replyProblem(result, body);
        if (problem !== undefined || (result as MaelstromBody).type !== `${body.type}_ok`) {
          this.#violation ??= {
            node: message.dest,
            op: body,
            result,
            problem: problem ?? `expected ${body.type}_ok`,
          };
        }
        if (--waiting === 0) begin();
      });
      this.#sim.after(this.#config.timeoutUs, () => {
        this.#sim.abandon(id);
        begin();
      });
    }
  }

  /** Runs the final operations after `finalWaitUs`; `onDone` hears whether they all completed within `budgetUs`. */
  recover(
    _opsPerClient: number,
    budgetUs: number,
    onDone: (outcome: RecoveryOutcome) => void,
  ): void {
    this.#phase = "final";
    this.#finalDone = onDone;
    const finals = this.#config.workload.finalOps(this.#config.options);
    const deadlineUs = this.#sim.nowUs + this.#config.finalWaitUs + budgetUs;
    this.#sim.after(this.#config.finalWaitUs + budgetUs, () => this.#finalTimedOut(budgetUs));
    this.#finalOutstanding = finals.length;
    if (finals.length === 0) {
      this.#sim.after(this.#config.finalWaitUs, () => this.#finish());
      return;
    }
    this.#sim.after(this.#config.finalWaitUs, () => {
      for (const final of finals) this.#runFinal(final, deadlineUs);
    });
  }

  #runFinal(final: FinalOp, deadlineUs: number): void {
    if (this.#phase !== "final") return;
    const process = this.#nextProcess++;
    this.#invoke(process, final.node, final.op, (completion) => {
      if (completion.type === "ok") {
        if (--this.#finalOutstanding === 0) this.#finish();
      } else if (this.#sim.nowUs < deadlineUs) {
        this.#sim.after(this.#thinkUs(), () => this.#runFinal(final, deadlineUs));
      }
    });
  }

  #finish(): void {
    if (this.#phase !== "final") return;
    this.#phase = "done";
    this.#finalDone?.({ ok: true, completedAtUs: this.#sim.nowUs });
  }

  #finalTimedOut(budgetUs: number): void {
    if (this.#phase !== "final") return;
    this.#phase = "done";
    this.#finalDone?.({
      ok: false,
      message: `${this.#finalOutstanding} final operation(s) did not complete within ${budgetUs / 1000}ms after the cluster was healed and given ${this.#config.finalWaitUs / 1000}ms to recover`,
    });
  }

  /** Pause between one process's operations, in microseconds: `concurrency / rate` seconds on average. */
  #thinkUs(): number {
    const { rate, concurrency } = this.#config.options;
    const meanUs = rate > 0 ? (concurrency / rate) * 1_000_000 : 0;
    return Math.floor(this.#random.next() * 2 * meanUs);
  }

  #scheduleNext(slot: number): void {
    this.#sim.after(this.#thinkUs(), () => this.#issue(slot));
  }

  #issue(slot: number): void {
    if (this.#phase !== "main" || this.#busy[slot] || this.#sim.nowUs >= this.#mainEndUs) return;
    const { maxOps } = this.#config;
    if (maxOps !== undefined && this.#stats.invoked >= maxOps) return;
    const process = this.#processes[slot]!;
    const op = this.#generator.next(this.#random, process);
    this.#busy[slot] = true;
    this.#invoke(process, nodeOfProcess(this.#config.options, slot), op, (completion) => {
      this.#busy[slot] = false;
      if (completion.type === "info") this.#processes[slot] = this.#nextProcess++;
      this.#scheduleNext(slot);
    });
  }

  #invoke(
    process: number,
    node: string,
    op: MaelstromOp,
    then: (completion: Completion) => void,
  ): void {
    const body: MaelstromBody = { ...this.#config.workload.request(op), msg_id: ++this.#msgId };
    this.#stats.invoked++;
    this.#record(process, node, op, "invoke", op.value, undefined);
    let settled = false;
    const settle = (completion: Completion) => {
      if (settled) return;
      settled = true;
      this.#generator.observe?.(process, op, completion);
      this.#stats[completion.type]++;
      this.#record(process, node, op, completion.type, completion.value, completion.error);
      then(completion);
    };
    const id = this.#sim.request(`c${process + 1}`, node, body, (result) => {
      const problem = this.#replyProblem(result, body);
      if (problem === undefined) {
        settle(this.#config.workload.complete(op, result as MaelstromBody));
        return;
      }
      this.#violation ??= { node, op: body, result, problem };
      settle({ type: "info", value: op.value, error: problem });
    });
    this.#sim.after(this.#config.timeoutUs, () => {
      if (settled) return;
      this.#sim.abandon(id);
      settle(this.#config.workload.timedOut(op));
    });
  }

  #replyProblem(result: unknown, request: MaelstromBody): string | undefined {
    const problem = bodyProblem(result);
    if (problem !== undefined) return problem;
    const inReplyTo = (result as MaelstromBody).in_reply_to;
    return inReplyTo === request.msg_id
      ? undefined
      : `the reply's in_reply_to is ${JSON.stringify(inReplyTo)}, but the request's msg_id was ${request.msg_id}`;
  }

  #record(
    process: number,
    node: string,
    op: MaelstromOp,
    type: MaelstromEvent["type"],
    value: MaelstromEvent["value"],
    error: string | undefined,
  ): void {
    this.#events.push({
      process,
      type,
      f: op.f,
      ...(op.key === undefined ? {} : { key: op.key }),
      value,
      time: this.#sim.nowUs,
      node,
      ...(op.final === true ? { final: true } : {}),
      ...(error === undefined ? {} : { error }),
    });
  }
}
