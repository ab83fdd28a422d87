/**
 * The report's plots, drawn as SVG when the report is built (no script needed to view
 * them): latency of every operation over time by function and outcome, latency quantiles
 * over time, and throughput by outcome, each with the fault windows shaded, as Maelstrom's
 * and Jepsen's latency and rate plots show them. d3-scale gives the axes "nice" bounds and
 * ticks (linear and logarithmic) and d3-shape the line paths: both small, well-kept and
 * free of DOM use, so they run in Node at build time.
 */
import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import type { RecordedFault, RecordedHistoryEvent } from "../recording/recording.js";
import { escapeHtml } from "./format.js";

const WIDTH = 900;
const HEIGHT = 260;
const MARGIN = { top: 14, right: 130, bottom: 32, left: 56 };
/** Most points a scatter plot draws; beyond it every n-th operation is drawn (stated on the plot). */
const MAX_POINTS = 4000;
/** Time buckets of the quantile and throughput plots. */
const BUCKETS = 60;
const PALETTE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
];
const OUTCOME_COLORS: Readonly<Record<string, string>> = {
  ok: "#2a9d4b",
  fail: "#d62728",
  info: "#e6a700",
};

/** One completed (or timed out) operation, for plotting. */
export interface PlottedOperation {
  readonly f: string;
  readonly outcome: "ok" | "fail" | "info";
  readonly startUs: number;
  readonly latencyUs: number;
}

/** Pairs a history's invocations with their completions (an unfinished one ends at `endUs`). */
export function plottedOperations(
  history: readonly RecordedHistoryEvent[],
  endUs: number,
): PlottedOperation[] {
  const open = new Map<string | number, RecordedHistoryEvent>();
  const operations: PlottedOperation[] = [];
  for (const event of history) {
    if (event.type === "invoke") {
      open.set(event.process, event);
      continue;
    }
    const invoke = open.get(event.process);
    if (invoke === undefined) continue;
    open.delete(event.process);
    operations.push({
      f: invoke.f,
      outcome: event.type,
      startUs: invoke.time,
      latencyUs: event.time - invoke.time,
    });
  }
  for (const invoke of open.values())
    operations.push({
      f: invoke.f,
      outcome: "info",
      startUs: invoke.time,
      latencyUs: endUs - invoke.time,
    });
  return operations.sort((a, b) => a.startUs - b.startUs);
}

interface Frame {
  readonly x: ScaleContinuousNumeric<number, number>;
  readonly y: ScaleContinuousNumeric<number, number>;
}

function axes(frame: Frame, yLabel: string, yTicks: number): string {
  const bottom = HEIGHT - MARGIN.bottom;
  const xTicks = frame.x.ticks(10).map((tick) => {
    const x = frame.x(tick);
    return `<line x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${bottom}" class="grid"/><text x="${x}" y="${bottom + 14}" text-anchor="middle">${tick}</text>`;
  });
  const yTickValues = frame.y.ticks(yTicks);
  const format = frame.y.tickFormat(yTicks, "~r");
  const yTickMarks = yTickValues.map((tick) => {
    const y = frame.y(tick);
    return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" class="grid"/><text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${format(tick)}</text>`;
  });
  return [
    ...xTicks,
    ...yTickMarks,
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 2}" text-anchor="middle">virtual time (s)</text>`,
    `<text transform="translate(12 ${(MARGIN.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`,
  ].join("");
}

function faultBands(faults: readonly RecordedFault[], frame: Frame, durationUs: number): string {
  return faults
    .map((fault) => {
      const x0 = frame.x(fault.startUs / 1e6);
      const x1 = frame.x((fault.endUs ?? durationUs) / 1e6);
      return `<rect class="fault-band" x="${x0}" y="${MARGIN.top}" width="${Math.max(1, x1 - x0)}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}"><title>${escapeHtml(fault.description)}</title></rect>`;
    })
    .join("");
}

function legend(entries: readonly (readonly [string, string])[]): string {
  return entries
    .map(([label, color], index) => {
      const y = MARGIN.top + 8 + index * 16;
      return `<rect x="${WIDTH - MARGIN.right + 10}" y="${y - 8}" width="10" height="10" fill="${color}"/><text x="${WIDTH - MARGIN.right + 26}" y="${y + 1}">${escapeHtml(label)}</text>`;
    })
    .join("");
}

function svg(title: string, body: string): string {
  return `<figure class="plot"><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">${body}</svg></figure>`;
}

function timeScale(durationUs: number) {
  return scaleLinear()
    .domain([0, Math.max(durationUs, 1) / 1e6])
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .nice();
}

function functionColors(operations: readonly PlottedOperation[]): Map<string, string> {
  const names = [...new Set(operations.map((operation) => operation.f))].sort();
  return new Map(names.map((name, index) => [name, PALETTE[index % PALETTE.length]!]));
}

