import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { ReplayApp } from "../../ui/components/ReplayApp.js";
import { contextOf, LEADER_FAULTS, STALE_REPLICAS } from "./support/fixtures.js";
import { frameWhere, KEYS, plainFrame, press, type RenderedApp } from "./support/frames.js";

const SIZE = { columns: 100, rows: 30 };
let mounted: { unmount(): void } | undefined;

afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(
  path: string,
  seed: number,
  size = SIZE,
): Promise<RenderedApp & { frames: string[] }> {
  const app = render(<ReplayApp context={await contextOf(path, seed)} size={size} />);
  mounted = app;
  await frameWhere(app, (frame) => frame.includes("faultline"));
  return app;
}

/** The line of the events list that carries the cursor (`>` in the first column). */
function cursorLine(frame: string): string {
  return frame.split("\n").find((line) => /^> +\d+ /.test(line)) ?? "";
}

describe("the replay viewer", () => {
  it("opens on the first event with the run's header and verdict", async () => {
    const frame = plainFrame(await open(STALE_REPLICAS, 2));
    expect(frame.split("\n")[0]).toMatch(
      /^FAILED linearizability \| PAUSED \| #0\/\d+ \| t=0\.000000s\/2\.\d+s \| faultline stale-replicas seed 2/,
    );
    expect(cursorLine(frame)).toMatch(/^> +0 +0\.000000s n1 +start/);
    expect(frame).toContain("press v to jump to the violation");
  });

  it("steps forward and back one event per arrow key", async () => {
    const app = await open(STALE_REPLICAS, 2);
    const first = await press(app, KEYS.right);
    expect(cursorLine(first)).toMatch(/^> +1 /);
    expect(first).toContain("| #1/");
    const second = await press(app, KEYS.right);
    expect(cursorLine(second)).toMatch(/^> +2 /);
    const back = await press(app, KEYS.left);
    expect(cursorLine(back)).toMatch(/^> +1 /);
  });

  it("jumps to the violation with v and shows the checker's explanation", async () => {
    const app = await open(STALE_REPLICAS, 2);
    const frame = await press(app, "v");
    expect(frame).toContain("Violation | linearizability | at event #78 | lines 1-");
    expect(cursorLine(frame)).toMatch(
      /^> +78 +0\.031485s n3->c3 +resp-arrive +\{type:"ok",value:1\}/,
    );
    expect(frame).toContain("These 2 operations cannot be ordered");
    expect(frame).toContain(
      '!! not linearizable on key k1: 2 operations cannot be ordered: p3 read("k1") -> 3,',
    );
    let scrolled = frame;
    for (let line = 0; line < 14 && !scrolled.includes("Cannot be placed next"); line++)
      scrolled = await press(app, "J");
    expect(scrolled).toContain('Cannot be placed next: read("k1") -> 1 by p3');
    const hidden = await press(app, "v");
    expect(hidden).not.toContain("Violation |");
  });

  it("shows the node table with role, term and commit index when the system reports them", async () => {
    const app = await open(LEADER_FAULTS, 3);
    const frame = await press(app, "v");
    expect(frame).toMatch(/node +status +net +clock +role +term +commit +summary/);
    expect(frame).toMatch(/n\d +up .* leader +\d+ +\d+ /);
  });

  it("shows a crashed node as crashed once n reaches the crash", async () => {
    const app = await open(LEADER_FAULTS, 3);
    let frame = plainFrame(app);
    for (let stop = 0; stop < 12 && !frame.includes("CRASHED"); stop++)
      frame = await press(app, "n");
    expect(frame).toMatch(/n2 +CRASHED +\S+ +\S+ +- +- +- +\(crashed: no state\)/);
  });

  it("filters the events by node with f, and clears the filter with x", async () => {
    const app = await open(LEADER_FAULTS, 3);
    const frame = await press(app, "f");
    expect(frame).toContain("Events | node n1 | kinds all");
    const rows = frame.split("\n").filter((line) => /^[> ] +\d+ +\d+\.\d{6}s /.test(line));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toMatch(/\d+\.\d{6}s (n1|\S*->n1|n1->\S*| {2,})/);
    const cleared = await press(app, "x");
    expect(cleared).toMatch(/^Events$/m);
  });

  it("shows and hides the help with ?", async () => {
    const app = await open(STALE_REPLICAS, 2);
    const help = await press(app, "?");
    for (const key of ["space", "n / N", "v", "g", "f", "/", "?", "q"])
      expect(help).toMatch(new RegExp(`^ {2}${key.replace(/[?/]/g, "\\$&")} `, "m"));
    const closed = await press(app, "?");
    expect(closed).not.toContain("Keys");
    expect(closed).toMatch(/^Events$/m);
  });

  it("goes to a virtual time typed after g", async () => {
    const app = await open(STALE_REPLICAS, 2);
    await press(app, "g");
    await press(app, "1.5s");
    const frame = await press(app, KEYS.enter);
    expect(frame).toMatch(/\| t=1\.4\d{5}s\//);
  });

  it("searches the events with /", async () => {
    const app = await open(STALE_REPLICAS, 2);
    await press(app, "/");
    await press(app, "value:5");
    app.stdin.write(KEYS.enter);
    const frame = await frameWhere(app, (current) => current.includes('found "value:5"'));
    expect(cursorLine(frame)).toContain("value:5");
  });

  it("draws the history lanes with the explained operations", async () => {
    const app = await open(STALE_REPLICAS, 2);
    const frame = await press(app, "v");
    expect(frame).toMatch(/^History \| [\d.]+ms around the cursor/m);
    expect(frame).toMatch(/^c3 +.*\[r k1=1/m);
    expect(frame).toContain("red: cannot be placed | blue: prefix end");
  });

  it("fits every line into the terminal, small or large", async () => {
    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 160, rows: 50 },
    ]) {
      const app = await open(LEADER_FAULTS, 3, size);
      for (const frame of [plainFrame(app), await press(app, "v"), await press(app, "?")]) {
        const lines = frame.split("\n");
        expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(size.columns);
        expect(lines.at(-1)).toMatch(/\S/);
      }
      mounted?.unmount();
    }
  });
});
