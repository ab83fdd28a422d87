/**
 * What a primary-backup replica keeps, and the only ways it changes. The durable part
 * (the highest epoch promised, and the replica's state: its epoch, its operation count and
 * the key-value data) is written and synced before the replica answers anything that
 * depends on it: a promise must survive a crash, or a restarted node could help elect two
 * conflicting views; an acknowledged operation must survive, or a view change could lose it.
 * The volatile part is the view the replica currently serves in.
 */
import { assert } from "../../../sim/assert.js";
import type { NodeContext, NodeId } from "../../../sim/node-api.js";
import type { ClientResult, KvOp } from "../../../workload/protocol.js";
import { readDurably } from "../../gossip/durable-read.js";
import { emptyKvSnapshot, KvStateMachine } from "../kv-state-machine.js";
import type { ReplicaState } from "./primary-backup-messages.js";

/** Where the durable record lives on disk. */
const RECORD_KEY = "primary-backup/replica";

/** The durable record. */
interface DurableRecord extends ReplicaState {
  readonly promised: number;
}

/** A view this replica serves in: its epoch, its primary and its members (cluster order). */
export interface View {
  readonly epoch: number;
  readonly primary: NodeId;
  readonly members: readonly NodeId[];
}

/**
 * Whether state `a` is fresher than `b`: from a later view, or further along in the same
 * view. (Within a view every member applies the same operations in the same order, so
 * two states with the same epoch and count are equal.)
 */
export function isFresher(a: ReplicaState, b: ReplicaState): boolean {
  return a.stateEpoch > b.stateEpoch || (a.stateEpoch === b.stateEpoch && a.opCount > b.opCount);
}

/** One replica's state. */
export class ReplicaCore {
  readonly #ctx: NodeContext;
  #promised: number;
  #stateEpoch: number;
  #opCount: number;
  #machine: KvStateMachine;
  /** The view this replica serves in, if any. */
  view: View | undefined = undefined;

  /** Loads the durable record (a fresh node starts empty, having promised nothing). */
  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    const stored = readDurably(() => ctx.disk.get(RECORD_KEY)) as DurableRecord | undefined;
    this.#promised = stored?.promised ?? 0;
    this.#stateEpoch = stored?.stateEpoch ?? 0;
    this.#opCount = stored?.opCount ?? 0;
    this.#machine = new KvStateMachine(stored?.snapshot ?? emptyKvSnapshot());
  }

  /** The highest epoch promised. */
  get promised(): number {
    return this.#promised;
  }

  /** Operations applied so far. */
  get opCount(): number {
    return this.#opCount;
  }

  /** Number of keys held. */
  get keys(): number {
    return this.#machine.size;
  }

  /** The replica's state, to send in a promise or a start-view. */
  state(): ReplicaState {
    return {
      stateEpoch: this.#stateEpoch,
      opCount: this.#opCount,
      snapshot: this.#machine.snapshot(),
    };
  }

  /** Promises to ignore every epoch below `epoch` (durably); leaves any older view. */
  promise(epoch: number): void {
    assert(epoch >= this.#promised, `promise went backwards: ${this.#promised} -> ${epoch}`);
    if (epoch === this.#promised) return;
    this.#promised = epoch;
    if (this.view !== undefined && this.view.epoch < epoch) this.view = undefined;
    this.#save();
  }

  /** Takes `state` as the starting state of view `view` (durably). */
  startView(view: View, state: ReplicaState): void {
    assert(
      view.epoch === this.#promised,
      `start-view ${view.epoch} but promised ${this.#promised}`,
    );
    assert(state.stateEpoch < view.epoch, "a view starts from the state of an earlier view");
    this.#stateEpoch = view.epoch;
    this.#opCount = state.opCount;
    this.#machine = new KvStateMachine(state.snapshot);
    this.view = view;
    this.#save();
  }

  /** Applies operation number `count` of the current view (durably) and returns its result. */
  applyNext(count: number, client: string, op: KvOp): ClientResult {
    assert(this.view !== undefined, "applying an operation outside any view");
    assert(count === this.#opCount + 1, `operation ${count} applied after ${this.#opCount}`);
    assert(
      this.#stateEpoch === this.view.epoch,
      "applying an operation to a state of another view",
    );
    const result = this.#machine.apply(client, op);
    this.#opCount = count;
    this.#save();
    return result;
  }

  /** Bug `async-replication` only: takes a shipped state of the current view if it is fresher. */
  takeShippedState(state: ReplicaState): void {
    if (this.view === undefined || state.stateEpoch !== this.view.epoch) return;
    if (!isFresher(state, this.state())) return;
    this.#opCount = state.opCount;
    this.#machine = new KvStateMachine(state.snapshot);
    this.#save();
  }

  #save(): void {
    const record: DurableRecord = { promised: this.#promised, ...this.state() };
    this.#ctx.disk.put(RECORD_KEY, record);
    this.#ctx.disk.sync();
  }
}
