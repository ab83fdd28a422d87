import { describe, expect, it } from "vitest";
import {
  EdnCollection,
  EdnKeyword,
  type EdnMap,
  EdnSymbol,
  formatEdn,
  readEdn,
} from "../../src/checkers/formats/edn.js";

function read(text: string) {
  const outcome = readEdn(text);
  if (!outcome.ok) throw new Error(`${outcome.problem.expected} / ${outcome.problem.found}`);
  return outcome.value.forms;
}

describe("EDN reader", () => {
  it("reads atoms", () => {
    expect(read('nil true false 42 -7 3.5 1e3 12N 1/2 "a\\"b\\n\\u0041"')).toEqual([
      null,
      true,
      false,
      42,
      -7,
      3.5,
      1000,
      12,
      0.5,
      'a"b\nA',
    ]);
    const [keyword, symbol, char, named] = read(":ns/key sym \\a \\newline");
    expect(keyword).toEqual(new EdnKeyword("ns/key"));
    expect(symbol).toEqual(new EdnSymbol("sym"));
    expect([char, named]).toEqual(["a", "\n"]);
  });

  it("reads collections with commas as whitespace and remembers element lines", () => {
    const [vector] = read("[1,\n 2\n #{3}]");
    expect(vector).toBeInstanceOf(EdnCollection);
    const collection = vector as EdnCollection;
    expect(collection.lines).toEqual([1, 2, 3]);
    expect((collection.items[2] as EdnCollection).kind).toBe("set");
    const [map] = read("{:a 1, :b [2 3]}");
    expect((map as EdnMap).get("b")).toBeInstanceOf(EdnCollection);
    expect(formatEdn(map!)).toBe("{:a 1, :b [2 3]}");
  });

  it("drops tags and discarded forms, skips comments", () => {
    expect(read('#inst "2020-01-01" #_ 5 6 ; seven\n')).toEqual(["2020-01-01", 6]);
  });

  it("reports where and what went wrong", () => {
    expect(readEdn("[1 2")).toMatchObject({ ok: false, problem: { line: 1 } });
    expect(readEdn('\n"open')).toMatchObject({
      ok: false,
      problem: { line: 2, found: "the end of the text" },
    });
    expect(readEdn("]")).toMatchObject({ ok: false, problem: { found: 'an unmatched "]"' } });
    expect(readEdn('"\\q"')).toMatchObject({ ok: false });
  });
});
