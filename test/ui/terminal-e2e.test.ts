/**
 * The viewer in a real terminal: tmux runs `faultline ui` on the stale-replicas planted bug
 * (seed 2), keys are sent with `send-keys` and the screen is read with `capture-pane`.
 * Runs the built command (`npm test` builds first). tmux is installed if missing (apt-get,
 * as root); when that is impossible the test is skipped and says why.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../scenario/helpers.js";

/** Whether tmux can be used, installing it if needed. */
function tmuxAvailable(): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (spawnSync("tmux", ["-V"]).status === 0) return { ok: true };
  if (process.getuid?.() !== 0)
    return { ok: false, reason: "tmux is missing and installing it needs root" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "tmux"], { stdio: "ignore", timeout: 300_000 })
      .status === 0;
  if (!install()) {
    spawnSync("apt-get", ["update"], { stdio: "ignore", timeout: 300_000 });
    if (!install())
      return { ok: false, reason: "tmux is missing and apt-get could not install it" };
  }
  return spawnSync("tmux", ["-V"]).status === 0
    ? { ok: true }
    : { ok: false, reason: "tmux was installed but does not run" };
}

const tmux = tmuxAvailable();
const SOCKET = `faultline-e2e-${process.pid}`;
const SESSION = "ui";
/** Longest wait for the screen to show something, in milliseconds (a bound, not a goal). */
const WAIT_LIMIT_MS = 60_000;

function run(...args: string[]): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
}

function screen(): string {
  return run("capture-pane", "-p", "-t", SESSION);
}

async function screenWhere(what: string, ready: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const text = screen();
    if (ready(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`the screen never showed ${what}; it shows:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function keys(...names: string[]): void {
  run("send-keys", "-t", SESSION, ...names);
}

/** How long a key may go unanswered before it is sent again (a busy machine can drop one). */
const RESEND_AFTER_MS = 15_000;

/**
 * Presses `key` and waits for the screen to show `what`; if nothing happened after a while
 * and `unchanged` says the key was not seen at all, presses it again.
 */
async function press(
  key: string,
  what: string,
  ready: (text: string) => boolean,
  unchanged: (text: string) => boolean,
): Promise<string> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let resendAt = Date.now() + RESEND_AFTER_MS;
  keys(key);
  for (;;) {
    const text = screen();
    if (ready(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`the screen never showed ${what}; it shows:\n${text}`);
    if (Date.now() > resendAt && unchanged(text)) {
      keys(key);
      resendAt = Date.now() + RESEND_AFTER_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("faultline ui in a real terminal (tmux)", () => {
  if (!tmux.ok) {
    it.skip(`is skipped: ${tmux.reason}`, () => {});
    return;
  }

  afterAll(() => {
    spawnSync("tmux", ["-L", SOCKET, "kill-server"]);
  });

  it("replays the planted bug, steps, jumps to the violation, resizes and quits", async () => {
    // The shell reports the command's exit status on the screen once it has ended.
    const command =
      "env -u CI -u CONTINUOUS_INTEGRATION sh -c 'node bin/faultline.js ui test/fixtures/scenarios/stale-replicas.yaml --seed 2; echo \"faultline exited with $?\"; sleep 600'";
    run("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", "-c", ROOT, command);

    const opened = await screenWhere("the first frame", (text) => text.includes("#0/"));
    expect(opened).toMatch(
      /^FAILED linearizability \| PAUSED \| #0\/\d+ \| t=0\.000000s\/2\.\d+s \| faultline stale-replicas seed 2/m,
    );
    expect(opened).toMatch(/^> +0 +0\.000000s n1 +start/m);

    const stepped = await press(
      "Right",
      "the second event",
      (text) => text.includes("#1/"),
      (text) => text.includes("#0/"),
    );
    expect(stepped).toMatch(/^> +1 +0\.000000s n2 +start/m);

    const violation = await press(
      "v",
      "the violation",
      (text) => text.includes("#78/"),
      (text) => text.includes("#1/"),
    );
    expect(violation).toContain("Violation | linearizability | at event #78");
    expect(violation).toMatch(/^> +78 +0\.031485s n3->c3 +resp-arrive/m);

    keys("?");
    await screenWhere("the help", (text) => text.includes("Keys"));
    keys("?");
    await screenWhere(
      "the panels again",
      (text) => !text.includes("Keys") && text.includes("Violation |"),
    );

    run("resize-window", "-t", SESSION, "-x", "80", "-y", "24");
    const resized = await screenWhere("a frame for 80x24", (text) =>
      text
        .split("\n")
        .some((line) => /^ +\d+\.\d{6}s-+\^-+\d+\.\d{6}s$/.test(line) && line.length === 80),
    );
    const lines = resized.split("\n");
    expect(lines.filter((line) => line.startsWith("FAILED linearizability | PAUSED")).length).toBe(
      1,
    );
    expect(lines.every((line) => line.length <= 80)).toBe(true);
    expect(resized).toContain("Violation | linearizability");

    keys("q");
    const status = await screenWhere("the command's exit", (text) =>
      text.includes("faultline exited with"),
    );
    // The run failed linearizability, so the command exits with 1, leaving the screen as it was.
    expect(status).toContain("faultline exited with 1");
    expect(status).not.toContain("Violation |");
  }, 240_000);
});
