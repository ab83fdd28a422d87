/**
 * Simulated clients. Each client process issues one operation at a time to a node, waits
 * for the answer or its timeout, follows redirects to the leader (or to another node), and
 * records what happened as a Jepsen-style history: `invoke` when it starts, then `ok`,
 * `fail` (certainly did not happen) or `info` (may have happened). A process whose
 * operation timed out or ended unknown is retired, and a new process (id + clients, as in
 * Jepsen) takes its place, so a process never has two operations outstanding.
 *
 * The workload has two phases: the main phase, during which faults happen, and a recovery
 * phase after everything is healed, during which every client must complete a final round
 * of operations within a budget; a system that cannot is not live.
 */
import type { HistoryEvent } from "../checkers/history.js";
import type { Value } from "../checkers/value.js";
import type { NodeId } from "../sim/node-api.js";
import type { RandomStream } from "../sim/random.js";
import type { Simulation } from "../sim/simulation.js";
import type { DraftOp, OperationGenerator } from "./generator.js";
import { CAS_MISMATCH, type ClientOp, type ClientResult } from "./protocol.js";

/** One recorded history event: the checker's history format, stamped with virtual time. */
export interface WorkloadEvent extends HistoryEvent {
  readonly process: number;
  readonly key?: Value;
  readonly value: Value;
  /** Virtual time in microseconds. */
  readonly time: number;
  /** Why an operation failed or ended unknown. */
  readonly error?: string;
}

/** Options of the client workload. */
export interface WorkloadOptions {
  readonly generator: OperationGenerator;
  /** Concurrent client processes. */
  readonly clients: number;
  /** Pause between one client's operations. */
  readonly thinkUs: { readonly minUs: number; readonly maxUs: number };
  /** How long a client waits for an answer before recording `info`. */
  readonly timeoutUs: number;
  /** Redirects one operation may follow before it is recorded as failed. */
  readonly maxRedirects: number;
  /** Most operations of the main phase (all clients together); undefined: no cap. */
  readonly maxOps: number | undefined;
  /**
   * Where an operation goes first. "sticky": to the last leader a redirect named (a random
   * node at first), as a client library that caches the leader does. "home": to the
   * client's own node (client i talks to node i mod n), redirects followed for that
   * operation only, as Jepsen's clients do: every node keeps serving some clients.
   */
  readonly routing: "sticky" | "home";
}

/** How the recovery phase ended. */
export type RecoveryOutcome =
  | { readonly ok: true; readonly completedAtUs: number }
  | { readonly ok: false; readonly message: string };

/** Counts of the recorded operations. */
export interface WorkloadStats {
  readonly invoked: number;
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
}

/** A result a node sent that is not in the client protocol: a finding against the system. */
export interface ProtocolViolation {
  readonly node: NodeId;
  readonly op: ClientOp;
  readonly result: unknown;
}

type Phase = "main" | "recovery" | "done";

interface Outstanding {
  readonly op: ClientOp;
  requestId: number;
  redirects: number;
  settled: boolean;
}

function invokeValue(op: ClientOp): Value {
  switch (op.f) {
    case "read":
    case "read-set":
    case "acquire":
    case "release":
      return null;
    case "write":
    case "add":
      return op.value;
    case "cas":
      return [op.from, op.to];
  }
}

function isClientResult(result: unknown): result is ClientResult {
  if (typeof result !== "object" || result === null) return false;
  const type = (result as { type?: unknown }).type;
  if (type === "ok" || type === "redirect") return true;
  return (
    (type === "fail" || type === "unknown") &&
    typeof (result as { error?: unknown }).error === "string"
  );
}

