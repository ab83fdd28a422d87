/**
 * The service registry, as replicated state: entries under slash-separated paths (such as
 * `/services/workers/n1-12`), each persistent or ephemeral (owned by a session, deleted
 * with it). Clients list the entries under a prefix, and watch a prefix: every change is
 * numbered with the revision (log index) that made it, the latest `MAX_RETAINED_CHANGES`
 * are kept, and a watcher asks for the changes after the revision it has seen, as etcd's
 * watch does; a watcher that fell further behind is told to list again.
 */
import { assert } from "../../sim/index.js";
import type { RegistryChange, RegistryEntryView } from "./service-ops.js";

/** How many changes the registry keeps for watchers. */
export const MAX_RETAINED_CHANGES = 256;

/** The registry of one replica. */
export class ServiceRegistry {
  readonly #entries = new Map<string, RegistryEntryView>();
  readonly #ephemeral = new Map<number, Set<string>>();
  readonly #changes: RegistryChange[] = [];
  /** Changes up to this revision may have been dropped. */
  #compactedThrough = 0;

  /** The entry at `path`, if any. */
  get(path: string): RegistryEntryView | undefined {
    return this.#entries.get(path);
  }

  /** Puts `value` at `path` (owned by `session`, or persistent when null); returns the entry it replaced. */
  put(
    path: string,
    value: string,
    session: number | null,
    revision: number,
  ): RegistryEntryView | undefined {
    const replaced = this.#unlink(path);
    this.#entries.set(path, { path, value, session, revision });
    if (session !== null) this.#ownedBy(session).add(path);
    this.#record({ revision, kind: "put", path, value, session });
    return replaced;
  }

  /** Deletes the entry at `path`; returns it, or undefined when there was none. */
  delete(path: string, revision: number): RegistryEntryView | undefined {
    const removed = this.#unlink(path);
    if (removed !== undefined) this.#record({ revision, kind: "delete", path });
    return removed;
  }

  /** The paths of the ephemeral entries `session` owns, in the order they were created. */
  ephemeralPaths(session: number): string[] {
    return [...(this.#ephemeral.get(session) ?? [])];
  }

  /** The entries under `prefix`, by path. */
  list(prefix: string): RegistryEntryView[] {
    const found: RegistryEntryView[] = [];
    for (const entry of this.#entries.values())
      if (entry.path.startsWith(prefix)) found.push(entry);
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The changes under `prefix` after revision `since`, or "compacted" when some may be gone. */
  changesSince(prefix: string, since: number): RegistryChange[] | "compacted" {
    if (since < this.#compactedThrough) return "compacted";
    return this.#changes.filter(
      (change) => change.revision > since && change.path.startsWith(prefix),
    );
  }

  #unlink(path: string): RegistryEntryView | undefined {
    const entry = this.#entries.get(path);
    if (entry === undefined) return undefined;
    this.#entries.delete(path);
    if (entry.session !== null) {
      const owned = this.#ephemeral.get(entry.session);
      owned?.delete(path);
      if (owned?.size === 0) this.#ephemeral.delete(entry.session);
    }
    return entry;
  }

  #ownedBy(session: number): Set<string> {
    let owned = this.#ephemeral.get(session);
    if (owned === undefined) {
      owned = new Set();
      this.#ephemeral.set(session, owned);
    }
    return owned;
  }

  #record(change: RegistryChange): void {
    const last = this.#changes[this.#changes.length - 1];
    assert(
      last === undefined || change.revision >= last.revision,
      `registry revisions must not decrease: ${change.revision} after ${last?.revision}`,
    );
    this.#changes.push(change);
    if (this.#changes.length > MAX_RETAINED_CHANGES) {
      this.#compactedThrough = this.#changes.shift()!.revision;
    }
  }
}
