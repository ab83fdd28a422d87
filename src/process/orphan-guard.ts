/**
 * No node outlives the harness. Each node runs in its own process group (spawned detached,
 * so a pause or kill reaches a shell wrapper's children too, and Ctrl-C in the terminal
 * reaches only the harness, which then stops the nodes itself). Three layers make sure the
 * groups die with the harness:
 *
 * 1. the harness kills every group it started when a run ends, normally or not;
 * 2. on `exit` and on SIGINT / SIGTERM / SIGHUP the guard kills the groups synchronously;
 * 3. a watchdog, a tiny separate Node process, holds a pipe from the harness and learns
 *    each group as it starts; when that pipe closes (the harness exited, or was killed
 *    with SIGKILL and could run no code at all), it kills the groups still listed.
 *
 * The nodes' stdin is a pipe from the harness too, so a node that reads stdin also sees
 * end-of-file when the harness dies; the watchdog covers nodes that ignore it.
 */
import { type ChildProcess, spawn } from "node:child_process";

/**
 * The watchdog's program, run with `node -e`: it reads `+PGID` / `-PGID` lines and, when
 * its stdin ends, sends SIGKILL to every group still listed. It ignores SIGINT so that a
 * Ctrl-C in the terminal leaves it to outlive the harness by the moment it needs.
 */
const WATCHDOG_SOURCE = `
const groups = new Set();
let buffer = "";
const killAll = () => {
  for (const group of groups) { try { process.kill(-group, "SIGKILL"); } catch {} }
  process.exit(0);
};
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});
process.on("SIGTERM", killAll);
process.stdin.setEncoding("utf8");
process.stdin.on("data", (text) => {
  buffer += text;
  for (let end = buffer.indexOf("\\n"); end >= 0; end = buffer.indexOf("\\n")) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    const group = Number(line.slice(1));
    if (line[0] === "+") groups.add(group); else groups.delete(group);
  }
});
process.stdin.on("end", killAll);
process.stdin.on("error", killAll);
`;

/** The signals on which the harness stops its nodes before it goes. */
const FATAL_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The exit code a shell gives a process ended by `signal`. */
function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]!;
}

/** Sends `signal` to process group `group`; false when the group is gone. */
export function signalGroup(group: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Tracks the process groups of one harness and kills them when it ends, however it ends.
 * Open one per command; `close()` kills what is left and lets the watchdog go.
 */
export class OrphanGuard {
  readonly #groups = new Set<number>();
  readonly #watchdog: ChildProcess;
  readonly #onExit = (): void => this.killAll();
  readonly #onSignal = (signal: NodeJS.Signals): void => {
    this.killAll();
    process.stderr.write(`faultline: ${signal}: stopped ${this.#groups.size} node process(es)\n`);
    this.#watchdog.stdin?.end();
    process.exit(signalExitCode(signal));
  };
  #closed = false;

  constructor() {
    this.#watchdog = spawn(process.execPath, ["-e", WATCHDOG_SOURCE], {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
    });
    this.#watchdog.stdin?.on("error", () => {});
    this.#watchdog.unref();
    (this.#watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    process.on("exit", this.#onExit);
    for (const signal of FATAL_SIGNALS) process.on(signal, this.#onSignal);
  }

  /** Starts tracking process group `group` (a detached child's pid). */
  add(group: number): void {
    this.#groups.add(group);
    this.#watchdog.stdin?.write(`+${group}\n`);
  }

  /** Stops tracking `group`, once it has been killed and reaped. */
  remove(group: number): void {
    if (!this.#groups.delete(group)) return;
    this.#watchdog.stdin?.write(`-${group}\n`);
  }

  /** Sends SIGKILL to every tracked group, now. */
  killAll(): void {
    for (const group of this.#groups) signalGroup(group, "SIGKILL");
  }

  /** Kills what is left, lets the watchdog exit and removes the handlers. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.killAll();
    this.#groups.clear();
    this.#watchdog.stdin?.end();
    process.off("exit", this.#onExit);
    for (const signal of FATAL_SIGNALS) process.off(signal, this.#onSignal);
  }
}
