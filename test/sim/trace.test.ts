import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  digestValue,
  firstDivergence,
  OWN_DIGEST,
  rememberDigest,
  Trace,
  TraceKind,
  type TraceKindName,
} from "../../src/index.js";

const kindNames = Object.keys(TraceKind) as TraceKindName[];
/** More endpoints than fit in a record's first word, so some are kept apart. */
const ENDPOINTS = 10_000;

const record = fc.record({
  kind: fc.constantFrom(...kindNames),
  timeUs: fc.maxSafeInteger().map((t) => Math.abs(t)),
  node: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: ENDPOINTS - 1 })),
  peer: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: ENDPOINTS - 1 })),
  detail: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  digest: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  text: fc.option(fc.string(), { nil: undefined }),
});

type RecordInput = typeof record extends fc.Arbitrary<infer T> ? T : never;

function fill(trace: Trace, records: readonly RecordInput[]): void {
  for (let i = 0; i < ENDPOINTS; i++) trace.endpoints.push(i < 3 ? `n${i + 1}` : `c${i}`);
  for (const r of records) {
    if (r.text === undefined) {
      trace.record(TraceKind[r.kind], r.timeUs, r.node, r.peer, r.detail, r.digest);
    } else {
      trace.recordText(TraceKind[r.kind], r.timeUs, r.node, r.peer, r.text, r.detail);
    }
  }
}

