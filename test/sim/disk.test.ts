import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DiskFaults,
  DiskReadError,
  type NodeFactory,
  RandomStream,
  SimDisk,
  Simulation,
  TornRecord,
} from "../../src/index.js";

/** One operation on a disk, as the model and the disk both apply it. */
type DiskOp =
  | { readonly op: "put"; readonly key: string; readonly value: number }
  | { readonly op: "delete"; readonly key: string }
  | { readonly op: "append"; readonly log: string; readonly value: number }
  | { readonly op: "truncate"; readonly log: string; readonly length: number }
  | { readonly op: "sync" }
  | { readonly op: "crash" };

const key = fc.constantFrom("a", "b", "c");
const log = fc.constantFrom("x", "y");
const diskOp: fc.Arbitrary<DiskOp> = fc.oneof(
  fc.record({ op: fc.constant("put" as const), key, value: fc.integer() }),
  fc.record({ op: fc.constant("delete" as const), key }),
  fc.record({ op: fc.constant("append" as const), log, value: fc.integer() }),
  fc.record({ op: fc.constant("truncate" as const), log, length: fc.integer({ min: 0, max: 4 }) }),
  fc.constant({ op: "sync" as const }),
  fc.constant({ op: "crash" as const }),
);

/** Sequences long enough to hold several syncs and crashes. */
const diskOps = fc.array(diskOp, { minLength: 10, maxLength: 60, size: "max" });

/** What a disk holds, as plain data; torn records read as "TORN". */
interface Contents {
  values: Record<string, unknown>;
  logs: Record<string, unknown[]>;
}

type Write = Exclude<DiskOp, { op: "sync" | "crash" }>;

function applyToModel(contents: Contents, write: Write, torn = false): Contents {
  const values = { ...contents.values };
  const logs = Object.fromEntries(Object.entries(contents.logs).map(([k, v]) => [k, [...v]]));
  if (write.op === "put") values[write.key] = torn ? "TORN" : write.value;
  if (write.op === "delete" && !torn) delete values[write.key];
  if (write.op === "append")
    logs[write.log] = [...(logs[write.log] ?? []), torn ? "TORN" : write.value];
  if (write.op === "truncate" && !torn && logs[write.log] !== undefined) {
    logs[write.log] = logs[write.log]!.slice(0, write.length);
  }
  return { values, logs };
}

function applyToDisk(disk: SimDisk, write: Write): void {
  if (write.op === "put") disk.put(write.key, write.value);
  if (write.op === "delete") disk.delete(write.key);
  if (write.op === "append") disk.append(write.log, write.value);
  if (write.op === "truncate") disk.truncate(write.log, write.length);
}

const tornAsText = (value: unknown) => (value instanceof TornRecord ? "TORN" : value);

/** The disk's durable contents in the model's shape. */
function durable(disk: SimDisk): Contents {
  const snapshot = disk.durableSnapshot();
  const values = Object.fromEntries(
    Object.entries(snapshot.values).map(([k, v]) => [k, tornAsText(v)]),
  );
  const logs = Object.fromEntries(
    Object.entries(snapshot.logs).map(([k, v]) => [k, v.map(tornAsText)]),
  );
  return sorted({ values, logs });
}

/** What the disk shows a node right now (synced or not), in the model's shape. */
function visible(disk: SimDisk): Contents {
  const values: Record<string, unknown> = {};
  for (const k of disk.keys()) values[k] = tornAsText(disk.get(k));
  const logs: Record<string, unknown[]> = {};
  for (const name of ["x", "y"]) {
    if (disk.length(name) > 0 || disk.durableSnapshot().logs[name] !== undefined) {
      logs[name] = disk.read(name).map(tornAsText);
    }
  }
  return sorted({ values, logs });
}

function sorted(contents: Contents): Contents {
  const sortKeys = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const logs = Object.fromEntries(
    Object.entries(contents.logs).filter(([, records]) => records.length > 0),
  );
  return { values: sortKeys(contents.values), logs: sortKeys(logs) };
}

const applyAll = (contents: Contents, writes: readonly Write[]) =>
  writes.reduce((acc, write) => applyToModel(acc, write), contents);

/**
 * Runs `ops` against a disk with `faults` and checks, after every crash, that the durable
 * contents are those `allowed` says a crash may leave.
 */
function checkCrashes(
  seed: number,
  ops: readonly DiskOp[],
  faults: Partial<DiskFaults>,
  allowed: (synced: Contents, pending: readonly Write[]) => Contents[],
) {
  const disk = new SimDisk(new RandomStream(`disk-test:${seed}`));
  disk.setFaults(faults);
  let synced: Contents = { values: {}, logs: {} };
  let pending: Write[] = [];
  for (const op of ops) {
    if (op.op === "sync") {
      disk.sync();
      synced = applyAll(synced, pending);
      pending = [];
    } else if (op.op === "crash") {
      const lost = disk.crash();
      const candidates = allowed(synced, pending).map(sorted);
      const after = durable(disk);
      expect(candidates).toContainEqual(after);
      expect(lost).toBeLessThanOrEqual(pending.length);
      expect(visible(disk)).toEqual(after);
      expect(disk.unsyncedWrites).toBe(0);
      synced = after;
      pending = [];
    } else {
      applyToDisk(disk, op);
      pending.push(op);
      expect(disk.unsyncedWrites).toBe(pending.length);
      expect(visible(disk)).toEqual(sorted(applyAll(synced, pending)));
    }
  }
}

