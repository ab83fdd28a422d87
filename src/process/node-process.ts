/**
 * One running node: a child process started from the node command, in its own process
 * group, with its stdout split into lines for the network, its stderr kept (the whole of it
 * in a log file, the last lines in memory for findings), and the verbs the nemesis needs:
 * kill (SIGKILL), pause (SIGSTOP) and resume (SIGCONT), each sent to the whole group.
 *
 * Writes to the node's stdin are gathered and sent once per turn of the event loop, so a
 * burst of deliveries costs one system call rather than one per message.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { WriteStream } from "node:fs";
import { LineSplitter } from "./line-splitter.js";
import type { NodeCommand } from "./node-command.js";
import { type OrphanGuard, signalGroup } from "./orphan-guard.js";

/** How many stderr lines a finding quotes. */
export const STDERR_TAIL_LINES = 20;
/** The longest stderr line kept whole; longer ones are cut in the log. */
const MAX_STDERR_LINE_BYTES = 64 * 1024;

/** How a node process ended. */
export interface NodeExit {
  /** The exit code, when it exited. */
  readonly code: number | null;
  /** The signal that ended it, when one did. */
  readonly signal: NodeJS.Signals | null;
  /** Why it could not start (`ENOENT`, `EACCES`, ...), when it never ran. */
  readonly spawnError?: string;
}

/** What a node process reports back to the harness. */
export interface NodeProcessEvents {
  /** A whole line the node wrote to stdout. */
  stdoutLine(line: string): void;
  /** A stdout line longer than the limit; `start` is its beginning. */
  stdoutTooLong(start: string, maxLineBytes: number): void;
  /** A line the node wrote to stderr. */
  stderrLine(line: string): void;
  /** The process ended (or never started). */
  exited(exit: NodeExit): void;
}

/** Settings for one node process. */
export interface NodeProcessOptions {
  readonly nodeId: string;
  readonly command: NodeCommand;
  readonly cwd: string;
  readonly maxLineBytes: number;
  /** Where the node's stderr goes, whole; shared across its restarts. */
  readonly stderrLog: WriteStream;
  readonly guard: OrphanGuard;
  readonly events: NodeProcessEvents;
}

/** A started node process. */
export class NodeProcess {
  readonly nodeId: string;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #options: NodeProcessOptions;
  readonly #stderrTail: string[] = [];
  #outgoing: string[] = [];
  #flushScheduled = false;
  #exited = false;
  #paused = false;

  constructor(options: NodeProcessOptions) {
    this.nodeId = options.nodeId;
    this.#options = options;
    const { program, args } = options.command;
    this.#child = spawn(program, [...args], {
      cwd: options.cwd,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (this.#child.pid !== undefined) options.guard.add(this.#child.pid);
    this.#wireStreams();
  }

  /** The process id (also its process group id), when it started. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Whether the process has ended. */
  get exited(): boolean {
    return this.#exited;
  }

  /** Whether the process is stopped by SIGSTOP. */
  get paused(): boolean {
    return this.#paused;
  }

  /** The last lines the node wrote to stderr, oldest first. */
  stderrTail(): readonly string[] {
    return [...this.#stderrTail];
  }

  /** Queues one line (without its newline) for the node's stdin. */
  write(line: string): void {
    if (this.#exited) return;
    this.#outgoing.push(line);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(this.#flush);
    }
  }

  /** How many bytes wait in the harness for the node to read them. */
  get unreadBytes(): number {
    return this.#child.stdin.writableLength;
  }

  /** SIGKILL to the node's process group. */
  kill(): void {
    if (this.#child.pid !== undefined) signalGroup(this.#child.pid, "SIGKILL");
  }

  /** SIGSTOP to the node's process group. */
  pause(): void {
    if (this.#child.pid === undefined || this.#exited) return;
    this.#paused = signalGroup(this.#child.pid, "SIGSTOP");
  }

  /** SIGCONT to the node's process group. */
  resume(): void {
    if (this.#child.pid === undefined || !this.#paused) return;
    signalGroup(this.#child.pid, "SIGCONT");
    this.#paused = false;
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false;
    if (this.#exited || this.#outgoing.length === 0) return;
    const text = `${this.#outgoing.join("\n")}\n`;
    this.#outgoing = [];
    this.#child.stdin.write(text);
  };

  #wireStreams(): void {
    const child = this.#child;
    const events = this.#options.events;
    const stdout = new LineSplitter(this.#options.maxLineBytes, {
      line: (text) => events.stdoutLine(text),
      tooLong: (start, max) => events.stdoutTooLong(start, max),
    });
    const stderr = new LineSplitter(MAX_STDERR_LINE_BYTES, {
      line: (text) => this.#stderrLine(text),
      tooLong: (start) => this.#stderrLine(`${start}... (line cut)`),
    });
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on("error", () => {});
    child.stdout.on("error", () => {});
    child.stderr.on("error", () => {});
    let spawnError: string | undefined;
    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError = error.code ?? error.message;
      if (child.pid === undefined) this.#ended({ code: null, signal: null, spawnError });
    });
    // A node's own children may hold its pipes open: end the group as soon as the node
    // itself has exited, so that "close" follows.
    child.on("exit", () => {
      if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
    });
    child.on("close", (code, signal) => {
      stdout.flush();
      stderr.flush();
      this.#ended({ code, signal, ...(spawnError === undefined ? {} : { spawnError }) });
    });
  }

  #stderrLine(text: string): void {
    this.#stderrTail.push(text);
    if (this.#stderrTail.length > STDERR_TAIL_LINES) this.#stderrTail.shift();
    this.#options.stderrLog.write(`${text}\n`);
    this.#options.events.stderrLine(text);
  }

  #ended(exit: NodeExit): void {
    if (this.#exited) return;
    this.#exited = true;
    this.#paused = false;
    if (this.#child.pid !== undefined) {
      signalGroup(this.#child.pid, "SIGKILL");
      this.#options.guard.remove(this.#child.pid);
    }
    this.#options.events.exited(exit);
  }
}
