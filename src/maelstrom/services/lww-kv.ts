/**
 * The `lww-kv` service: Maelstrom's deliberately weak last-write-wins store. It simulates
 * `replicas` independent replicas; each request goes to one of them (drawn at random).
 * A write is stamped with that replica's clock (the request time plus the replica's own
 * skew) and reaches the other replicas only `gossipUs` later; a replica answers from the
 * writes it knows, the highest stamp winning. So reads are stale, and a write with a
 * lower stamp than one already made is lost: what Maelstrom's lww-kv lets happen.
 */
import type { MaelstromBody } from "../protocol.js";
import { type RandomSource, randomInt } from "../random-source.js";
import { type Cell, decodeKvRequest, stepKv } from "./kv-requests.js";
import type { MaelstromService } from "./service.js";

/** Options of `lww-kv`. */
export interface LwwKvOptions {
  /** Independent replicas. */
  readonly replicas: number;
  /** How long a write takes to reach the other replicas, in microseconds. */
  readonly gossipUs: number;
  /** Largest clock skew of a replica, either way, in microseconds. */
  readonly skewUsMax: number;
  /** Writes remembered per key. */
  readonly writesPerKey: number;
}

/** Maelstrom's default of 5 replicas; gossip after 100 ms; skews up to 20 ms. */
export const DEFAULT_LWW_KV: LwwKvOptions = {
  replicas: 5,
  gossipUs: 100_000,
  skewUsMax: 20_000,
  writesPerKey: 64,
};

interface StampedWrite {
  readonly cell: Cell;
  readonly stamp: number;
  readonly replica: number;
  readonly atUs: number;
}

const ABSENT: Cell = { present: false };

/** A fresh `lww-kv`. */
export function createLwwKv(
  random: RandomSource,
  options: LwwKvOptions = DEFAULT_LWW_KV,
): MaelstromService {
  const writes = new Map<string, StampedWrite[]>();
  let skews: number[] | undefined;
  const known = (key: string, replica: number, nowUs: number): Cell => {
    let best: StampedWrite | undefined;
    for (const write of writes.get(key) ?? []) {
      const visible = write.replica === replica || write.atUs + options.gossipUs <= nowUs;
      if (!visible) continue;
      const wins =
        best === undefined ||
        write.stamp > best.stamp ||
        (write.stamp === best.stamp && write.replica > best.replica);
      if (wins) best = write;
    }
    return best?.cell ?? ABSENT;
  };
  return {
    name: "lww-kv",
    handle(_src: string, body: MaelstromBody, nowUs: number): MaelstromBody[] {
      const decoded = decodeKvRequest(body);
      if (!decoded.ok) return [decoded.reply];
      const { request } = decoded;
      skews ??= Array.from(
        { length: options.replicas },
        () => randomInt(random, 2 * options.skewUsMax + 1) - options.skewUsMax,
      );
      const replica = randomInt(random, options.replicas);
      const current = known(request.key, replica, nowUs);
      const step = stepKv(body, request, current);
      if (step.next !== current) {
        const list = writes.get(request.key) ?? [];
        list.push({ cell: step.next, stamp: nowUs + skews[replica]!, replica, atUs: nowUs });
        if (list.length > options.writesPerKey) list.shift();
        writes.set(request.key, list);
      }
      return [step.reply];
    },
  };
}