/** Latency of each operation against its start time: color by function, mark by outcome. */
export function latencyScatter(
  operations: readonly PlottedOperation[],
  faults: readonly RecordedFault[],
  durationUs: number,
): string {
  const stride = Math.max(1, Math.ceil(operations.length / MAX_POINTS));
  const shown = operations.filter((_, index) => index % stride === 0);
  const maxMs = Math.max(1, ...shown.map((operation) => operation.latencyUs / 1000));
  const frame: Frame = {
    x: timeScale(durationUs),
    y: scaleLog()
      .domain([0.1, maxMs])
      .range([HEIGHT - MARGIN.bottom, MARGIN.top])
      .clamp(true)
      .nice(),
  };
  const colors = functionColors(shown);
  const points = shown.map((operation) => {
    const x = frame.x(operation.startUs / 1e6).toFixed(1);
    const y = frame.y(Math.max(0.1, operation.latencyUs / 1000)).toFixed(1);
    const color = colors.get(operation.f)!;
    if (operation.outcome === "ok") return `<circle cx="${x}" cy="${y}" r="2.2" fill="${color}"/>`;
    if (operation.outcome === "fail")
      return `<path d="M${x} ${y}m-3 -3l6 6m0 -6l-6 6" stroke="${color}" stroke-width="1.5"/>`;
    return `<path d="M${x} ${y}m0 -4l3.5 6h-7z" fill="none" stroke="${color}" stroke-width="1.3"/>`;
  });
  const sampled = stride > 1 ? ` (every ${stride}th of ${operations.length} operations)` : "";
  const entries = [...colors].map(([f, color]) => [f, color] as const);
  const outcomes = `<text x="${WIDTH - MARGIN.right + 10}" y="${MARGIN.top + 12 + entries.length * 16}">● ok  ✕ fail  △ info</text>`;
  return svg(
    `Latency by operation and outcome${sampled}`,
    faultBands(faults, frame, durationUs) +
      axes(frame, "latency (ms, log)", 6) +
      points.join("") +
      legend(entries) +
      outcomes,
  );
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Latency quantiles (p50, p95, p99, max) of completed operations over time buckets. */
export function latencyQuantiles(
  operations: readonly PlottedOperation[],
  faults: readonly RecordedFault[],
  durationUs: number,
): string {
  const bucketUs = Math.max(1, Math.ceil(durationUs / BUCKETS));
  const buckets: number[][] = Array.from({ length: BUCKETS }, () => []);
  for (const operation of operations) {
    if (operation.outcome !== "ok") continue;
    buckets[Math.min(BUCKETS - 1, Math.floor(operation.startUs / bucketUs))]!.push(
      operation.latencyUs / 1000,
    );
  }
  for (const bucket of buckets) bucket.sort((a, b) => a - b);
  const series: [string, number, string][] = [
    ["p50", 0.5, "#1f77b4"],
    ["p95", 0.95, "#ff7f0e"],
    ["p99", 0.99, "#d62728"],
    ["max", 1, "#555"],
  ];
  const maxMs = Math.max(
    1,
    ...buckets.flatMap((bucket) => (bucket.length === 0 ? [] : [bucket.at(-1)!])),
  );
  const frame: Frame = {
    x: timeScale(durationUs),
    y: scaleLinear()
      .domain([0, maxMs])
      .range([HEIGHT - MARGIN.bottom, MARGIN.top])
      .nice(),
  };
  const paths = series.map(([, q, color]) => {
    const points = buckets.flatMap((bucket, index) =>
      bucket.length === 0
        ? []
        : [
            [frame.x(((index + 0.5) * bucketUs) / 1e6), frame.y(quantile(bucket, q))] as [
              number,
              number,
            ],
          ],
    );
    return `<path d="${line()(points) ?? ""}" fill="none" stroke="${color}" stroke-width="1.6"/>`;
  });
  return svg(
    `Latency quantiles of ok operations (buckets of ${(bucketUs / 1000).toFixed(0)} ms)`,
    faultBands(faults, frame, durationUs) +
      axes(frame, "latency (ms)", 6) +
      paths.join("") +
      legend(series.map(([name, , color]) => [name, color])),
  );
}

/** Operations completed per second, by outcome, over time buckets. */
export function throughput(
  operations: readonly PlottedOperation[],
  faults: readonly RecordedFault[],
  durationUs: number,
): string {
  const bucketUs = Math.max(1, Math.ceil(durationUs / BUCKETS));
  const outcomes = ["ok", "fail", "info"] as const;
  const counts = new Map(outcomes.map((outcome) => [outcome, new Array<number>(BUCKETS).fill(0)]));
  for (const operation of operations) {
    const bucket = Math.min(
      BUCKETS - 1,
      Math.floor((operation.startUs + operation.latencyUs) / bucketUs),
    );
    counts.get(operation.outcome)![bucket]! += 1;
  }
  const perSecond = 1e6 / bucketUs;
  const max = Math.max(1, ...[...counts.values()].flat().map((count) => count * perSecond));
  const frame: Frame = {
    x: timeScale(durationUs),
    y: scaleLinear()
      .domain([0, max])
      .range([HEIGHT - MARGIN.bottom, MARGIN.top])
      .nice(),
  };
  const paths = outcomes.map((outcome) => {
    const points = counts
      .get(outcome)!
      .map(
        (count, index) =>
          [frame.x(((index + 0.5) * bucketUs) / 1e6), frame.y(count * perSecond)] as [
            number,
            number,
          ],
      );
    return `<path d="${line()(points) ?? ""}" fill="none" stroke="${OUTCOME_COLORS[outcome]}" stroke-width="1.6"/>`;
  });
  return svg(
    "Throughput: operations completed per second, by outcome",
    faultBands(faults, frame, durationUs) +
      axes(frame, "operations / s", 6) +
      paths.join("") +
      legend(outcomes.map((outcome) => [outcome, OUTCOME_COLORS[outcome]!])),
  );
}
