/**
 * The cluster of node processes: starts one process per node, sends each `init` and waits
 * for `init_ok` (with a timeout), turns every line a node writes into a message for the
 * network (or a finding when it is not one), and carries out the nemesis's kill, restart,
 * pause and resume. It reports misbehaviour as `NodeFinding`s; a fatal one ends the run.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { messageProblem } from "../maelstrom/codec.js";
import type { MaelstromMessage } from "../maelstrom/protocol.js";
import type { InFlight } from "./delivery-queue.js";
import type { NodeCommand } from "./node-command.js";
import type { NodeFinding, NodeFindingKind } from "./node-finding.js";
import { quoteLine } from "./node-finding.js";
import { type NodeExit, NodeProcess } from "./node-process.js";
import type { OrphanGuard } from "./orphan-guard.js";
import type { Endpoint, ProcessNetwork } from "./process-network.js";
import type { ProcessRecorder } from "./process-recorder.js";

/** Settings of a cluster. */
export interface ProcessClusterOptions {
  readonly nodeIds: readonly string[];
  readonly command: NodeCommand;
  readonly cwd: string;
  /** Where each node's stderr is written, as `<node>.log`. */
  readonly logDirectory: string;
  readonly maxLineBytes: number;
  /** Lines per second a node may write before it counts as flooding. */
  readonly maxLinesPerSecond: number;
  readonly initTimeoutMs: number;
  readonly network: ProcessNetwork;
  readonly recorder: ProcessRecorder;
  readonly guard: OrphanGuard;
  /** Hands out client ids (`c1`, `c2`, ...), shared with the workload's clients. */
  readonly nextClientId: () => string;
  /** Called for every stderr line, when `--log-stderr` asks to see them. */
  readonly onStderr?: (node: string, line: string) => void;
  /** Called for every finding; fatal ones end the run. */
  readonly onFinding: (finding: NodeFinding) => void;
}

/** The state of one node's slot: its current process, if any. */
interface NodeSlot {
  readonly id: string;
  process: NodeProcess | undefined;
  /** Whether the nemesis killed the current process (its exit is expected). */
  killedByNemesis: boolean;
  /** Whether the node answered `init` since it last started. */
  initialized: boolean;
  /** The last line it wrote, for findings about its exit. */
  lastLine: string | undefined;
  linesThisSecond: number;
  secondStartMs: number;
}

/** The node processes of one run. */
export class ProcessCluster {
  readonly #options: ProcessClusterOptions;
  readonly #slots = new Map<string, NodeSlot>();
  readonly #logs = new Map<string, WriteStream>();
  #stopping = false;

