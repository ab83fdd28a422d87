import { describe, expect, it } from "vitest";
import { LineSplitter } from "../../src/process/line-splitter.js";

function split(chunks: readonly string[], maxLineBytes = 16) {
  const lines: string[] = [];
  const tooLong: string[] = [];
  const splitter = new LineSplitter(maxLineBytes, {
    line: (text) => lines.push(text),
    tooLong: (start) => tooLong.push(start),
  });
  for (const chunk of chunks) splitter.push(Buffer.from(chunk));
  splitter.flush();
  return { lines, tooLong };
}

describe("LineSplitter", () => {
  it("joins lines split across chunks and drops a trailing carriage return", () => {
    expect(split(['{"a":', '1}\n{"b"', ":2}\r\n", "{}"]).lines).toEqual([
      '{"a":1}',
      '{"b":2}',
      "{}",
    ]);
  });

  it("keeps multi-byte characters whole when a chunk splits them", () => {
    const bytes = Buffer.from("é\n");
    const lines: string[] = [];
    const splitter = new LineSplitter(16, { line: (text) => lines.push(text), tooLong: () => {} });
    splitter.push(bytes.subarray(0, 1));
    splitter.push(bytes.subarray(1));
    expect(lines).toEqual(["é"]);
  });

  it("reports an over-long line once, with its start, and goes on after its newline", () => {
    const { lines, tooLong } = split(["0123456789", "0123456789", "0123456789\nok\n"]);
    expect(tooLong).toEqual(["01234567890123456789"]);
    expect(lines).toEqual(["ok"]);
    expect(split(["x".repeat(40), "\nok\n"]).lines).toEqual(["ok"]);
  });
});
