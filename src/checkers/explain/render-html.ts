/**
 * Renders visualization data as one self-contained HTML page: inline CSS and SVG, no
 * scripts and no network. Each partition is a set of lanes, one per process, with every
 * operation drawn as an interval; linearized operations carry their position in the
 * linearization, the blocking operation is red, and the smallest set that cannot be
 * ordered is outlined. Hovering an operation shows its details.
 */
import type { VisualizationData, VisualOperation, VisualPartition } from "./visualization-data.js";

const LANE_HEIGHT = 30;
const BAR_HEIGHT = 20;
const LABEL_WIDTH = 70;
const MAX_WIDTH = 6000;
const UNIT_MAX = 20;
const UNIT_MIN = 8;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
.notes li { margin: 2px 0; }
.scroll { overflow-x: auto; border: 1px solid #ddd; padding: 8px 0; }
svg text { font: 11px ui-monospace, monospace; }
rect.linearized { fill: #bfe3bf; stroke: #4c8c4c; }
rect.blocker { fill: #f3a5a5; stroke: #b03030; }
rect.unplaced { fill: #e4e4e4; stroke: #999; }
rect.open { stroke-dasharray: 4 3; fill-opacity: 0.55; }
rect.culprit { stroke: #c0392b; stroke-width: 3; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 8px; border: 1px solid #999; }
table { border-collapse: collapse; margin-top: 8px; } td, th { padding: 2px 10px; text-align: left; border-bottom: 1px solid #eee; }
td.mono { font-family: ui-monospace, monospace; }
`;

function bar(operation: VisualOperation, lane: number, unit: number, axisLength: number): string {
  const x0 = LABEL_WIDTH + operation.start * unit;
  const x1 = LABEL_WIDTH + (operation.end ?? axisLength) * unit;
  const y = lane * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2;
  const classes = [
    operation.role,
    operation.end === null ? "open" : "",
    operation.culprit ? "culprit" : "",
  ]
    .filter((name) => name.length > 0)
    .join(" ");
  const details = [
    `${operation.process}  ${operation.description}`,
    operation.interval,
    operation.order === null
      ? "not linearized"
      : `linearized #${operation.order}, state after: ${operation.stateAfter}`,
  ].join("\n");
  const label =
    operation.order === null ? (operation.role === "blocker" ? "✗" : "") : String(operation.order);
  const width = Math.max(4, x1 - x0);
  return `<g><title>${escapeHtml(details)}</title><rect class="${classes}" x="${x0}" y="${y}" width="${width}" height="${BAR_HEIGHT}" rx="3"/>${
    label.length > 0 ? `<text x="${x0 + 4}" y="${y + 14}">${escapeHtml(label)}</text>` : ""
  }</g>`;
}

function lanesSvg(partition: VisualPartition): string {
  const unit = Math.max(
    UNIT_MIN,
    Math.min(UNIT_MAX, Math.floor(MAX_WIDTH / Math.max(1, partition.axisLength))),
  );
  const width = LABEL_WIDTH + (partition.axisLength + 1) * unit;
  const height = partition.processes.length * LANE_HEIGHT;
  const laneOf = new Map(partition.processes.map((process, index) => [process, index]));
  const labels = partition.processes.map(
    (process, index) => `<text x="4" y="${index * LANE_HEIGHT + 19}">${escapeHtml(process)}</text>`,
  );
  const bars = partition.operations.map((operation) =>
    bar(operation, laneOf.get(operation.process)!, unit, partition.axisLength),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${labels.join("")}${bars.join("")}</svg>`;
}

function linearizationTable(partition: VisualPartition): string {
  const steps = partition.operations
    .filter((operation) => operation.order !== null)
    .sort((a, b) => a.order! - b.order!);
  const special = partition.operations.filter(
    (operation) => operation.role === "blocker" || operation.culprit,
  );
  const rows = [...steps, ...special.filter((operation) => operation.order === null)].map(
    (operation) =>
      `<tr><td>${operation.order ?? (operation.role === "blocker" ? "✗" : "")}</td><td>${escapeHtml(operation.process)}</td><td class="mono">${escapeHtml(operation.description)}</td><td>${escapeHtml(operation.interval)}</td><td class="mono">${escapeHtml(operation.stateAfter ?? "")}</td><td>${operation.culprit ? "in the smallest set" : operation.role === "blocker" ? "cannot be placed" : ""}</td></tr>`,
  );
  if (rows.length === 0) return "";
  return `<table><tr><th>#</th><th>process</th><th>operation</th><th>interval</th><th>state after</th><th></th></tr>${rows.join("")}</table>`;
}

function partitionSection(partition: VisualPartition): string {
  const title = partition.key === null ? "History" : `Key ${escapeHtml(partition.key)}`;
  return `<h2>${title} (${partition.operations.length} operations, ${partition.status})</h2><div class="scroll">${lanesSvg(partition)}</div>${linearizationTable(partition)}`;
}

const VERDICT_WORDS = {
  linearizable: "linearizable",
  violation: "not linearizable",
  unknown: "unknown",
};

function historySection(data: VisualizationData): string {
  const verdict = VERDICT_WORDS[data.verdict];
  return `<h1>${escapeHtml(data.file)}: ${verdict} (model ${escapeHtml(data.model)})</h1>
<ul class="notes">${data.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join("")}</ul>
${data.partitions.map(partitionSection).join("\n")}`;
}

/**
 * Renders the page for one or more checked histories.
 *
 * @example
 * ```ts
 * const html = renderHtml([visualizationData({ file, prepared, result })]);
 * ```
 */
export function renderHtml(histories: readonly VisualizationData[]): string {
  const title =
    histories.length === 1
      ? `${histories[0]!.file}: ${VERDICT_WORDS[histories[0]!.verdict]}`
      : `${histories.length} histories`;
  const legend =
    '<p class="legend"><span style="background:#bfe3bf">linearized (#order)</span><span style="background:#f3a5a5">cannot be placed</span><span style="border:3px solid #c0392b">cannot be ordered (smallest set)</span><span style="background:#e4e4e4">not linearized</span><span style="border-style:dashed">outcome unknown (open)</span></p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${legend}
${histories.map(historySection).join("\n")}
</body></html>
`;
}
