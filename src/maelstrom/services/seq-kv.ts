/**
 * The `seq-kv` service: a sequentially consistent key-value store. Every operation takes a
 * place in one total order, and each client (calling node) sees that order move forward
 * only; but a read may be served from a past state, any state from the last one that
 * client saw up to the present, as Maelstrom's seq-kv may. Updates apply to the present
 * state (a choice sequential consistency allows). Which past state a read gets is drawn
 * from the random source, so a seed fixes it.
 */
import type { MaelstromBody } from "../protocol.js";
import type { RandomSource } from "../random-source.js";
import { type Cell, decodeKvRequest, stepKv } from "./kv-requests.js";
import type { MaelstromService } from "./service.js";

/** Options of `seq-kv`. */
export interface SeqKvOptions {
  /** Chance in [0, 1] that a read is served from a past state. */
  readonly staleReadRate: number;
  /** Past versions kept per key (older ones can no longer be read). */
  readonly versionsPerKey: number;
}

/** The defaults: half of the reads may be stale, over the last 16 versions of a key. */
export const DEFAULT_SEQ_KV: SeqKvOptions = { staleReadRate: 0.5, versionsPerKey: 16 };

interface Version {
  /** Position in the total order of updates. */
  readonly index: number;
  readonly cell: Cell;
}

const ABSENT: Cell = { present: false };

/** The key's cell as of position `index` of the order (its latest version at or before it). */
function cellAt(versions: readonly Version[], index: number): { cell: Cell; index: number } {
  for (let position = versions.length - 1; position >= 0; position--) {
    const version = versions[position]!;
    if (version.index <= index) return { cell: version.cell, index };
  }
  const oldest = versions[0];
  return oldest === undefined
    ? { cell: ABSENT, index }
    : { cell: oldest.cell, index: oldest.index };
}

/** A fresh `seq-kv`. */
export function createSeqKv(
  random: RandomSource,
  options: SeqKvOptions = DEFAULT_SEQ_KV,
): MaelstromService {
  const versions = new Map<string, Version[]>();
  /** The last position of the order each client has seen. */
  const floors = new Map<string, number>();
  let latest = 0;
  return {
    name: "seq-kv",
    handle(src: string, body: MaelstromBody): MaelstromBody[] {
      const decoded = decodeKvRequest(body);
      if (!decoded.ok) return [decoded.reply];
      const { request } = decoded;
      const keyVersions = versions.get(request.key) ?? [];
      const floor = floors.get(src) ?? 0;
      if (request.f === "read") {
        const stale = random.next() < options.staleReadRate;
        const at = stale ? floor + Math.floor(random.next() * (latest - floor + 1)) : latest;
        const seen = cellAt(keyVersions, at);
        floors.set(src, Math.max(floor, seen.index));
        return [stepKv(body, request, seen.cell).reply];
      }
      const current = keyVersions[keyVersions.length - 1]?.cell ?? ABSENT;
      const step = stepKv(body, request, current);
      if (step.next !== current) {
        latest++;
        keyVersions.push({ index: latest, cell: step.next });
        if (keyVersions.length > options.versionsPerKey) keyVersions.shift();
        versions.set(request.key, keyVersions);
      }
      floors.set(src, latest);
      return [step.reply];
    },
  };
}
