/**
 * `faultline bench ui`: how fast the terminal UI opens a long failing run and answers a
 * key. The run is a fixed seed of `bench/ui.yaml` (a minute of the reference Raft with a planted bug
 * under faults, failing linearizability); opening means replaying it with the full trace,
 * recording the node states, judging the history and drawing the first frame. Then keys
 * are typed into an in-memory terminal and each is timed from the key to the frame it
 * causes. Goals: open within 2 s; every key redraws within 50 ms. CPU times are printed
 * beside wall-clock times because a busy machine inflates only the latter. The first open
 * is reported apart: it runs before the JIT has optimised the simulator.
 */
import { loadScenario } from "../scenario/load-scenario.js";
import type { Scenario } from "../scenario/scenario.js";
import { benchFile } from "./bench-files.js";
import { type BenchReport, type BenchSuite, formatNumber, median } from "./suite.js";

/** The seed opened: it fails linearizability (the bench checks that it still does). */
const SEED = 2;
/** Times the run is opened (each from scratch). */
const OPEN_RUNS = 3;
/** The terminal the keys are typed into. */
const COLUMNS = 120;
const ROWS = 40;
/** A frame is a write at least this long (cursor-only writes are shorter). */
const FRAME_CHARS = 200;
/** A key that causes no frame within this long counts as a miss. */
const FRAME_TIMEOUT_MS = 2_000;
/** Pause after each frame, so that each key starts a fresh frame budget. */
const SETTLE_MS = 40;
const OPEN_GOAL_MS = 2_000;
const KEY_GOAL_MS = 50;

const RIGHT = "\u001B[C";
const LEFT = "\u001B[D";
const PAGE_DOWN = "\u001B[6~";

