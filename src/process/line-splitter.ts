/**
 * Newline-delimited framing for a node's stdout and stderr: bytes in, whole lines out, with
 * a bound on a line's length so that a node printing without newlines cannot make the
 * harness hold an unbounded buffer. A line longer than the bound is reported once, with its
 * first bytes, and the splitter then discards bytes up to the next newline.
 */

/** What the splitter hands back for each chunk. */
export interface LineSink {
  /** A whole line, without its newline (and without a trailing `\r`). */
  line(text: string): void;
  /** A line passed `maxLineBytes`; `start` is its first bytes. */
  tooLong(start: string, maxLineBytes: number): void;
}

/** How much of an over-long line a finding quotes. */
const QUOTED_BYTES = 200;

/** Splits a byte stream into lines of at most `maxLineBytes` bytes. */
export class LineSplitter {
  readonly #maxLineBytes: number;
  readonly #sink: LineSink;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #discarding = false;

  constructor(maxLineBytes: number, sink: LineSink) {
    this.#maxLineBytes = maxLineBytes;
    this.#sink = sink;
  }

  /** Feeds one chunk of bytes. */
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline < 0) break;
      this.#endLine(chunk, start, newline);
      start = newline + 1;
    }
    if (start < chunk.length) this.#keep(chunk.subarray(start));
  }

  /** Hands back a last line that had no newline (at end of stream). */
  flush(): void {
    if (this.#pendingBytes > 0 && !this.#discarding) this.#emit(Buffer.concat(this.#pending));
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#discarding = false;
  }

  #endLine(chunk: Buffer, start: number, end: number): void {
    if (this.#discarding) {
      this.#discarding = false;
      return;
    }
    if (this.#pendingBytes === 0) {
      if (end - start > this.#maxLineBytes) {
        this.#sink.tooLong(chunk.toString("utf8", start, start + QUOTED_BYTES), this.#maxLineBytes);
      } else {
        this.#emit(chunk.subarray(start, end));
      }
      return;
    }
    this.#keep(chunk.subarray(start, end));
    if (this.#discarding) {
      this.#discarding = false;
      return;
    }
    const whole = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#emit(whole);
  }

  #keep(part: Buffer): void {
    if (this.#discarding) return;
    this.#pending.push(Buffer.from(part));
    this.#pendingBytes += part.length;
    if (this.#pendingBytes > this.#maxLineBytes) {
      const whole = Buffer.concat(this.#pending);
      this.#sink.tooLong(whole.toString("utf8", 0, QUOTED_BYTES), this.#maxLineBytes);
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#discarding = true;
    }
  }

  #emit(bytes: Buffer): void {
    const length =
      bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    this.#sink.line(bytes.toString("utf8", 0, length));
  }
}