  constructor(options: ProcessClusterOptions) {
    this.#options = options;
    mkdirSync(options.logDirectory, { recursive: true });
    for (const id of options.nodeIds) {
      const slot: NodeSlot = {
        id,
        process: undefined,
        killedByNemesis: false,
        initialized: false,
        lastLine: undefined,
        linesThisSecond: 0,
        secondStartMs: 0,
      };
      this.#slots.set(id, slot);
      this.#logs.set(id, createWriteStream(join(options.logDirectory, `${id}.log`)));
      options.network.register(id, this.#endpoint(slot));
    }
  }

  /** Starts every node and initializes them all; false when one failed (a finding says why). */
  async start(): Promise<boolean> {
    const results = await Promise.all(this.#options.nodeIds.map((id) => this.#startNode(id)));
    return results.every(Boolean);
  }

  /** SIGKILLs `node` (a nemesis fault); messages to it are dropped until it restarts. */
  kill(node: string): void {
    const slot = this.#slot(node);
    if (slot.process === undefined || slot.process.exited) return;
    slot.killedByNemesis = true;
    slot.initialized = false;
    slot.process.kill();
    this.#options.recorder.nodeEvent(node, "crash", "SIGKILL");
  }

  /** Starts `node` again after a kill and sends it `init`; false when that failed. */
  async restart(node: string): Promise<boolean> {
    const slot = this.#slot(node);
    if (slot.process !== undefined && !slot.process.exited) return true;
    this.#options.recorder.nodeEvent(node, "restart");
    return this.#startNode(node);
  }

  /** SIGSTOPs `node`: it keeps its state and its messages wait in its stdin. */
  pause(node: string): void {
    const process = this.#slot(node).process;
    if (process === undefined || process.exited || process.paused) return;
    process.pause();
    this.#options.recorder.nodeEvent(node, "pause", "SIGSTOP");
  }

  /** SIGCONTs `node`. */
  resume(node: string): void {
    const process = this.#slot(node).process;
    if (process === undefined || !process.paused) return;
    process.resume();
    this.#options.recorder.nodeEvent(node, "resume", "SIGCONT");
  }

  /** The last stderr lines of `node`. */
  stderrTail(node: string): readonly string[] {
    return this.#slot(node).process?.stderrTail() ?? [];
  }

  /** Kills every node and waits (at most `waitMs`) for them to be gone; closes the logs. */
  async stop(waitMs = 2000): Promise<void> {
    this.#stopping = true;
    const exits: Promise<void>[] = [];
    for (const slot of this.#slots.values()) {
      const process = slot.process;
      if (process === undefined || process.exited) continue;
      exits.push(new Promise<void>((resolve) => this.#whenExited(process, resolve)));
      process.kill();
    }
    await Promise.race([Promise.all(exits), delay(waitMs)]);
    await Promise.all([...this.#logs.values()].map((log) => endStream(log)));
  }

  #slot(node: string): NodeSlot {
    const slot = this.#slots.get(node);
    if (slot === undefined) throw new Error(`no node ${node} in this cluster`);
    return slot;
  }

  #endpoint(slot: NodeSlot): Endpoint {
    return {
      isNode: true,
      unavailable: () =>
        slot.process === undefined || slot.process.exited || slot.killedByNemesis
          ? "crashed"
          : undefined,
      deliver: (item: InFlight) => slot.process?.write(item.line),
    };
  }

  readonly #exitWaiters = new Map<NodeProcess, (() => void)[]>();

  #whenExited(process: NodeProcess, resolve: () => void): void {
    const waiters = this.#exitWaiters.get(process) ?? [];
    waiters.push(resolve);
    this.#exitWaiters.set(process, waiters);
  }

  async #startNode(id: string): Promise<boolean> {
    const slot = this.#slot(id);
    slot.killedByNemesis = false;
    slot.initialized = false;
    slot.lastLine = undefined;
    const options = this.#options;
    let process: NodeProcess | undefined;
    process = new NodeProcess({
      nodeId: id,
      command: options.command,
      cwd: options.cwd,
      maxLineBytes: options.maxLineBytes,
      stderrLog: this.#logs.get(id)!,
      guard: options.guard,
      events: {
        stdoutLine: (line) => this.#onLine(slot, line),
        stdoutTooLong: (start, max) =>
          this.#finding(slot, "line-too-long", {
            summary: `${id} wrote a line to stdout longer than ${max} bytes`,
            advice:
              "Each message must be one line of JSON; check for a missing newline or an unbounded message.",
            line: quoteLine(start),
            fatal: true,
          }),
        stderrLine: (line) => {
          options.recorder.nodeEvent(id, "stderr", line);
          options.onStderr?.(id, line);
        },
        exited: (exit) => {
          if (process !== undefined) this.#onExit(slot, process, exit);
        },
      },
    });
    slot.process = process;
    return this.#initialize(slot, process);
  }