/** The keys typed, with names for the report: stepping, faults, violation, filters, prompts. */
const KEYS: readonly (readonly [name: string, data: string])[] = [
  ...Array.from({ length: 20 }, () => ["→", RIGHT] as const),
  ...Array.from({ length: 5 }, () => ["←", LEFT] as const),
  ...Array.from({ length: 3 }, () => ["PgDn", PAGE_DOWN] as const),
  ...Array.from({ length: 8 }, () => ["n", "n"] as const),
  ...Array.from({ length: 3 }, () => ["N", "N"] as const),
  ["v", "v"],
  ["→", RIGHT],
  ["v", "v"],
  ...Array.from({ length: 3 }, () => ["f", "f"] as const),
  ...Array.from({ length: 3 }, () => ["k", "k"] as const),
  ["x", "x"],
  ["g", "g"],
  ["3", "3"],
  ["0", "0"],
  ["s", "s"],
  ["Enter (go to 30s)", "\r"],
  ["/", "/"],
  ["c", "c"],
  ["r", "r"],
  ["Enter (search)", "\r"],
  ["+", "+"],
  ["-", "-"],
  ["?", "?"],
  ["?", "?"],
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The UI's modules, loaded only when the suite runs (ink reads CI variables on load). */
async function loadUi() {
  // ink draws nothing but the last frame when it believes it runs in CI; the bench needs
  // every frame, as a terminal gets them.
  Reflect.deleteProperty(process.env, "CI");
  Reflect.deleteProperty(process.env, "CONTINUOUS_INTEGRATION");
  const [ui, run, terminal] = await Promise.all([
    import("../../ui/index.js"),
    import("../../ui/load-viewer.js").then((module) => module.loadViewer()),
    import("../../ui/testing/memory-terminal.js"),
  ]);
  return { ...ui, ...run, ...terminal };
}

type Ui = Awaited<ReturnType<typeof loadUi>>;

/** Opens the run once: replay, context, first frame. Returns timings and the mounted viewer. */
async function openOnce(ui: Ui, scenario: Scenario) {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const recording = await ui.recordReplay(scenario, SEED, { label: "bench/ui.yaml" });
  if (recording.result.ok)
    throw new Error(`bench/ui.yaml seed ${SEED} passed; the bench needs a failing run`);
  const context = ui.buildViewerContext(recording);
  const stdout = new ui.MemoryOutput(COLUMNS, ROWS);
  const stdin = new ui.MemoryInput();
  const frame = stdout.nextWrite(FRAME_CHARS, FRAME_TIMEOUT_MS * 5);
  const instance = ui.mountReplayApp(context, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  const drawn = await frame;
  if (drawn === undefined) throw new Error("the viewer drew no frame");
  const cpu = process.cpuUsage(cpuStart);
  return {
    wallMs: drawn - wallStart,
    cpuMs: (cpu.user + cpu.system) / 1000,
    events: recording.columns.length,
    virtualUs: recording.result.virtualUs,
    stdout,
    stdin,
    instance,
  };
}

/**
 * Types every key, timing each from the key to its frame: wall-clock time, and the CPU time
 * the process used meanwhile (which a busy machine does not inflate).
 */
async function timeKeys(opened: Awaited<ReturnType<typeof openOnce>>) {
  const timings: { readonly name: string; readonly ms: number; readonly cpuMs: number }[] = [];
  let misses = 0;
  await sleep(SETTLE_MS);
  for (const [name, data] of KEYS) {
    const frame = opened.stdout.nextWrite(FRAME_CHARS, FRAME_TIMEOUT_MS);
    const cpu = process.cpuUsage();
    const typed = performance.now();
    opened.stdin.type(data);
    const drawn = await frame;
    const used = process.cpuUsage(cpu);
    if (drawn === undefined) misses++;
    else timings.push({ name, ms: drawn - typed, cpuMs: (used.user + used.system) / 1000 });
    await sleep(SETTLE_MS);
  }
  return { timings, misses };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

type Opened = Awaited<ReturnType<typeof openOnce>>;
type KeyTimings = Awaited<ReturnType<typeof timeKeys>>;

async function runUiBench(progress: (message: string) => void): Promise<BenchReport> {
  const ui = await loadUi();
  const scenario = await loadScenario(benchFile("ui.yaml"));
  const opens: Opened[] = [];
  for (let run = 0; run < OPEN_RUNS; run++) {
    const opened = await openOnce(ui, scenario);
    progress(
      `open ${run + 1}: ${opened.wallMs.toFixed(0)} ms wall, ${opened.cpuMs.toFixed(0)} ms cpu`,
    );
    if (run < OPEN_RUNS - 1) opened.instance.unmount();
    opens.push(opened);
  }
  const last = opens.at(-1)!;
  const keys = await timeKeys(last);
  last.instance.unmount();
  return report(scenario.name, opens, keys);
}

/** The suite's figures: opening (median and first) and keys (median, p95, max, CPU). */
function report(
  scenario: string,
  opens: readonly Opened[],
  { timings, misses }: KeyTimings,
): BenchReport {
  const last = opens.at(-1)!;
  const open = {
    median: median(opens.map((opened) => opened.wallMs)),
    cpu: median(opens.map((opened) => opened.cpuMs)),
    first: opens[0]!.wallMs,
    firstCpu: opens[0]!.cpuMs,
  };
  const keyMs = timings.map((timing) => timing.ms);
  const keys = {
    median: median(keyMs),
    p95: percentile(keyMs, 0.95),
    max: keyMs.reduce((most, ms) => Math.max(most, ms), 0),
    cpu: median(timings.map((timing) => timing.cpuMs)),
    slowest: timings.reduce((worst, timing) => (timing.ms > worst.ms ? timing : worst)).name,
  };
  const fixed = (value: number) => Number(value.toFixed(1));
  return {
    json: {
      suite: "ui",
      scenario,
      seed: SEED,
      events: last.events,
      virtualSeconds: Number((last.virtualUs / 1_000_000).toFixed(3)),
      openMs: Math.round(open.median),
      openCpuMs: Math.round(open.cpu),
      openMsFirst: Math.round(open.first),
      openCpuMsFirst: Math.round(open.firstCpu),
      openGoalMs: OPEN_GOAL_MS,
      keys: timings.length,
      keyMisses: misses,
      keyRedrawMsMedian: fixed(keys.median),
      keyRedrawMsP95: fixed(keys.p95),
      keyRedrawMsMax: fixed(keys.max),
      keyRedrawCpuMsMedian: fixed(keys.cpu),
      slowestKey: keys.slowest,
      keyGoalMs: KEY_GOAL_MS,
    },
    rows: [
      [
        "run",
        `${scenario} seed ${SEED}: ${formatNumber(last.events)} events, ${formatNumber(last.virtualUs / 1_000_000, 1)} s virtual`,
      ],
      [
        "open (median of 3)",
        `${formatNumber(open.median)} ms wall, ${formatNumber(open.cpu)} ms cpu (goal < ${formatNumber(OPEN_GOAL_MS)} ms)`,
      ],
      [
        "open (first, cold)",
        `${formatNumber(open.first)} ms wall, ${formatNumber(open.firstCpu)} ms cpu (before the JIT has warmed up)`,
      ],
      [
        "key -> frame",
        `median ${formatNumber(keys.median, 1)} ms, p95 ${formatNumber(keys.p95, 1)} ms, max ${formatNumber(keys.max, 1)} ms (${keys.slowest}) over ${timings.length} keys (goal < ${KEY_GOAL_MS} ms)`,
      ],
      ["key -> frame, cpu", `median ${formatNumber(keys.cpu, 1)} ms of CPU time per key`],
      ["keys without a frame", String(misses)],
    ],
  };
}

/** The ui suite. */
export const uiBench: BenchSuite = {
  name: "ui",
  summary:
    "terminal UI: open a 60 s failing run (goal < 2 s) and redraw after a key (goal < 50 ms)",
  run: runUiBench,
};
