/**
 * The `kafka` workload: append-only logs per key. Clients `send` unique messages to random
 * keys, `poll` every key from where they last read, `commit_offsets` for what they polled,
 * and `list_committed_offsets`, after which they resume from the committed offsets (as a
 * re-assigned consumer does). After healing every node gets a final poll from offset 0.
 * Judged by the kafka log checker. History values: send `[key, msg]` completed as
 * `[key, msg, offset]`; poll the requested offsets, completed as `{key: [[offset, msg]]}`;
 * commit the offsets; list the keys, completed as `{key: offset}`.
 */
import { checkKafkaLog } from "../../checkers/kafka-log.js";
import type { Value } from "../../checkers/value.js";
import { randomInt } from "../random-source.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import type {
  Completion,
  FinalOp,
  MaelstromOp,
  MaelstromOptions,
  MaelstromWorkload,
  OpGenerator,
} from "../workload.js";

type Offsets = Record<string, number>;

function keyNames(options: MaelstromOptions): string[] {
  return Array.from({ length: options.keyCount }, (_, index) => String(index));
}

function isOffsets(value: unknown): value is Offsets {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(Number.isInteger)
  );
}

function isMessages(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (list) =>
      Array.isArray(list) &&
      list.every((pair) => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0])),
  );
}

/** Each process's consumer positions: the next offset it wants per key. */
class Consumers {
  readonly #positions = new Map<number, Map<string, number>>();

  of(process: number): Map<string, number> {
    let positions = this.#positions.get(process);
    if (positions === undefined) {
      positions = new Map();
      this.#positions.set(process, positions);
    }
    return positions;
  }
}

function kafkaGenerator(options: MaelstromOptions): OpGenerator {
  const keys = keyNames(options);
  const consumers = new Consumers();
  let nextMessage = 0;
  return {
    next(random, process): MaelstromOp {
      const draw = randomInt(random, 10);
      const positions = consumers.of(process);
      if (draw < 5)
        return { f: "send", value: [keys[randomInt(random, keys.length)]!, nextMessage++] };
      if (draw === 8 && positions.size > 0) {
        const offsets: Offsets = {};
        for (const [key, next] of positions) if (next > 0) offsets[key] = next - 1;
        return { f: "commit", value: offsets };
      }
      if (draw === 9) return { f: "list", value: keys };
      return {
        f: "poll",
        value: Object.fromEntries(keys.map((key) => [key, positions.get(key) ?? 0])),
      };
    },
    observe(process, op, completion: Completion) {
      if (completion.type !== "ok") return;
      const positions = consumers.of(process);
      if (op.f === "poll" && isMessages(completion.value)) {
        for (const [key, pairs] of Object.entries(
          completion.value as Record<string, [number, Value][]>,
        )) {
          const last = pairs[pairs.length - 1];
          if (last !== undefined) positions.set(key, last[0] + 1);
        }
      } else if (op.f === "list" && isOffsets(completion.value)) {
        positions.clear();
        for (const [key, offset] of Object.entries(completion.value))
          positions.set(key, offset + 1);
      }
    },
  };
}

function request(op: MaelstromOp) {
  switch (op.f) {
    case "send": {
      const [key, msg] = op.value as [string, Value];
      return { type: "send", key, msg };
    }
    case "poll":
      return { type: "poll", offsets: op.value };
    case "commit":
      return { type: "commit_offsets", offsets: op.value };
    default:
      return { type: "list_committed_offsets", keys: op.value };
  }
}

function complete(
  op: MaelstromOp,
  reply: Readonly<Record<string, unknown>> & { type: string },
): Completion {
  switch (op.f) {
    case "send":
      return completeWith(op, reply, "send_ok", false, (body) =>
        Number.isInteger(body.offset)
          ? [...(op.value as Value[]), body.offset as number]
          : undefined,
      );
    case "poll":
      return completeWith(op, reply, "poll_ok", true, (body) =>
        isMessages(body.msgs) ? (body.msgs as Value) : undefined,
      );
    case "commit":
      return completeWith(op, reply, "commit_offsets_ok", false);
    default:
      return completeWith(op, reply, "list_committed_offsets_ok", true, (body) =>
        isOffsets(body.offsets) ? (body.offsets as Value) : undefined,
      );
  }
}

/** The kafka workload. */
export const kafkaWorkload: MaelstromWorkload = {
  name: "kafka",
  summary: "append-only logs per key: send, poll, commit and list committed offsets",
  flags: ["rate", "concurrency", "key-count"],
  setup: () => [],
  generator: kafkaGenerator,
  request,
  complete,
  timedOut: (op) => timeoutCompletion(op, op.f === "poll" || op.f === "list"),
  finalOps: (options): FinalOp[] => {
    const offsets = Object.fromEntries(keyNames(options).map((key) => [key, 0]));
    return options.nodeIds.map((node) => ({
      node,
      op: { f: "poll", value: offsets, final: true },
    }));
  },
  check: (history) => checkKafkaLog(history),
};
