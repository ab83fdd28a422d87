/**
 * The outside world as a command sees it: output streams, terminal facts and the working
 * directory. Commands take this instead of touching `process` so tests can run them in
 * process and read what they printed.
 */

/** A writable text sink (`process.stdout`, or a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
}

/** What a command may use of its environment. */
export interface CommandIo {
  /** Results: verdicts, summaries, JSON. */
  readonly stdout: TextSink;
  /** Progress, warnings and errors. */
  readonly stderr: TextSink;
  /** Whether stderr is a terminal (progress bars instead of progress lines). */
  readonly isTTY: boolean;
  /** Terminal width in columns, when known. */
  readonly columns: number;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /**
   * Calls `handler` when the user interrupts the command (Ctrl-C) instead of ending the
   * process; returns the function that stops listening. Absent: interrupts are not caught.
   */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

/** The real process's streams and directory. */
export function processIo(): CommandIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns ?? 80,
    cwd: process.cwd(),
    onInterrupt: (handler) => {
      process.on("SIGINT", handler);
      return () => process.off("SIGINT", handler);
    },
  };
}

/** An in-memory `CommandIo` for tests: everything written is kept as text. */
export function memoryIo(options: { cwd?: string; isTTY?: boolean } = {}): CommandIo & {
  out(): string;
  err(): string;
  /** Simulates Ctrl-C: calls the handlers the command registered. */
  interrupt(): void;
} {
  let out = "";
  let err = "";
  const handlers = new Set<() => void>();
  return {
    onInterrupt: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    interrupt: () => {
      for (const handler of [...handlers]) handler();
    },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    isTTY: options.isTTY ?? false,
    columns: 100,
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
