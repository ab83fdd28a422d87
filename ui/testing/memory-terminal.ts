/**
 * An in-memory terminal for driving the viewer without a real one: an output stream that
 * records what ink writes and can be waited on, and an input stream that keys are typed
 * into. `faultline bench ui` measures redraws with it; it behaves as a TTY so that ink
 * renders exactly as it does in a terminal.
 */
import { EventEmitter } from "node:events";

/** The output side: keeps every write, tells waiters about the next one. */
export class MemoryOutput extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  /** Everything written, in order. */
  readonly writes: string[] = [];

  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  /** Records `data` (ink's writes). */
  write(data: string): boolean {
    this.writes.push(data);
    this.emit("written", data);
    return true;
  }

  /**
   * Resolves with the wall-clock time (performance.now) of the next write of at least
   * `minLength` characters, or undefined after `timeoutMs` without one.
   */
  nextWrite(minLength: number, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const onWrite = (data: string) => {
        if (data.length < minLength) return;
        clearTimeout(timer);
        this.off("written", onWrite);
        resolve(performance.now());
      };
      const timer = setTimeout(() => {
        this.off("written", onWrite);
        resolve(undefined);
      }, timeoutMs);
      this.on("written", onWrite);
    });
  }

  /** Changes the size and tells listeners, as a terminal does when resized. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit("resize");
  }
}

/** The input side: what is typed is read by ink as key presses. */
export class MemoryInput extends EventEmitter {
  readonly isTTY = true;
  #pending: string[] = [];

  /** Types `data` (one key, or an escape sequence such as `\u001B[C`). */
  type(data: string): void {
    this.#pending.push(data);
    this.emit("readable");
  }

  /** ink reads typed data with this. */
  read(): string | null {
    return this.#pending.shift() ?? null;
  }

  setEncoding(): this {
    return this;
  }

  setRawMode(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  pause(): this {
    return this;
  }
}
