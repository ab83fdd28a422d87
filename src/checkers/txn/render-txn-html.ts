/**
 * The HTML page of transactional check results: per history its verdict, the models ruled
 * out, and each anomaly with its explanation and, for cycles, a drawing of the cycle.
 * Self-contained (inline CSS and SVG), so it opens offline.
 */
import { escapeHtml, renderCycleSvg } from "./render-cycle-svg.js";
import type { TxnAnomaly, TxnCheckResult } from "./types.js";

/** One checked history, as the page shows it. */
export interface TxnReportEntry {
  readonly file: string;
  readonly model: string;
  readonly consistency: string;
  readonly result: TxnCheckResult;
}

function anomalySection(anomaly: TxnAnomaly): string {
  const drawing =
    anomaly.cycle === undefined ? "" : `<div class="cycle">${renderCycleSvg(anomaly.cycle)}</div>`;
  return `<section class="anomaly"><h3>${escapeHtml(anomaly.type)}</h3>${drawing}<pre>${escapeHtml(anomaly.explanation)}</pre></section>`;
}

function entrySection(entry: TxnReportEntry): string {
  const { result } = entry;
  const notModels =
    result.notModels.length === 0 ? "none" : result.notModels.map(escapeHtml).join(", ");
  const reason =
    result.reason === undefined ? "" : `<p>Why unknown: ${escapeHtml(result.reason)}</p>`;
  return [
    `<article><h2>${escapeHtml(entry.file)}: <span class="${result.verdict}">${result.verdict}</span></h2>`,
    `<p>Checked as ${escapeHtml(entry.model)} against ${escapeHtml(entry.consistency)}. Models ruled out: ${notModels}.</p>`,
    reason,
    ...result.anomalies.map(anomalySection),
    "</article>",
  ].join("\n");
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
pre{white-space:pre-wrap;background:#fafafa;padding:.6em;border:1px solid #ddd}
.valid{color:#2ca02c}.violation{color:#d62728}.unknown{color:#ff7f0e}
.anomaly{display:flex;gap:1em;align-items:flex-start;flex-wrap:wrap;border-top:1px solid #eee}
.anomaly h3{width:100%;margin-bottom:0}`;

/**
 * Renders the page for some checked histories.
 *
 * @example
 * ```ts
 * const html = renderTxnHtml([{ file: "h.edn", model: "list-append", consistency: "serializable", result }]);
 * ```
 */
export function renderTxnHtml(entries: readonly TxnReportEntry[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>faultline: transactional check</title><style>${STYLE}</style></head>
<body><h1>Transactional isolation check</h1>
${entries.map(entrySection).join("\n")}
</body></html>
`;
}