describe("disk", () => {
  it("keeps synced writes and loses unsynced ones on a crash", () => {
    fc.assert(
      fc.property(fc.integer(), diskOps, (seed, ops) => {
        checkCrashes(seed, ops, {}, (synced) => [synced]);
      }),
    );
  });

  it("keeps a prefix of the unsynced writes when a crash flushes partially", () => {
    fc.assert(
      fc.property(fc.integer(), diskOps, (seed, ops) => {
        checkCrashes(seed, ops, { partialFlushRate: 1 }, (synced, pending) =>
          pending
            .map((_, kept) => applyAll(synced, pending.slice(0, kept)))
            .concat(applyAll(synced, pending)),
        );
      }),
    );
  });

  it("leaves the first lost put or append torn when a crash tears a write", () => {
    fc.assert(
      fc.property(fc.integer(), diskOps, (seed, ops) => {
        checkCrashes(seed, ops, { tornWriteRate: 1 }, (synced, pending) => [
          pending.length === 0 ? synced : applyToModel(synced, pending[0]!, true),
        ]);
      }),
    );
  });

  it("combines partial flushes and torn writes", () => {
    fc.assert(
      fc.property(fc.integer(), diskOps, (seed, ops) => {
        checkCrashes(seed, ops, { partialFlushRate: 1, tornWriteRate: 1 }, (synced, pending) =>
          pending
            .map((write, kept) =>
              applyToModel(applyAll(synced, pending.slice(0, kept)), write, true),
            )
            .concat(applyAll(synced, pending)),
        );
      }),
    );
  });

  it("reads a torn record back as a TornRecord", () => {
    const disk = new SimDisk(new RandomStream("torn"));
    disk.setFaults({ tornWriteRate: 1 });
    disk.append("log", { term: 1 });
    disk.sync();
    disk.append("log", { term: 2 });
    expect(disk.crash()).toBe(1);
    const records = disk.read("log");
    expect(records[0]).toEqual({ term: 1 });
    expect(records[1]).toBeInstanceOf(TornRecord);
    expect((records[1] as TornRecord).torn).toBe(true);
  });

  it("throws DiskReadError from get and read when read errors are on", () => {
    const disk = new SimDisk(new RandomStream("errors"));
    disk.put("k", 1);
    disk.append("log", 1);
    disk.setFaults({ readErrorRate: 1 });
    expect(() => disk.get("k")).toThrow(DiskReadError);
    expect(() => disk.read("log")).toThrow(/disk read error on read\("log"\)/);
    expect(disk.keys()).toEqual(["k"]);
    expect(disk.length("log")).toBe(1);
    disk.setFaults({ readErrorRate: 0 });
    expect(disk.get("k")).toBe(1);
    expect(() => disk.setFaults({ readErrorRate: 2 })).toThrow(/readErrorRate/);
  });

  it("fails reads at about the configured rate", () => {
    const disk = new SimDisk(new RandomStream("rate"));
    disk.put("k", 1);
    disk.setFaults({ readErrorRate: 0.2 });
    let failures = 0;
    for (let i = 0; i < 5_000; i++) {
      try {
        disk.get("k");
      } catch (error) {
        expect(error).toBeInstanceOf(DiskReadError);
        failures++;
      }
    }
    expect(Math.abs(failures / 5_000 - 0.2)).toBeLessThan(0.03);
  });

  it("stores copies: mutating a value after writing it does not change the disk", () => {
    const disk = new SimDisk(new RandomStream("copy"));
    const value = { list: [1] };
    disk.put("k", value);
    value.list.push(2);
    expect(disk.get("k")).toEqual({ list: [1] });
    expect(() => disk.put("f", () => 1)).toThrow(/not JSON-serialisable/);
  });

  it("gives a restarted node what it synced before the crash, and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer({ min: 1, max: 20 }), async (seed, writes) => {
        const seen: unknown[] = [];
        const writer: NodeFactory = ({ ctx, restarted }) => {
          if (restarted) {
            seen.push(ctx.disk.read("log"), ctx.disk.get("last"));
            return {};
          }
          for (let i = 0; i < writes; i++) {
            ctx.disk.append("log", i);
            ctx.disk.put("last", i);
            if (i === Math.floor(writes / 2)) ctx.disk.sync();
          }
          return {};
        };
        const sim = new Simulation({ seed, nodes: 1, system: writer });
        sim.at(1_000, () => sim.crash("n1"));
        sim.at(2_000, () => sim.restart("n1"));
        await sim.run();
        const synced = Math.floor(writes / 2) + 1;
        expect(seen).toEqual([[...Array(synced).keys()], synced - 1]);
        const crash = [...sim.trace.events()].find((event) => event.kind === "crash");
        expect(crash?.detail).toBe(2 * (writes - synced));
      }),
      { numRuns: 30 },
    );
  });
});
