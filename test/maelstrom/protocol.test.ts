import { describe, expect, it } from "vitest";
import {
  buildTopology,
  createService,
  decodeMessage,
  encodeMessage,
  isDefiniteError,
} from "../../src/maelstrom/index.js";
import { RandomStream } from "../../src/sim/random.js";

describe("Maelstrom codec", () => {
  it("decodes the documented read request and its reply", () => {
    const line = '{"src":"c1","dest":"n1","body":{"type":"read","msg_id":123,"key":3}}';
    const decoded = decodeMessage(line);
    expect(decoded).toEqual({
      ok: true,
      message: { src: "c1", dest: "n1", body: { type: "read", msg_id: 123, key: 3 } },
    });
    if (decoded.ok) expect(encodeMessage(decoded.message)).toBe(line);
  });

  it("names what is wrong with a bad line", () => {
    expect(decodeMessage("hello")).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not JSON/),
    });
    expect(decodeMessage('{"src":"n1","body":{"type":"x"}}')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"dest" must be a non-empty string, found nothing'),
    });
    expect(decodeMessage('{"src":"n1","dest":"c1","body":{"msg_id":1}}')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"body.type" must be a non-empty string'),
    });
    expect(
      decodeMessage('{"src":"n1","dest":"c1","body":{"type":"a","msg_id":"7"}}'),
    ).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"body.msg_id" must be an integer, found string "7"'),
    });
    expect(
      decodeMessage('{"src":"n1","dest":"c1","body":{"type":"error","in_reply_to":1}}'),
    ).toMatchObject({
      ok: false,
      problem: expect.stringContaining('error body\'s "code" must be an integer'),
    });
  });

  it("knows which of Maelstrom's error codes are definite", () => {
    expect([0, 1, 10, 11, 12, 13, 14, 20, 21, 22, 30].filter(isDefiniteError)).toEqual([
      1, 10, 11, 12, 14, 20, 21, 22, 30,
    ]);
    expect(isDefiniteError(1000)).toBe(false);
  });
});

describe("Maelstrom services", () => {
  const random = new RandomStream("1");

  it("lin-kv answers read, write and cas as the lin-kv workload documents", () => {
    const kv = createService("lin-kv", random);
    expect(kv.handle("n1", { type: "read", msg_id: 1, key: "x" }, 0)).toEqual([
      { type: "error", in_reply_to: 1, code: 20, text: "key does not exist" },
    ]);
    expect(
      kv.handle("n1", { type: "cas", msg_id: 2, key: "x", from: 1, to: 2 }, 0)[0],
    ).toMatchObject({ code: 20 });
    expect(
      kv.handle(
        "n1",
        { type: "cas", msg_id: 3, key: "x", from: 1, to: 2, create_if_not_exists: true },
        0,
      ),
    ).toEqual([{ type: "cas_ok", in_reply_to: 3 }]);
    expect(
      kv.handle("n2", { type: "cas", msg_id: 4, key: "x", from: 1, to: 3 }, 0)[0],
    ).toMatchObject({
      type: "error",
      code: 22,
    });
    expect(kv.handle("n2", { type: "write", msg_id: 5, key: "x", value: [1, 2] }, 0)).toEqual([
      { type: "write_ok", in_reply_to: 5 },
    ]);
    expect(kv.handle("n3", { type: "read", msg_id: 6, key: "x" }, 0)).toEqual([
      { type: "read_ok", in_reply_to: 6, value: [1, 2] },
    ]);
    expect(kv.handle("n3", { type: "frob", msg_id: 7, key: "x" }, 0)[0]).toMatchObject({
      code: 10,
    });
    expect(kv.handle("n3", { type: "read", msg_id: 8 }, 0)[0]).toMatchObject({ code: 12 });
  });

  it("lin-tso hands out strictly increasing timestamps", () => {
    const tso = createService("lin-tso", random);
    const stamps = [1, 2, 3].map(
      (id) => tso.handle("n1", { type: "ts", msg_id: id }, 0)[0]!.ts as number,
    );
    expect(stamps).toEqual([0, 1, 2]);
  });

  it("seq-kv serves stale reads but never goes back for one client", () => {
    const kv = createService("seq-kv", new RandomStream("7"));
    let id = 0;
    const values: unknown[] = [];
    for (let value = 1; value <= 30; value++) {
      kv.handle("n1", { type: "write", msg_id: ++id, key: "k", value }, 0);
      const reply = kv.handle("n2", { type: "read", msg_id: ++id, key: "k" }, 0)[0]!;
      values.push(reply.type === "read_ok" ? reply.value : 0);
    }
    const numbers = values as number[];
    expect(numbers.some((value, index) => value < index + 1)).toBe(true); // some read was stale
    expect(numbers.every((value, index) => index === 0 || value >= numbers[index - 1]!)).toBe(true);
    // n1 wrote 30 last: its own read must see it.
    expect(kv.handle("n1", { type: "read", msg_id: ++id, key: "k" }, 0)[0]).toMatchObject({
      value: 30,
    });
  });

  it("lww-kv loses a write with a lower stamp and converges after gossip", () => {
    const kv = createService("lww-kv", new RandomStream("3"));
    for (let value = 0; value < 20; value++)
      kv.handle("n1", { type: "write", msg_id: value, key: "k", value }, 1000 * value);
    const reads = new Set<unknown>();
    for (let id = 0; id < 20; id++)
      reads.add(kv.handle("n2", { type: "read", msg_id: id, key: "k" }, 10_000_000)[0]!.value);
    expect(reads.size).toBe(1); // converged: every replica answers alike
  });
});

describe("broadcast topologies", () => {
  const nodes = ["n1", "n2", "n3", "n4", "n5"];
  it("builds Maelstrom's grid, line, trees and total", () => {
    expect(buildTopology("grid", nodes)).toEqual({
      n1: ["n4", "n2"],
      n2: ["n5", "n3", "n1"],
      n3: ["n2"],
      n4: ["n1", "n5"],
      n5: ["n2", "n4"],
    });
    expect(buildTopology("line", nodes).n3).toEqual(["n2", "n4"]);
    expect(buildTopology("tree2", nodes)).toEqual({
      n1: ["n2", "n3"],
      n2: ["n1", "n4", "n5"],
      n3: ["n1"],
      n4: ["n2"],
      n5: ["n2"],
    });
    expect(buildTopology("tree4", nodes).n1).toEqual(["n2", "n3", "n4", "n5"]);
    expect(buildTopology("total", nodes).n5).toEqual(["n1", "n2", "n3", "n4"]);
  });
});
