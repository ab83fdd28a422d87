import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { ReplayApp } from "../../ui/components/ReplayApp.js";
import { contextOf, STALE_REPLICAS } from "./support/fixtures.js";
import { frameWhere, press } from "./support/frames.js";

let mounted: { unmount(): void } | undefined;

afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(size: { columns: number; rows: number }) {
  const app = render(<ReplayApp context={await contextOf(STALE_REPLICAS, 2)} size={size} />);
  mounted = app;
  await frameWhere(app, (frame) => frame.includes("faultline"));
  return app;
}

function fits(frame: string, size: { columns: number; rows: number }): void {
  const lines = frame.split("\n");
  expect(lines.length).toBeLessThanOrEqual(size.rows);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(size.columns);
}

describe.each([
  { columns: 80, rows: 24 },
  { columns: 200, rows: 60 },
])("the viewer's explanations at $columns×$rows", (size) => {
  it("puts the verdict and the play state first in the header", async () => {
    const frame = await press(await open(size), " ");
    expect(frame.split("\n")[0]).toMatch(/^FAILED linearizability \| PLAYING x1 \| #\d+\//);
    fits(frame, size);
  });

  it("explains the violation with the smallest unorderable set first, naming the write each read saw", async () => {
    const app = await open(size);
    const frame = await press(app, "v");
    const lines = frame.split("\n");
    const title = lines.findIndex((line) => line.startsWith("Violation | linearizability"));
    expect(lines[title + 2]).toMatch(/^These 2 operations cannot be ordered/);
    expect(lines[title + 3]).toMatch(/^ {2}p3 read\("k1"\) -> 3 \[0\.022968s \.\. 0\.025871s\]/);
    expect(lines[title + 4]).toContain("read 3: the value written by p2 cas([1 3])");
    expect(frame).toContain("read 1: the value written by p0 write(1) invoked at 0.001246s");
    fits(frame, size);
    // J scrolls one line at a time; the title says which lines show.
    const down = await press(app, "J");
    expect(down).toMatch(/Violation \| linearizability \| at event #78 \| lines 2-/);
    const top = await press(app, "K");
    expect(top).toMatch(/\| lines 1-/);
  });

  it("draws the message flow between node columns, ending at the event under the cursor", async () => {
    const app = await open(size);
    await press(app, "v");
    const frame = await press(app, "m");
    const lines = frame.split("\n");
    const title = lines.findIndex((line) => line.startsWith("Message flow"));
    expect(title).toBeGreaterThan(0);
    expect(lines[title + 1]).toMatch(/^\s+n1\s+n2\s+n3\s+clients\s*$/);
    const arrows = lines.slice(title + 2).filter((line) => /^[> ] +\d+\.\d{6}s /.test(line));
    expect(arrows.length).toBeGreaterThanOrEqual(3);
    // The last arrow is the reply n3 -> c3 at the cursor: from n3's column right to the clients'.
    const last = arrows.at(-1)!;
    expect(last).toMatch(/^> +0\.031485s /);
    const header = lines[title + 1]!;
    expect(last.indexOf("•")).toBe(header.indexOf("n3") + 1);
    expect(last.trimEnd().endsWith(">")).toBe(true);
    expect(last).toContain("ok");
    fits(frame, size);
    const hidden = await press(app, "m");
    expect(hidden).not.toContain("Message flow");
  });
});

describe("the history lanes at 80×24", () => {
  const size = { columns: 80, rows: 24 };

  it("keeps each lane's label as the cursor moves, and shows the legend whole", async () => {
    const app = await open(size);
    const labels = (frame: string) =>
      frame
        .split("\n")
        .filter((line) => /^c\d+ /.test(line))
        .map((line) => line.split(" ")[0]);
    await press(app, "v");
    const before = labels(await press(app, "v"));
    expect(before.length).toBeGreaterThan(0);
    for (const label of before) expect(label).toMatch(/^c[0-3]$/);
    let frame = "";
    for (let step = 0; step < 30; step++) frame = await press(app, "l");
    expect(labels(frame)).toEqual(before);
    expect(frame).toContain(
      "red: cannot be placed | blue: prefix end | ?: unknown, pending | x: failed",
    );
  });
});
