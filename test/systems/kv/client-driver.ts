/**
 * A small client driver for tests that drive systems straight through `Simulation` (the
 * scenario runner's workloads are not needed for that): send an operation, wait for the
 * answer or a timeout, and keep a history of what was invoked and what came back, with
 * virtual times, for the checks a test makes.
 */
import type { ClientResult, NodeId, Simulation } from "../../../src/index.js";

/** What a client saw: the node's answer, or nothing before the timeout. */
export type Outcome = ClientResult | { readonly type: "timeout" };

/** One completed (or timed-out) operation. */
export interface HistoryEntry {
  readonly client: string;
  readonly node: NodeId;
  readonly op: { readonly f: string; readonly [field: string]: unknown };
  readonly invokeUs: number;
  readonly completeUs: number;
  readonly outcome: Outcome;
}

/** Sends operations and records a history. */
export class ClientDriver {
  readonly history: HistoryEntry[] = [];
  readonly #sim: Simulation;
  readonly #timeoutUs: number;
  #seq = 0;

  constructor(sim: Simulation, timeoutUs = 1_000_000) {
    this.#sim = sim;
    this.#timeoutUs = timeoutUs;
  }

  /** Sends `op` (a `seq` is added) from `client` to `node`; resolves with the outcome. */
  invoke(client: string, node: NodeId, op: HistoryEntry["op"]): Promise<Outcome> {
    const sim = this.#sim;
    const fullOp = { ...op, seq: ++this.#seq };
    const invokeUs = sim.nowUs;
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: Outcome) => {
        if (done) return;
        done = true;
        this.history.push({ client, node, op: fullOp, invokeUs, completeUs: sim.nowUs, outcome });
        // Resolve from a harness event, so the simulation lets the test's continuation run now.
        void sim.sleep(0).then(() => resolve(outcome));
      };
      const id = sim.request(client, node, fullOp, (result) => finish(result as ClientResult));
      sim.after(this.#timeoutUs, () => {
        if (done) return;
        sim.abandon(id);
        finish({ type: "timeout" });
      });
    });
  }

  /** Values of `add` operations that were acknowledged. */
  acknowledgedAdds(): number[] {
    return this.history
      .filter((entry) => entry.op.f === "add" && entry.outcome.type === "ok")
      .map((entry) => entry.op.value as number);
  }
}
