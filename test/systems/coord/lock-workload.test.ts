/**
 * The lock vocabulary of the client workload: each client alternates acquire and release
 * of one lock, as an application does; lock workloads are checked with the mutex model
 * unless the scenario says otherwise.
 */
import { describe, expect, it } from "vitest";
import { isLockOp, lockGenerator, parseScenario, RandomStream } from "../../../src/index.js";

describe("lock workload", () => {
  it("has each client release the lock it acquired before acquiring again", () => {
    const generator = lockGenerator({ keys: 3 });
    const random = new RandomStream("workload");
    const drawn = (slot: number) => generator.next(random, slot);
    const first = drawn(0);
    expect(first).toMatchObject({ f: "acquire" });
    const other = drawn(1);
    expect(other.f).toBe("acquire");
    expect(drawn(0)).toEqual({ f: "release", key: (first as { key: string }).key });
    expect(drawn(1)).toEqual({ f: "release", key: (other as { key: string }).key });
    expect(drawn(0).f).toBe("acquire");
    for (let round = 0; round < 20; round++) {
      const op = drawn(2);
      if (op.f === "acquire") expect(["k0", "k1", "k2"]).toContain(op.key);
    }
  });

  it("recognises lock operations", () => {
    expect(isLockOp({ f: "acquire", key: "k0", seq: 1 })).toBe(true);
    expect(isLockOp({ f: "release", key: "k0", seq: 2 })).toBe(true);
    expect(isLockOp({ f: "release", seq: 2 })).toBe(false);
    expect(isLockOp({ f: "read", key: "k0", seq: 3 })).toBe(false);
  });

  it("is checked with the mutex model by default, with acquire and release as its operations", async () => {
    const scenario = await parseScenario(
      "name: lock-test\nsystem: { name: coord }\nnodes: 7\n",
      "lock-test.yaml",
    );
    expect(scenario.workload.kind).toBe("lock");
    expect(scenario.workload.mix).toEqual({ acquire: 1, release: 1 });
    expect(scenario.checks.linearizability).toBe("mutex");
    await expect(
      parseScenario(
        "name: lock-test\nsystem: { name: coord }\nworkload: { mix: { read: 1 } }\n",
        "lock-test.yaml",
      ),
    ).rejects.toThrow(/operations acquire, release; found "read"/);
  });
});
