/**
 * Carries out a drawn fault plan on the real clock: at each fault's start it cuts links,
 * kills or pauses nodes, or turns on loss or duplication; at its end it heals, restarting a
 * killed node (which gets `init` again). `healAll` ends every open fault at once, before
 * the final reads. Every episode is recorded.
 */
import type { PlannedFault } from "./fault-plan.js";
import type { ProcessCluster } from "./process-cluster.js";
import type { ProcessNetwork } from "./process-network.js";
import type { ProcessRecorder } from "./process-recorder.js";

interface OpenFault {
  readonly fault: PlannedFault;
  readonly closeRecord: () => void;
}

/** Runs a fault plan against a cluster and its network. */
export class ProcessNemesis {
  readonly #plan: readonly PlannedFault[];
  readonly #cluster: ProcessCluster;
  readonly #network: ProcessNetwork;
  readonly #recorder: ProcessRecorder;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #open = new Set<OpenFault>();
  readonly #restarts: Promise<boolean>[] = [];

  constructor(
    plan: readonly PlannedFault[],
    cluster: ProcessCluster,
    network: ProcessNetwork,
    recorder: ProcessRecorder,
  ) {
    this.#plan = plan;
    this.#cluster = cluster;
    this.#network = network;
    this.#recorder = recorder;
  }

  /** Schedules every fault relative to now (the start of the workload). */
  start(): void {
    for (const fault of this.#plan) {
      const timer = setTimeout(() => {
        const open: OpenFault = {
          fault,
          closeRecord: this.#recorder.faultStarted(fault.kind, fault.nodes, fault.description),
        };
        this.#open.add(open);
        this.#begin(fault);
        const end = setTimeout(() => this.#heal(open), fault.endMs - fault.startMs);
        this.#timers.push(end);
      }, fault.startMs);
      this.#timers.push(timer);
    }
  }

  /** Heals every open fault, cancels those not yet started, and waits for restarts. */
  async healAll(): Promise<boolean> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.length = 0;
    for (const open of [...this.#open]) this.#heal(open);
    const restarted = await Promise.all(this.#restarts);
    return restarted.every(Boolean);
  }

  /** Cancels everything without healing (the run is being torn down). */
  cancel(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.length = 0;
  }

  #begin(fault: PlannedFault): void {
    switch (fault.kind) {
      case "partition":
        this.#network.cut(fault.cuts ?? []);
        return;
      case "kill":
        for (const node of fault.nodes) this.#cluster.kill(node);
        return;
      case "pause":
        for (const node of fault.nodes) this.#cluster.pause(node);
        return;
      case "loss":
        this.#network.setLoss(fault.probability ?? 0);
        return;
      case "duplicate":
        this.#network.setDuplication(fault.probability ?? 0);
        return;
    }
  }

  #heal(open: OpenFault): void {
    if (!this.#open.delete(open)) return;
    const fault = open.fault;
    switch (fault.kind) {
      case "partition":
        this.#network.healPartitions();
        for (const other of this.#open) {
          if (other.fault.kind === "partition") this.#network.cut(other.fault.cuts ?? []);
        }
        break;
      case "kill":
        for (const node of fault.nodes) this.#restarts.push(this.#cluster.restart(node));
        break;
      case "pause":
        for (const node of fault.nodes) this.#cluster.resume(node);
        break;
      case "loss":
        this.#network.setLoss(0);
        break;
      case "duplicate":
        this.#network.setDuplication(0);
        break;
    }
    open.closeRecord();
  }
}