/** The clients of one run. */
export class Workload {
  readonly #sim: Simulation;
  readonly #options: WorkloadOptions;
  readonly #random: RandomStream;
  readonly #events: WorkloadEvent[] = [];
  readonly #stats = { invoked: 0, ok: 0, fail: 0, info: 0 };
  #phase: Phase = "main";
  #mainEndUs = 0;
  #recoveryQuota = 0;
  #recoveryDone: ((outcome: RecoveryOutcome) => void) | undefined;
  #protocolViolation: ProtocolViolation | undefined;
  readonly #completedInRecovery: number[];
  readonly #processes: number[];
  readonly #outstanding: (Outstanding | undefined)[];
  readonly #leaderHints: (NodeId | undefined)[];
  #seq = 0;

  constructor(sim: Simulation, options: WorkloadOptions) {
    this.#sim = sim;
    this.#options = options;
    this.#random = sim.random("workload");
    this.#processes = Array.from({ length: options.clients }, (_, slot) => slot);
    this.#outstanding = new Array(options.clients).fill(undefined);
    this.#leaderHints = new Array(options.clients).fill(undefined);
    this.#completedInRecovery = new Array(options.clients).fill(0);
  }

  /** The history recorded so far, in real-time order. */
  get history(): readonly WorkloadEvent[] {
    return this.#events;
  }

  /** Counts of operations by outcome. */
  get stats(): WorkloadStats {
    return { ...this.#stats };
  }

  /** The first answer that broke the client protocol, if any. */
  get protocolViolation(): ProtocolViolation | undefined {
    return this.#protocolViolation;
  }

  /** Starts every client; they issue operations until `mainEndUs`. */
  start(mainEndUs: number): void {
    this.#mainEndUs = mainEndUs;
    for (let slot = 0; slot < this.#options.clients; slot++) this.#scheduleNext(slot);
  }

  /**
   * Starts the recovery phase: every client completes `opsPerClient` more operations (ok or
   * fail); `onDone` hears whether they all did within `budgetUs`.
   */
  recover(
    opsPerClient: number,
    budgetUs: number,
    onDone: (outcome: RecoveryOutcome) => void,
  ): void {
    this.#phase = "recovery";
    this.#recoveryQuota = opsPerClient;
    this.#recoveryDone = onDone;
    this.#completedInRecovery.fill(0);
    this.#sim.after(budgetUs, () => this.#recoveryTimedOut(budgetUs));
    for (let slot = 0; slot < this.#options.clients; slot++) {
      if (this.#outstanding[slot] === undefined) this.#scheduleNext(slot);
    }
    this.#checkRecoveryDone();
  }

  #wantsMore(slot: number): boolean {
    if (this.#phase === "main") {
      const { maxOps } = this.#options;
      return (
        this.#sim.nowUs < this.#mainEndUs && (maxOps === undefined || this.#stats.invoked < maxOps)
      );
    }
    return this.#phase === "recovery" && this.#completedInRecovery[slot]! < this.#recoveryQuota;
  }

  #scheduleNext(slot: number): void {
    const { minUs, maxUs } = this.#options.thinkUs;
    this.#sim.after(this.#random.between(minUs, maxUs), () => this.#issue(slot));
  }

  #issue(slot: number): void {
    if (this.#outstanding[slot] !== undefined || !this.#wantsMore(slot)) return;
    const draft: DraftOp = this.#options.generator.next(this.#random, slot);
    const op = { ...draft, seq: ++this.#seq } as ClientOp;
    this.#stats.invoked++;
    this.#record(slot, "invoke", op, invokeValue(op));
    const outstanding: Outstanding = { op, requestId: 0, redirects: 0, settled: false };
    this.#outstanding[slot] = outstanding;
    this.#send(slot, outstanding);
    this.#sim.after(this.#options.timeoutUs, () => {
      if (outstanding.settled) return;
      this.#sim.abandon(outstanding.requestId);
      this.#finish(slot, outstanding, "info", null, "timeout");
    });
  }

