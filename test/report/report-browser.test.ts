/**
 * The run report in a real headless browser (Chromium from Debian's packages, installed by
 * scripts/setup-chromium.sh when missing, driven by playwright-core). Skipped, saying so,
 * only where Chromium cannot be installed. Screenshots go to the system's temporary
 * directory (FAULTLINE_REPORT_SCREENSHOTS overrides), for people to look at.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Recording } from "../../src/recording/recording.js";
import { historyData } from "../../src/report/history-data.js";
import { failureWindow, renderReport } from "../../src/report/render-report.js";
import type { RunResult } from "../../src/scenario/run-result.js";
import { ROOT } from "../scenario/helpers.js";
import { recordRun, STALE_READ } from "./report-fixture.js";

const CHROMIUM = process.env.FAULTLINE_CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = process.env.FAULTLINE_REPORT_SCREENSHOTS ?? tmpdir();

function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  spawnSync("bash", [join(ROOT, "scripts/setup-chromium.sh")], {
    stdio: "inherit",
    timeout: 600_000,
  });
  return existsSync(CHROMIUM);
}

const available = chromiumAvailable();
if (!available) {
  console.warn(
    `report browser test SKIPPED: no Chromium at ${CHROMIUM}, and scripts/setup-chromium.sh could not install it (it needs apt-get and root)`,
  );
}

describe.skipIf(!available)("the run report in Chromium", () => {
  let recording: Recording;
  let result: RunResult;
  let directory: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ recording, result } = await recordRun(STALE_READ, 1));
    directory = mkdtempSync(join(tmpdir(), "faultline-report-"));
    writeFileSync(join(directory, "index.html"), renderReport(recording));
    context = await chromium.launchPersistentContext(join(directory, "profile"), {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1400, height: 1000 },
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) errors.push(`network request: ${request.url()}`);
    });
    await page.goto(`file://${join(directory, "index.html")}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it("loads with no console error and no network request", async () => {
    await page.screenshot({ path: join(SHOTS, "faultline-report-top.png") });
    expect(errors).toEqual([]);
  });

  it("scrolls the ✗ into view on load", async () => {
    const box = (await page.locator("#violation-mark").boundingBox())!;
    const viewport = page.viewportSize()!;
    const edges = { left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height };
    expect(edges.left).toBeGreaterThanOrEqual(0);
    expect(edges.right).toBeLessThanOrEqual(viewport.width);
    expect(edges.top).toBeGreaterThanOrEqual(0);
    expect(edges.bottom).toBeLessThanOrEqual(viewport.height);
  });

  it("highlights the linearization up to a hovered operation, with the state before and after", async () => {
    if (result.linearizability?.verdict !== "violation") throw new Error("expected a violation");
    const prefix = result.linearizability.explanation.longestPrefix;
    const k = prefix.length - 1;
    await page.locator(`#partition-0 g.op[data-order="${k}"]`).hover({ force: true });
    const highlighted = await page.$$eval("#partition-0 g.op.hl", (nodes) =>
      nodes.map((node) => Number(node.getAttribute("data-id"))),
    );
    const expected = prefix.slice(0, k).map((step) => step.operation.id);
    expect(highlighted.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    const info = await page.textContent("#history-info");
    expect(info).toContain(`#${k} in the linearization`);
    expect(info).toContain(`state after: ${prefix[k - 1]!.stateAfter}`);
    await page.screenshot({ path: join(SHOTS, "faultline-report-hover.png") });
    // Hovering the ✗ highlights the whole prefix it cannot follow.
    await page.mouse.move(1, 1);
    await page.locator("#partition-0 g.op.blocker").first().hover({ force: true });
    const all = await page.$$eval("#partition-0 g.op.hl", (nodes) => nodes.length);
    expect(all).toBe(prefix.length + 1);
    expect(await page.textContent("#history-info")).toContain(
      `the state there is ${result.linearizability.explanation.stateAfterPrefix}`,
    );
  });

  it("draws one arrow per delivered message of the window, and every message of the whole run", async () => {
    const window = failureWindow(recording, historyData(recording));
    const expected = recording.messages.filter(
      (message) =>
        message.deliveredUs !== undefined &&
        message.sentUs <= window.endUs &&
        message.deliveredUs >= window.startUs,
    ).length;
    expect(expected).toBeGreaterThan(5);
    expect(await page.$$eval("#diagram g.msg.delivered", (nodes) => nodes.length)).toBe(expected);
    await page.locator("#messages h2").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "faultline-report-messages.png") });
    await page.click("#diagram-toggle");
    expect(await page.$$eval("#diagram g.msg", (nodes) => nodes.length)).toBe(
      recording.messages.length,
    );
    await page.click("#diagram-toggle");
    await page.locator("#plots h2").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "faultline-report-plots.png") });
    expect(errors).toEqual([]);
  });
});
