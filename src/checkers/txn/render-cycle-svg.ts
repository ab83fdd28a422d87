/**
 * A dependency cycle drawn as a small inline SVG: the transactions on a circle, each edge
 * an arrow labelled with its kind and key (ww x, wr y, rw z, process, realtime), colored by
 * kind. Pure string building, no scripts or external assets, so the page works offline.
 */
import { formatValue } from "../value.js";
import type { TxnCycleStep } from "./types.js";

const EDGE_COLORS: Readonly<Record<string, string>> = {
  ww: "#1f77b4",
  wr: "#2ca02c",
  rw: "#d62728",
  process: "#9467bd",
  realtime: "#8c564b",
};

const SIZE = 260;
const RADIUS = 85;
const NODE_RADIUS = 20;

/** Escapes text for HTML and SVG. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function position(index: number, count: number): { x: number; y: number } {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return { x: SIZE / 2 + RADIUS * Math.cos(angle), y: SIZE / 2 + RADIUS * Math.sin(angle) };
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function arrow(step: TxnCycleStep, index: number, count: number): string {
  const from = position(index, count);
  const to = position((index + 1) % count, count);
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  // Bend outward so the arrows of a two-node cycle do not overlap.
  const bend = 22;
  const mx = (from.x + to.x) / 2 + uy * -bend;
  const my = (from.y + to.y) / 2 - ux * -bend;
  const start = { x: from.x + ux * NODE_RADIUS, y: from.y + uy * NODE_RADIUS };
  const end = { x: to.x - ux * (NODE_RADIUS + 2), y: to.y - uy * (NODE_RADIUS + 2) };
  const color = EDGE_COLORS[step.edge] ?? "#333";
  const label = step.key === undefined ? step.edge : `${step.edge} ${formatValue(step.key)}`;
  return [
    `<path d="M${round(start.x)},${round(start.y)} Q${round(mx)},${round(my)} ${round(end.x)},${round(end.y)}" fill="none" stroke="${color}" stroke-width="2" marker-end="url(#arrow-${step.edge})"/>`,
    `<text x="${round(mx)}" y="${round(my)}" font-size="11" text-anchor="middle" fill="${color}">${escapeHtml(label)}</text>`,
  ].join("");
}

function markers(): string {
  return Object.entries(EDGE_COLORS)
    .map(
      ([edge, color]) =>
        `<marker id="arrow-${edge}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
    )
    .join("");
}

/**
 * The SVG of a cycle.
 *
 * @example
 * ```ts
 * const svg = renderCycleSvg(anomaly.cycle ?? []);
 * ```
 */
export function renderCycleSvg(cycle: readonly TxnCycleStep[]): string {
  const count = cycle.length;
  const nodes = cycle
    .map((step, index) => {
      const { x, y } = position(index, count);
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${NODE_RADIUS}" fill="#f5f5f5" stroke="#333"/><text x="${round(x)}" y="${round(y + 4)}" font-size="12" text-anchor="middle">T${step.from.id}</text>`;
    })
    .join("");
  const arrows = cycle.map((step, index) => arrow(step, index, count)).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="dependency cycle"><defs>${markers()}</defs>${arrows}${nodes}</svg>`;
}