  #send(slot: number, outstanding: Outstanding): void {
    const nodes = this.#sim.nodeIds;
    const home =
      this.#options.routing === "home" && outstanding.redirects === 0
        ? nodes[slot % nodes.length]
        : undefined;
    const node = home ?? this.#leaderHints[slot] ?? this.#random.pick(nodes);
    const client = `c${this.#processes[slot]}`;
    outstanding.requestId = this.#sim.request(client, node, outstanding.op, (result) =>
      this.#onResult(slot, outstanding, node, result),
    );
  }

  #onResult(slot: number, outstanding: Outstanding, node: NodeId, result: unknown): void {
    if (outstanding.settled) return;
    if (!isClientResult(result)) {
      this.#protocolViolation ??= { node, op: outstanding.op, result };
      this.#finish(slot, outstanding, "info", null, "malformed result");
      return;
    }
    switch (result.type) {
      case "ok": {
        const f = outstanding.op.f;
        const value =
          f === "read" || f === "read-set" || f === "acquire"
            ? ((result.value ?? null) as Value)
            : invokeValue(outstanding.op);
        this.#options.generator.observe(outstanding.op, value);
        this.#finish(slot, outstanding, "ok", value, undefined);
        return;
      }
      case "fail":
        if (outstanding.op.f === "cas" && result.error === CAS_MISMATCH) {
          // The compare ran and found another value: an ok cas that did not swap.
          this.#finish(slot, outstanding, "ok", false, undefined);
          return;
        }
        this.#finish(slot, outstanding, "fail", invokeValue(outstanding.op), result.error);
        return;
      case "unknown":
        this.#finish(slot, outstanding, "info", invokeValue(outstanding.op), result.error);
        return;
      case "redirect":
        this.#redirect(slot, outstanding, node, result.leader);
        return;
    }
  }

  #redirect(
    slot: number,
    outstanding: Outstanding,
    from: NodeId,
    leader: NodeId | undefined,
  ): void {
    if (outstanding.redirects >= this.#options.maxRedirects) {
      this.#finish(slot, outstanding, "fail", invokeValue(outstanding.op), "too many redirects");
      return;
    }
    outstanding.redirects++;
    const nodes = this.#sim.nodeIds;
    const valid = leader !== undefined && leader !== from && nodes.includes(leader);
    this.#leaderHints[slot] = valid ? leader : nodes[(nodes.indexOf(from) + 1) % nodes.length];
    this.#send(slot, outstanding);
  }

  #finish(
    slot: number,
    outstanding: Outstanding,
    type: "ok" | "fail" | "info",
    value: Value,
    error: string | undefined,
  ) {
    outstanding.settled = true;
    this.#outstanding[slot] = undefined;
    this.#stats[type]++;
    this.#record(slot, type, outstanding.op, value, error);
    if (type === "info") {
      this.#processes[slot]! += this.#options.clients;
      this.#leaderHints[slot] = undefined;
    } else if (this.#phase === "recovery") {
      this.#completedInRecovery[slot]!++;
      this.#checkRecoveryDone();
    }
    this.#scheduleNext(slot);
  }

  #record(
    slot: number,
    type: WorkloadEvent["type"],
    op: ClientOp,
    value: Value,
    error?: string,
  ): void {
    const event: WorkloadEvent = {
      process: this.#processes[slot]!,
      type,
      f: op.f,
      ...("key" in op ? { key: op.key } : {}),
      value,
      time: this.#sim.nowUs,
      ...(error === undefined ? {} : { error }),
    };
    this.#events.push(event);
  }

  #checkRecoveryDone(): void {
    if (this.#phase !== "recovery") return;
    if (this.#completedInRecovery.some((count) => count < this.#recoveryQuota)) return;
    this.#phase = "done";
    this.#recoveryDone?.({ ok: true, completedAtUs: this.#sim.nowUs });
  }

  #recoveryTimedOut(budgetUs: number): void {
    if (this.#phase !== "recovery") return;
    this.#phase = "done";
    const behind = this.#completedInRecovery.filter((count) => count < this.#recoveryQuota).length;
    this.#recoveryDone?.({
      ok: false,
      message:
        `${behind} of ${this.#options.clients} clients did not complete ${this.#recoveryQuota} ` +
        `operation(s) within ${budgetUs / 1000}ms after every fault was healed`,
    });
  }
}
