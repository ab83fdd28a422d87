/**
 * The `lin-kv` service: a linearizable key-value store. Each request takes effect
 * atomically when the service handles it, so every history it takes part in is
 * linearizable.
 */
import type { MaelstromBody } from "../protocol.js";
import { type Cell, decodeKvRequest, stepKv } from "./kv-requests.js";
import type { MaelstromService } from "./service.js";

const ABSENT: Cell = { present: false };

/** A fresh `lin-kv` (or any linearizable store named `name`). */
export function createLinKv(name = "lin-kv"): MaelstromService {
  const cells = new Map<string, Cell>();
  return {
    name,
    handle(_src: string, body: MaelstromBody): MaelstromBody[] {
      const decoded = decodeKvRequest(body);
      if (!decoded.ok) return [decoded.reply];
      const { request } = decoded;
      const step = stepKv(body, request, cells.get(request.key) ?? ABSENT);
      cells.set(request.key, step.next);
      return [step.reply];
    },
  };
}
