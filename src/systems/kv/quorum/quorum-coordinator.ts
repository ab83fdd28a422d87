/**
 * The coordinator of `kv-quorum`: whichever node a client asks runs the operation against
 * the key's N replicas.
 *
 * - read: ask every replica, wait for R answers, take the newest version; then make sure W
 *   replicas hold it (read repair, waited for) before answering. Waiting for the repair is
 *   what stops a later read from seeing an older value than this one did.
 * - write, `versioned`: ask R replicas for their versions, pick a counter above all of them
 *   (and above any this node issued before), then put to every replica and wait for W
 *   acknowledgements. This is multi-writer ABD (Attiya, Bar-Noy, Dolev; Lynch & Shvartsman):
 *   with R + W > N every read and write quorum intersect, so reads and writes are
 *   linearizable.
 * - write, `wall-clock`: the version is the coordinator's own clock. A coordinator whose
 *   clock is behind writes a version older than a write that already completed, and loses
 *   (last writer wins by timestamp, not by real time): acknowledged writes vanish.
 * - compare-and-set is refused: it needs consensus, which quorum reads and writes cannot
 *   give. A `fail` tells the client it did not happen.
 */
import type { NodeContext, NodeId } from "../../../sim/node-api.js";
import type { ClientResult } from "../../../workload/protocol.js";
import { readDurably } from "../../gossip/durable-read.js";
import { gatherReplies, type Reply } from "./gather-replies.js";
import { preferenceList } from "./preference-list.js";
import type { GetMessage, GotMessage, PutMessage } from "./quorum-messages.js";
import type { QuorumOptions } from "./quorum-options.js";
import { compareVersions, isVersion, type Version } from "./version.js";
import type { VersionedValue } from "./versioned-store.js";

/** Where a node keeps the highest version counter it issued. */
const COUNTER_KEY = "quorum/last-counter";

/** Runs clients' reads and writes against quorums of replicas. */
export class QuorumCoordinator {
  readonly #ctx: NodeContext;
  readonly #options: QuorumOptions;
  readonly #order: readonly NodeId[];
  #lastCounter: number;

  constructor(ctx: NodeContext, options: QuorumOptions, order: readonly NodeId[]) {
    this.#ctx = ctx;
    this.#options = options;
    this.#order = order;
    const stored = readDurably(() => ctx.disk.get(COUNTER_KEY));
    this.#lastCounter = typeof stored === "number" ? stored : 0;
  }

  /** Reads `key` from R replicas, repairs W of them to the newest value, answers it. */
  async read(key: string): Promise<ClientResult> {
    const replicas = preferenceList(key, this.#order, this.#options.replicas);
    const answers = await this.#getFrom(replicas, key, this.#options.readQuorum);
    if (answers === undefined) return { type: "fail", error: "read quorum unavailable" };
    const newest = newestOf(answers);
    const holders = answers
      .filter((answer) => compareVersions(answer.value.version, newest.version) === 0)
      .map((answer) => replicas[answer.index]!);
    const repaired = await this.#putTo(replicas, key, newest, this.#options.writeQuorum, holders);
    if (!repaired) return { type: "fail", error: "read repair could not reach a write quorum" };
    return { type: "ok", value: newest.value };
  }

  /** Writes `value` to `key` with a fresh version; ok once W replicas hold it. */
  async write(key: string, value: number): Promise<ClientResult> {
    const replicas = preferenceList(key, this.#order, this.#options.replicas);
    const version = await this.#newVersion(replicas, key);
    if (version === undefined) return { type: "fail", error: "read quorum unavailable" };
    const written = await this.#putTo(
      replicas,
      key,
      { version, value },
      this.#options.writeQuorum,
      [],
    );
    if (!written) return { type: "unknown", error: "write quorum not reached" };
    return { type: "ok" };
  }

  async #newVersion(replicas: readonly NodeId[], key: string): Promise<Version | undefined> {
    if (this.#options.timestamps === "wall-clock") {
      return { counter: this.#ctx.nowUs(), node: this.#ctx.id };
    }
    const answers = await this.#getFrom(replicas, key, this.#options.readQuorum);
    if (answers === undefined) return undefined;
    const counter = Math.max(newestOf(answers).version.counter, this.#lastCounter) + 1;
    this.#lastCounter = counter;
    this.#ctx.disk.put(COUNTER_KEY, counter);
    this.#ctx.disk.sync();
    return { counter, node: this.#ctx.id };
  }

  #getFrom(replicas: readonly NodeId[], key: string, needed: number) {
    const get: GetMessage = { type: "get", key };
    const timeoutMs = this.#options.requestTimeoutMs;
    const calls = replicas.map((replica) => this.#ctx.call(replica, get, { timeoutMs }));
    return gatherReplies(calls, needed, (body) => asGot(body, key));
  }

  /** Puts `value` to the replicas not in `holders` until `needed` replicas in all hold it. */
  async #putTo(
    replicas: readonly NodeId[],
    key: string,
    value: VersionedValue,
    needed: number,
    holders: readonly NodeId[],
  ): Promise<boolean> {
    if (holders.length >= needed) return true;
    const put: PutMessage = { type: "put", key, ...value };
    const timeoutMs = this.#options.requestTimeoutMs;
    const targets = replicas.filter((replica) => !holders.includes(replica));
    const calls = targets.map((replica) => this.#ctx.call(replica, put, { timeoutMs }));
    const acks = await gatherReplies(calls, needed - holders.length, (body) =>
      (body as { type?: unknown; key?: unknown } | null)?.type === "put-ack" &&
      (body as { key?: unknown }).key === key
        ? true
        : undefined,
    );
    return acks !== undefined;
  }
}

function asGot(body: unknown, key: string): VersionedValue | undefined {
  const got = body as Partial<GotMessage> | null;
  if (got?.type !== "got" || got.key !== key || !isVersion(got.version)) return undefined;
  return { version: got.version, value: got.value ?? null };
}

function newestOf(answers: readonly Reply<VersionedValue>[]): VersionedValue {
  let newest = answers[0]!.value;
  for (const { value } of answers) {
    if (compareVersions(value.version, newest.version) > 0) newest = value;
  }
  return newest;
}