describe("trace", () => {
  it("decodes every record as it was written, at any time up to 2^53 us", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 50 }), (records) => {
        const trace = new Trace();
        fill(trace, records);
        expect(trace.length).toBe(records.length);
        for (const [i, r] of records.entries()) {
          expect(trace.event(i)).toEqual({
            index: i,
            timeUs: r.timeUs,
            kind: r.kind,
            node: r.node >= 0 ? trace.endpoints[r.node] : undefined,
            peer: r.peer >= 0 ? trace.endpoints[r.peer] : undefined,
            detail: r.detail,
            digest: r.text === undefined ? r.digest >>> 0 : 0,
            text: r.text,
            payload: undefined,
          });
        }
      }),
    );
  });

  it("keeps records across chunk boundaries", () => {
    const trace = new Trace();
    for (let i = 0; i < 10_000; i++) trace.record(TraceKind.send, i * 7, i % 3, 0, i, -i);
    expect(trace.event(4_095)).toMatchObject({ timeUs: 4_095 * 7, detail: 4_095 });
    expect(trace.event(4_096)).toMatchObject({ timeUs: 4_096 * 7, detail: 4_096 });
    expect(trace.event(9_999)).toMatchObject({ timeUs: 9_999 * 7, digest: -9_999 >>> 0 });
    expect(() => trace.event(10_000)).toThrow(/out of range/);
  });

  it("hashes the same in hash mode, without keeping records", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const full = new Trace("full");
        const hashOnly = new Trace("hash");
        fill(full, records);
        fill(hashOnly, records);
        expect(hashOnly.hash).toBe(full.hash);
        expect(hashOnly.count).toBe(records.length);
        expect(hashOnly.length).toBe(0);
        expect(hashOnly.hash).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });

  it("changes the hash, and finds the divergence, when any one field differs", () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom("kind", "timeUs", "timeHigh", "node", "peer", "detail", "digest", "text"),
        (records, at, field) => {
          const index = at % records.length;
          const changed = records.map((r) => ({ ...r }));
          const target = changed[index]!;
          if (field === "kind") target.kind = target.kind === "send" ? "deliver" : "send";
          if (field === "timeUs") target.timeUs += target.timeUs > 0 ? -1 : 1;
          if (field === "timeHigh") {
            target.timeUs += target.timeUs >= 2 ** 32 ? -(2 ** 32) : 2 ** 32;
          }
          if (field === "node") target.node = target.node === 9_000 ? 3 : 9_000;
          if (field === "peer") target.peer = target.peer === 9_000 ? 3 : 9_000;
          if (field === "detail") target.detail ^= 1;
          if (field === "digest" || (field === "text" && target.text === undefined)) {
            target.digest ^= 1;
            target.text = undefined;
            records[index]!.text = undefined;
          }
          if (field === "text" && target.text !== undefined) target.text += "!";
          const first = new Trace();
          const second = new Trace();
          fill(first, records);
          fill(second, changed);
          expect(second.hash).not.toBe(first.hash);
          expect(firstDivergence(first, second)?.index).toBe(index);
        },
      ),
    );
  });

  it("reports where one trace ends before the other", () => {
    const first = new Trace();
    const second = new Trace();
    first.record(TraceKind.start, 0, 0, -1, 0, 0);
    second.record(TraceKind.start, 0, 0, -1, 0, 0);
    expect(firstDivergence(first, second)).toBeUndefined();
    second.record(TraceKind.timer, 5, 0, -1, 1, 0);
    expect(firstDivergence(first, second)).toMatchObject({
      index: 1,
      first: undefined,
      second: { kind: "timer", timeUs: 5 },
    });
  });

  it("digests equal data equally, whatever was digested in between", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 5 }), (value, others) => {
        const before = digestValue(value);
        for (const other of others) digestValue(other);
        expect(digestValue(structuredClone(value))).toBe(before);
        expect(digestValue(JSON.parse(JSON.stringify(value)))).toBe(before);
      }),
    );
    const built = ["st", "orm"].join("");
    expect(digestValue({ type: built })).toBe(digestValue({ type: "storm" }));
  });

  it("digests equal data equally and different data differently", () => {
    expect(digestValue({ a: 1, b: ["x", 2.5] })).toBe(digestValue({ a: 1, b: ["x", 2.5] }));
    const values = [
      { a: 1 },
      { a: 2 },
      { a: "1" },
      { b: 1 },
      { a: 1, b: 1 },
      [1],
      "1",
      1,
      1.5,
      null,
      undefined,
      true,
      new Map([["a", 1]]),
      new Set([1]),
      new Uint8Array([1]),
      10n,
    ];
    const digests = new Set(values.map(digestValue));
    expect(digests.size).toBe(values.length);
    for (const digest of digests) expect(digest).toBeGreaterThanOrEqual(0);
  });

  it("digests a value that remembers its digest as if it walked it (within the depth walked)", () => {
    const item = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 4 }), (items) => {
        const plain = {
          type: "append",
          entries: structuredClone(items),
          at: new Map([[1, items]]),
        };
        const remembered = {
          type: "append",
          entries: items.map((item) => rememberDigest(structuredClone(item))),
          at: new Map([[1, items.map((item) => rememberDigest(structuredClone(item)))]]),
        };
        expect(digestValue(remembered)).toBe(digestValue(plain));
      }),
    );
  });

  it("mixes a remembered digest instead of walking the value again", () => {
    const entry = rememberDigest({ term: 3, command: { key: "k1", value: 7 } });
    const before = digestValue({ entries: [entry] });
    // Changing a value after remembering breaks the contract; it shows the walk is skipped.
    (entry.command as { value: number }).value = 8;
    expect(digestValue({ entries: [entry] })).toBe(before);
    expect(digestValue({ entries: [{ ...entry }] })).not.toBe(before);
  });

  it("keeps a remembered digest out of sight of JSON and keys, and leaves frozen values be", () => {
    const entry = rememberDigest({ term: 1 });
    expect(JSON.stringify(entry)).toBe('{"term":1}');
    expect(Object.keys(entry)).toEqual(["term"]);
    expect(typeof (entry as { [OWN_DIGEST]?: number })[OWN_DIGEST]).toBe("number");
    const frozen = rememberDigest(Object.freeze({ term: 1 }));
    expect((frozen as { [OWN_DIGEST]?: number })[OWN_DIGEST]).toBeUndefined();
    expect(digestValue({ entries: [frozen] })).toBe(digestValue({ entries: [entry] }));
  });
});
