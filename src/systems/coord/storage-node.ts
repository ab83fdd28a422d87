/**
 * The storage node: the shared resource the lock guards, as a separate server (a file
 * store, a database). Workers read a resource's value and write a new one while they hold
 * the lock named after it. When a request carries a fencing token, the storage node
 * refuses it if it has already accepted a higher token for that resource, and otherwise
 * remembers the token; a request without a token it cannot judge, and accepts.
 *
 * Every request it handles is reported as a `resource-access` fact, so mutual exclusion
 * and fencing are judged from the resource's own view. Values and highest tokens are
 * synced to disk before an answer leaves, so a restart forgets nothing it acknowledged;
 * while its disk cannot be read at start it answers nothing and retries.
 */

import { RESOURCE_ACCESS, type ResourceAccessFact } from "../../checkers/resource-access.js";
import {
  DiskReadError,
  type IncomingMessage,
  type NodeContext,
  type NodeSummary,
  type SystemNode,
  TornRecord,
} from "../../sim/index.js";

/** A read of `resource` for critical section `holder`, with the holder's token or null. */
export interface StorageRead {
  readonly type: "storage-read";
  readonly resource: string;
  readonly holder: string;
  readonly token: number | null;
}

/** A write of `value` to `resource`. */
export interface StorageWrite {
  readonly type: "storage-write";
  readonly resource: string;
  readonly holder: string;
  readonly token: number | null;
  readonly value: number;
}

/** A request to the storage node (sent with `ctx.call`). */
export type StorageRequest = StorageRead | StorageWrite;

/** The storage node's answer. */
export type StorageReply =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: "stale-token"; readonly highest: number };

interface ResourceState {
  readonly value: number;
  /** Highest token accepted, null before any. */
  readonly highest: number | null;
}

/** Disk keys of the resources. */
const KEY_PREFIX = "storage/";
/** How long the node waits before reading its disk again after a read error, in ms. */
const RECOVERY_RETRY_MS = 1_000;

function isStorageRequest(body: unknown): body is StorageRequest {
  if (typeof body !== "object" || body === null) return false;
  const request = body as { type?: unknown; resource?: unknown; holder?: unknown };
  return (
    (request.type === "storage-read" || request.type === "storage-write") &&
    typeof request.resource === "string" &&
    typeof request.holder === "string"
  );
}

/** Reads every resource back from disk, or undefined when the disk cannot be read now. */
function loadResources(ctx: NodeContext): Map<string, ResourceState> | undefined {
  try {
    const resources = new Map<string, ResourceState>();
    for (const key of ctx.disk.keys(KEY_PREFIX)) {
      const record = ctx.disk.get(key);
      if (record instanceof TornRecord || typeof record !== "object" || record === null) continue;
      resources.set(key.slice(KEY_PREFIX.length), record as ResourceState);
    }
    return resources;
  } catch (error) {
    if (error instanceof DiskReadError) return undefined;
    throw error;
  }
}

/** The storage node. */
export class StorageNode implements SystemNode {
  readonly #ctx: NodeContext;
  #resources: Map<string, ResourceState> | undefined;

  /** Starts (or restarts) from what the disk holds. */
  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    this.#recover();
  }

  /** Serves a worker's read or write. */
  onMessage(message: IncomingMessage): void {
    const body = message.body;
    if (!isStorageRequest(body) || message.callId === undefined) return;
    if (this.#resources === undefined) return; // fail-stopped: the caller times out
    this.#ctx.reply(message, this.#serve(this.#resources, body));
  }

  /** The role and the resources' values and highest tokens. */
  inspect(): NodeSummary {
    const resources = this.#resources;
    if (resources === undefined) return { role: "failed" };
    return { role: "storage", resources: Object.fromEntries(resources) };
  }

  #serve(resources: Map<string, ResourceState>, request: StorageRequest): StorageReply {
    const state = resources.get(request.resource) ?? { value: 0, highest: null };
    const stale = request.token !== null && state.highest !== null && request.token < state.highest;
    this.#report(request, !stale);
    if (stale) return { ok: false, error: "stale-token", highest: state.highest! };
    const highest =
      request.token === null
        ? state.highest
        : Math.max(request.token, state.highest ?? request.token);
    const value = request.type === "storage-write" ? request.value : state.value;
    if (highest !== state.highest || value !== state.value) {
      const next = { value, highest };
      resources.set(request.resource, next);
      this.#ctx.disk.put(KEY_PREFIX + request.resource, next);
      this.#ctx.disk.sync();
    }
    return { ok: true, value };
  }

  #report(request: StorageRequest, accepted: boolean): void {
    const fact: ResourceAccessFact = {
      type: RESOURCE_ACCESS,
      resource: request.resource,
      holder: request.holder,
      token: request.token,
      accepted,
    };
    this.#ctx.report(fact);
  }

  #recover(): void {
    this.#resources = loadResources(this.#ctx);
    if (this.#resources !== undefined) return;
    this.#ctx.log(`fail-stop: cannot read the disk; retrying in ${RECOVERY_RETRY_MS} ms`);
    this.#ctx.setTimer(RECOVERY_RETRY_MS, () => this.#recover());
  }
}
