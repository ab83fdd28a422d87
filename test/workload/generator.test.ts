import { describe, expect, it } from "vitest";
import { RandomStream } from "../../src/sim/random.js";
import {
  type DraftOp,
  kvGenerator,
  lockGenerator,
  setGenerator,
} from "../../src/workload/generator.js";

/** A stream that returns the given draws, in order. */
class ScriptedStream extends RandomStream {
  readonly #draws: number[];

  constructor(draws: readonly number[]) {
    super("scripted");
    this.#draws = [...draws];
  }

  override next(): number {
    const draw = this.#draws.shift();
    if (draw === undefined) throw new Error("the script ran out of draws");
    return draw;
  }
}

function fOf(op: DraftOp): string {
  return op.f;
}

describe("operation generators", () => {
  it("picks a function by its weight, in the mix's order, skipping weight 0", () => {
    const generator = kvGenerator({
      keys: 1,
      distribution: "uniform",
      mix: { read: 2, write: 0, cas: 1, append: 0 },
    });
    // Each operation draws a key (one key: any draw), then a function: a ticket of
    // draw * 3 against read [0, 2) and cas [2, 3). The second cas also draws which value
    // it expects, from the one the first cas wrote.
    const random = new ScriptedStream([0, 0.6, 0, 0.666, 0, 0.67, 0, 0.99, 0]);
    const drawn = Array.from({ length: 4 }, () => fOf(generator.next(random, 0)));
    expect(drawn).toEqual(["read", "read", "cas", "cas"]);
  });

  it("draws keys k0 to k(n-1), and 80% of them from the first fifth with a hotspot", () => {
    const uniform = kvGenerator({ keys: 10, distribution: "uniform", mix: { read: 1 } });
    const hotspot = kvGenerator({ keys: 10, distribution: "hotspot", mix: { read: 1 } });
    const random = new RandomStream("keys");
    const uniformKeys = new Set<string>();
    let hot = 0;
    const draws = 5_000;
    for (let i = 0; i < draws; i++) {
      uniformKeys.add((uniform.next(random, 0) as { key: string }).key);
      const key = (hotspot.next(random, 0) as { key: string }).key;
      if (key === "k0" || key === "k1") hot++;
    }
    expect([...uniformKeys].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
    expect(hot / draws).toBeGreaterThan(0.75);
    expect(hot / draws).toBeLessThan(0.85);
  });

  it("draws the same operations from the same stream", () => {
    const draw = () => {
      const generator = kvGenerator({
        keys: 5,
        distribution: "hotspot",
        mix: { read: 1, write: 1, cas: 1 },
      });
      const random = new RandomStream("same");
      return Array.from({ length: 200 }, () => generator.next(random, 0));
    };
    expect(draw()).toEqual(draw());
  });

  it("keeps to the functions a set or lock mix allows", () => {
    const sets = setGenerator({ add: 1, "read-set": 0 });
    const locks = lockGenerator({ keys: 3 });
    const random = new RandomStream("sets");
    for (let i = 0; i < 100; i++) expect(fOf(sets.next(random, 0))).toBe("add");
    const acquired = locks.next(random, 0) as { f: string; key: string };
    expect(acquired.f).toBe("acquire");
    expect(["k0", "k1", "k2"]).toContain(acquired.key);
    expect(locks.next(random, 0)).toEqual({ f: "release", key: acquired.key });
  });
});
