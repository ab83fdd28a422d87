/**
 * A replica's store in `kv-quorum`: per key, the value with the newest version it has
 * seen. A write with an older version is ignored (last writer wins). Every accepted write
 * is synced to disk before it is acknowledged, and a restarted replica reloads its keys.
 */
import type { NodeContext } from "../../../sim/node-api.js";
import { readDurably } from "../../gossip/durable-read.js";
import { compareVersions, isVersion, type Version, ZERO_VERSION } from "./version.js";

const KEY_PREFIX = "quorum/key/";

/** A value with its version (`value` null: never written). */
export interface VersionedValue {
  readonly version: Version;
  readonly value: number | null;
}

/** The replica's store. */
export class VersionedStore {
  readonly #ctx: NodeContext;
  readonly #values = new Map<string, VersionedValue>();

  /** Loads every key the replica synced before. */
  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    for (const diskKey of readDurably(() => ctx.disk.keys(KEY_PREFIX))) {
      const stored = readDurably(() => ctx.disk.get(diskKey)) as VersionedValue | undefined;
      if (stored !== undefined && isVersion(stored.version)) {
        this.#values.set(diskKey.slice(KEY_PREFIX.length), stored);
      }
    }
  }

  /** Number of keys held. */
  get size(): number {
    return this.#values.size;
  }

  /** The newest value of `key`. */
  get(key: string): VersionedValue {
    return this.#values.get(key) ?? { version: ZERO_VERSION, value: null };
  }

  /** Stores `incoming` if it is newer than what `key` holds (durably); returns whether it was. */
  put(key: string, incoming: VersionedValue): boolean {
    if (compareVersions(incoming.version, this.get(key).version) <= 0) return false;
    this.#values.set(key, incoming);
    this.#ctx.disk.put(KEY_PREFIX + key, incoming);
    this.#ctx.disk.sync();
    return true;
  }
}
