import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAELSTROM_OPTIONS,
  findMaelstromWorkload,
  type MaelstromOptions,
} from "../../src/maelstrom/index.js";
import { RandomStream } from "../../src/sim/random.js";

const options: MaelstromOptions = {
  ...DEFAULT_MAELSTROM_OPTIONS,
  nodeIds: ["n1", "n2", "n3"],
  concurrency: 3,
};

function workload(name: string) {
  const found = findMaelstromWorkload(name);
  if (found === undefined) throw new Error(`no workload ${name}`);
  return found;
}

describe("reading replies into ok / fail / info", () => {
  const broadcast = workload("broadcast");
  const add = { f: "broadcast", value: 7 };
  const read = { f: "read", value: null };

  it("the expected reply is ok, with the value read", () => {
    expect(broadcast.complete(add, { type: "broadcast_ok", in_reply_to: 1 })).toEqual({
      type: "ok",
      value: 7,
    });
    expect(broadcast.complete(read, { type: "read_ok", messages: [1, 2] })).toEqual({
      type: "ok",
      value: [1, 2],
    });
  });

  it("a definite error is fail, an indefinite one info, and reads always fail", () => {
    expect(broadcast.complete(add, { type: "error", code: 11, text: "not ready" })).toEqual({
      type: "fail",
      value: 7,
      error: "temporarily-unavailable (11): not ready",
    });
    expect(broadcast.complete(add, { type: "error", code: 13 }).type).toBe("info");
    expect(broadcast.complete(add, { type: "error", code: 1001 })).toMatchObject({
      type: "info",
      error: "error 1001 (1001)",
    });
    expect(broadcast.complete(read, { type: "error", code: 13 }).type).toBe("fail");
    expect(broadcast.timedOut(add)).toEqual({ type: "info", value: 7, error: "timeout" });
    expect(broadcast.timedOut(read).type).toBe("fail");
  });

  it("a reply of the wrong type or without its field may have happened", () => {
    expect(broadcast.complete(add, { type: "echo_ok" })).toMatchObject({
      type: "info",
      error: "unexpected reply type echo_ok",
    });
    expect(broadcast.complete(read, { type: "read_ok" })).toMatchObject({
      type: "fail",
      error: expect.stringContaining("malformed read_ok"),
    });
  });

  it("lin-kv: a read of a missing key is nil, a failed cas did not happen", () => {
    const linKv = workload("lin-kv");
    expect(linKv.complete({ f: "read", key: 1, value: null }, { type: "error", code: 20 })).toEqual(
      { type: "ok", value: null },
    );
    expect(
      linKv.complete({ f: "cas", key: 1, value: [1, 2] }, { type: "error", code: 22 }).type,
    ).toBe("fail");
    expect(linKv.request({ f: "cas", key: 1, value: [1, 2] })).toEqual({
      type: "cas",
      key: 1,
      from: 1,
      to: 2,
    });
  });
});

describe("workload definitions", () => {
  it("broadcast sends the topology to every node, and final reads go to every node", () => {
    const broadcast = workload("broadcast");
    const setup = broadcast.setup({ ...options, topology: "line" });
    expect(setup.map((message) => message.dest)).toEqual(["n1", "n2", "n3"]);
    expect(setup[0]!.body).toEqual({
      type: "topology",
      topology: { n1: ["n2"], n2: ["n1", "n3"], n3: ["n2"] },
    });
    expect(broadcast.finalOps(options)).toEqual(
      ["n1", "n2", "n3"].map((node) => ({ node, op: { f: "read", value: null, final: true } })),
    );
  });

  it("generators are seeded: the same stream gives the same operations", () => {
    for (const name of ["broadcast", "pn-counter", "lin-kv", "kafka", "txn-list-append"]) {
      const draw = () => {
        const generator = workload(name).generator(options);
        const random = new RandomStream("ops");
        return Array.from({ length: 20 }, (_, index) => generator.next(random, index % 3));
      };
      expect(draw()).toEqual(draw());
    }
  });

  it("txn appends are unique per key, and a key is retired after max-writes-per-key", () => {
    const generator = workload("txn-list-append").generator({
      ...options,
      keyCount: 2,
      maxWritesPerKey: 3,
    });
    const random = new RandomStream("txn");
    const appends = new Map<number, number[]>();
    for (let index = 0; index < 200; index++) {
      const txn = generator.next(random, 0).value as [string, number, number | null][];
      expect(txn.length).toBeGreaterThanOrEqual(1);
      expect(txn.length).toBeLessThanOrEqual(options.maxTxnLength);
      for (const [f, key, value] of txn) {
        if (f === "append") appends.set(key, [...(appends.get(key) ?? []), value as number]);
      }
    }
    for (const values of appends.values()) {
      expect(new Set(values).size).toBe(values.length);
      expect(values.length).toBeLessThanOrEqual(3);
    }
    expect(appends.size).toBeGreaterThan(2);
  });

  it("kafka consumers resume from the offsets their polls reached", () => {
    const generator = workload("kafka").generator(options);
    const poll = { f: "poll", value: {} };
    generator.observe?.(0, poll, {
      type: "ok",
      value: {
        "1": [
          [4, 40],
          [5, 50],
        ],
      },
    });
    const random = new RandomStream("kafka");
    let next = generator.next(random, 0);
    while (next.f !== "poll") next = generator.next(random, 0);
    expect(next.value).toMatchObject({ "0": 0, "1": 6 });
  });
});
