/**
 * The services a Maelstrom node can call by name (`lin-kv`, `seq-kv`, `lww-kv`,
 * `lin-tso`), made fresh for each run. Both modes host the same state machines.
 */
import type { ServiceName } from "../protocol.js";
import type { RandomSource } from "../random-source.js";
import { createLinKv } from "./lin-kv.js";
import { createLinTso } from "./lin-tso.js";
import { createLwwKv } from "./lww-kv.js";
import { createSeqKv } from "./seq-kv.js";
import type { MaelstromService } from "./service.js";

export type { MaelstromService } from "./service.js";

/**
 * A fresh service called `name`. `random` decides what the weak stores may choose (which
 * stale state a seq-kv read sees, which lww-kv replica answers).
 *
 * @example
 * ```ts
 * const kv = createService("lin-kv", random);
 * kv.handle("n1", { type: "write", msg_id: 1, key: "x", value: 3 }, 0);
 * // [{ type: "write_ok", in_reply_to: 1 }]
 * ```
 */
export function createService(name: ServiceName, random: RandomSource): MaelstromService {
  switch (name) {
    case "lin-kv":
      return createLinKv();
    case "seq-kv":
      return createSeqKv(random);
    case "lww-kv":
      return createLwwKv(random);
    case "lin-tso":
      return createLinTso();
  }
}

/** One fresh instance of every service, by name. */
export function createServices(random: RandomSource): Map<ServiceName, MaelstromService> {
  const names: ServiceName[] = ["lin-kv", "seq-kv", "lww-kv", "lin-tso"];
  return new Map(names.map((name) => [name, createService(name, random)]));
}