  #initialize(slot: NodeSlot, process: NodeProcess): Promise<boolean> {
    const options = this.#options;
    const clientId = options.nextClientId();
    const body = { type: "init", msg_id: 1, node_id: slot.id, node_ids: options.nodeIds };
    const message = { src: clientId, dest: slot.id, body };
    return new Promise<boolean>((resolve) => {
      let answered = false;
      const finish = (ok: boolean): void => {
        clearTimeout(timer);
        resolve(ok);
      };
      const timer = setTimeout(() => {
        if (answered || process.exited) return;
        this.#finding(slot, "init-timeout", {
          summary: `${slot.id} did not answer init within ${options.initTimeoutMs} ms`,
          advice: `A node must answer {"type":"init",...} with {"type":"init_ok","in_reply_to":1} on stdout, as one JSON line, flushed.`,
          fatal: true,
        });
        finish(false);
      }, options.initTimeoutMs);
      this.#whenExited(process, () => finish(false));
      options.network.register(clientId, {
        isNode: false,
        unavailable: () => undefined,
        deliver: (item) => {
          const reply = item.message as MaelstromMessage;
          if (answered) {
            this.#finding(slot, "duplicate-reply", {
              summary: `${slot.id} answered init twice`,
              advice: "Answer each request once.",
              line: quoteLine(item.line),
              fatal: false,
            });
            return;
          }
          answered = true;
          if (reply.body.type !== "init_ok" || reply.body.in_reply_to !== 1) {
            this.#finding(slot, "init-failed", {
              summary: `${slot.id} answered init with something other than init_ok`,
              advice: `Expected {"type":"init_ok","in_reply_to":1}.`,
              line: quoteLine(item.line),
              fatal: true,
            });
            finish(false);
            return;
          }
          slot.initialized = true;
          finish(true);
        },
      });
      options.network.send(clientId, slot.id, message, JSON.stringify(message));
    });
  }

  #onLine(slot: NodeSlot, line: string): void {
    if (line.trim() === "") return;
    slot.lastLine = line;
    if (this.#flooding(slot, line)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#finding(slot, "not-json", {
        summary: `${slot.id} wrote a line to stdout that is not JSON`,
        advice:
          "Stdout carries only messages, one JSON object per line; write logs and debugging output to stderr.",
        line: quoteLine(line),
        fatal: true,
      });
      return;
    }
    const problem = messageProblem(parsed);
    if (problem !== undefined) {
      this.#finding(slot, "malformed-message", {
        summary: `${slot.id} wrote a malformed message: ${problem}`,
        advice:
          'A message is {"src": string, "dest": string, "body": {"type": string, ...}} (doc/protocol.md).',
        line: quoteLine(line),
        fatal: true,
      });
      return;
    }
    const message = parsed as MaelstromMessage;
    if (message.src !== slot.id) {
      this.#finding(slot, "wrong-source", {
        summary: `${slot.id} wrote a message with src "${message.src}"; the message was dropped`,
        advice: "Use the node_id from init as the src of every message.",
        line: quoteLine(line),
        fatal: false,
      });
      return;
    }
    if (!this.#options.network.has(message.dest)) {
      this.#finding(slot, "unknown-destination", {
        summary: `${slot.id} wrote to "${message.dest}", which is no node, client or service; the message was dropped`,
        advice: `Send to the node ids from init (${this.#options.nodeIds.join(", ")}), to the src of a request, or to a service (lin-kv, seq-kv, lww-kv, lin-tso).`,
        line: quoteLine(line),
        fatal: false,
      });
      return;
    }
    this.#options.network.send(slot.id, message.dest, message, line);
  }

  #flooding(slot: NodeSlot, line: string): boolean {
    const nowMs = this.#options.recorder.nowMs();
    if (nowMs - slot.secondStartMs >= 1000) {
      slot.secondStartMs = nowMs;
      slot.linesThisSecond = 0;
    }
    if (++slot.linesThisSecond <= this.#options.maxLinesPerSecond) return false;
    if (slot.linesThisSecond === this.#options.maxLinesPerSecond + 1) {
      this.#finding(slot, "flood", {
        summary: `${slot.id} flooded stdout: more than ${this.#options.maxLinesPerSecond} lines within one second`,
        advice:
          "Look for a loop that sends without waiting (a retry without a delay, or a message answered with itself).",
        line: quoteLine(line),
        fatal: true,
      });
    }
    return true;
  }

  #onExit(slot: NodeSlot, process: NodeProcess, exit: NodeExit): void {
    const waiters = this.#exitWaiters.get(process) ?? [];
    this.#exitWaiters.delete(process);
    const expected = this.#stopping || slot.killedByNemesis;
    if (!expected) {
      const how =
        exit.spawnError !== undefined
          ? `could not be started (${exit.spawnError})`
          : exit.signal !== null
            ? `was ended by ${exit.signal}`
            : `exited with code ${exit.code}`;
      this.#options.recorder.nodeEvent(slot.id, "exit", how);
      const atStart = !slot.initialized;
      this.#finding(slot, atStart ? "exited-at-start" : "exited", {
        summary: atStart
          ? `${slot.id} ${how} before answering init`
          : `${slot.id} ${how} during the run`,
        advice: "A node runs until the harness stops it; its stderr below may say why it stopped.",
        ...(slot.lastLine === undefined ? {} : { line: quoteLine(slot.lastLine) }),
        fatal: true,
        stderrTail: process.stderrTail(),
      });
    }
    for (const waiter of waiters) waiter();
  }

  #finding(
    slot: NodeSlot,
    kind: NodeFindingKind,
    details: Pick<NodeFinding, "summary" | "advice" | "fatal"> & {
      readonly line?: string;
      readonly stderrTail?: readonly string[];
    },
  ): void {
    if (this.#stopping) return;
    this.#options.onFinding({
      kind,
      node: slot.id,
      timeUs: this.#options.recorder.nowUs(),
      stderrTail: slot.process?.stderrTail() ?? [],
      ...details,
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(() => resolve()));
}
