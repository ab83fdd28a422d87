/**
 * The run report: one self-contained, offline HTML page rendered from a `Recording` (pure
 * data in, text out). It opens on the failure: the verdict and the one command that
 * replays it, then the history around the ✗ (every partition, with linearizations), the
 * checker's explanation, the message diagram of the window around the failure (the whole
 * run one click away), plots of latency and throughput with the faults shaded, and the
 * fault schedule in words. Data is embedded as JSON and drawn by the inlined script; the
 * plots are SVG drawn here.
 */
import type { Recording } from "../recording/recording.js";
import { escapeHtml, formatUs, scriptJson } from "./format.js";
import { type HistoryData, historyData } from "./history-data.js";
import { messageDiagramData, type TimeWindow } from "./message-data.js";
import { PAGE_SCRIPT } from "./page-script.js";
import { PAGE_STYLE } from "./page-style.js";
import { latencyQuantiles, latencyScatter, plottedOperations, throughput } from "./plots.js";

/** Virtual time shown before the failure in the first window of the message diagram. */
const WINDOW_BEFORE_US = 120_000;
/** Virtual time shown after it. */
const WINDOW_AFTER_US = 30_000;
/** Widest the history view is drawn at first, in pixels. */
const HISTORY_MAX_WIDTH_PX = 160_000;

/** The window the diagram shows first: around the blocking operation, or the run's end. */
export function failureWindow(recording: Recording, history: HistoryData): TimeWindow {
  const { durationUs } = recording;
  if (history.violation !== null) {
    const end = history.violation.endUs ?? history.violation.startUs;
    return {
      startUs: Math.max(0, history.violation.startUs - WINDOW_BEFORE_US),
      endUs: Math.min(durationUs, end + WINDOW_AFTER_US),
    };
  }
  if (recording.verdict.valid === false)
    return {
      startUs: Math.max(0, durationUs - WINDOW_BEFORE_US - WINDOW_AFTER_US),
      endUs: durationUs,
    };
  return { startUs: 0, endUs: Math.min(durationUs, WINDOW_BEFORE_US + WINDOW_AFTER_US) };
}

function historyZoom(history: HistoryData, durationUs: number): number {
  const fit = HISTORY_MAX_WIDTH_PX / Math.max(1, durationUs / 1000);
  const blocker = history.violation;
  const wanted =
    blocker === null || blocker.endUs === null
      ? 1
      : 40 / Math.max(0.05, (blocker.endUs - blocker.startUs) / 1000);
  return Math.max(0.05, Math.min(8, wanted, fit));
}

function pageData(recording: Recording, history: HistoryData) {
  const window = failureWindow(recording, history);
  const blocker = history.partitions[0]?.operations.find(
    (operation) => operation.role === "blocker",
  );
  return {
    durationUs: recording.durationUs,
    faults: recording.faults.map((fault) => ({
      kind: fault.kind,
      startUs: fault.startUs,
      endUs: fault.endUs ?? recording.durationUs,
      nodes: fault.nodes,
      description: fault.description,
    })),
    crashes: recording.nodeEvents
      .filter((event) => ["crash", "restart", "pause", "resume"].includes(event.kind))
      .map((event) => ({ timeUs: event.timeUs, node: event.node, kind: event.kind })),
    violation:
      history.violation === null
        ? null
        : {
            ...history.violation,
            label:
              blocker === undefined ? "violation" : `${blocker.process} ${blocker.description}`,
          },
    messages: messageDiagramData(recording, window),
    history: {
      pxPerMs: historyZoom(history, recording.durationUs),
      partitions: history.partitions,
    },
  };
}

function verdictBadge(recording: Recording): string {
  const { valid, reason } = recording.verdict;
  if (valid === true) return `<span class="verdict pass">PASSED</span>`;
  if (valid === "unknown") return `<span class="verdict unknown">UNKNOWN</span>`;
  return `<span class="verdict fail">FAILED ${escapeHtml(reason ?? "")}</span>`;
}

function header(recording: Recording): string {
  const counts = `${recording.history.filter((event) => event.type === "invoke").length} operations, ${recording.messages.length} messages, ${recording.faults.length} faults, ${formatUs(recording.durationUs)} ${recording.source === "simulation" ? "virtual" : "real"} time`;
  const replay =
    recording.replay === undefined
      ? ""
      : `<div class="meta">Replay: <code>${escapeHtml(recording.replay)}</code></div>`;
  const hash =
    recording.traceHash === undefined ? "" : `, trace hash <code>${recording.traceHash}</code>`;
  const message =
    recording.verdict.message === undefined
      ? ""
      : `<p class="summary">${escapeHtml(recording.verdict.message)}</p>`;
  return `<header><h1>${verdictBadge(recording)}${escapeHtml(recording.name)} seed ${recording.seed}</h1>
${message}<div class="meta">${counts}${hash}</div>${replay}
<nav><a href="#history">History</a><a href="#explanation">Explanation</a><a href="#messages">Messages</a><a href="#plots">Plots</a><a href="#faults">Faults</a></nav></header>`;
}

function historySection(history: HistoryData): string {
  if (history.partitions.length === 0) {
    return `<section id="history"><h2>History</h2><p class="summary">${history.model === null ? "The recording names no model, so its history is not checked here." : `The history could not be checked with the ${escapeHtml(history.model)} model.`}</p></section>`;
  }
  const verdict = {
    linearizable: "linearizable",
    violation: "not linearizable",
    unknown: "undecided (the search budget ran out)",
    "not checked": "not checked",
  }[history.verdict];
  const partitions = history.partitions
    .map((partition, index) => {
      const name = partition.key === null ? "all operations" : `key ${escapeHtml(partition.key)}`;
      const open = index === 0 ? " open" : "";
      return `<details id="details-${index}"${open}><summary>${name}: ${partition.status} (${partition.operations.length} operations)</summary><div class="partition"><div class="lanes" id="lanes-${index}"></div><div class="scroll history-scroll" id="partition-${index}"></div></div></details>`;
    })
    .join("");
  return `<section id="history"><h2>History: ${verdict} (model ${escapeHtml(history.model ?? "")}, ${history.partitions.length} partition(s))</h2>
<div class="legend"><span class="linearized">linearized</span><span class="blocker">✗ cannot be placed</span><span class="unplaced">not linearized</span><span class="culprit">in the smallest unorderable set</span><span class="open">outcome unknown</span><span class="failed">failed</span> ● linearization point <button id="zoom-out">− zoom</button><button id="zoom-in">+ zoom</button></div>
<div id="history-info"></div>${partitions}</section>`;
}

function explanationSection(recording: Recording, history: HistoryData): string {
  const text = history.explanation ?? recording.verdict.explanation;
  if (text === undefined)
    return `<section id="explanation"><h2>Explanation</h2><p class="summary">Every check passed.</p></section>`;
  return `<section id="explanation"><h2>The checker's explanation</h2><pre class="explanation">${escapeHtml(text)}</pre></section>`;
}

function messagesSection(): string {
  return `<section id="messages"><h2>Messages</h2><p class="summary"><button id="diagram-toggle"></button><span id="diagram-summary"></span></p>
<div id="diagram-legend" class="legend"></div><p class="summary">Arrows go from sender to receiver, down in time; a cross ends a dropped message, a dashed arrow one never delivered; shaded bands are faults on the nodes they cut off; thick red and orange segments are crashed and paused nodes. Hover an arrow for its body.</p>
<div class="scroll diagram-scroll"><div id="diagram-columns"></div><div id="diagram"></div></div></section>`;
}

function faultsSection(recording: Recording): string {
  const faults = recording.faults.map((fault) => {
    const end =
      fault.endUs === undefined
        ? "to the end of the run"
        : `to ${formatUs(fault.endUs)} (${formatUs(fault.endUs - fault.startUs)})`;
    return `<li>${formatUs(fault.startUs)} ${end}: ${escapeHtml(fault.description)}</li>`;
  });
  const lifecycle = recording.nodeEvents
    .filter((event) => event.kind !== "log")
    .map(
      (event) =>
        `<li>${formatUs(event.timeUs)}: ${escapeHtml(event.node)} ${escapeHtml(event.kind)}${event.text === undefined ? "" : ` ${escapeHtml(event.text)}`}</li>`,
    );
  const schedule =
    faults.length === 0
      ? "<p>No faults were injected.</p>"
      : `<ol class="faults">${faults.join("")}</ol>`;
  const nodes =
    lifecycle.length === 0
      ? ""
      : `<h2>Node events</h2><ul class="node-events">${lifecycle.join("")}</ul>`;
  return `<section id="faults"><h2>Fault schedule</h2>${schedule}${nodes}</section>`;
}

function plotsSection(recording: Recording): string {
  const operations = plottedOperations(recording.history, recording.durationUs);
  if (operations.length === 0)
    return `<section id="plots"><h2>Plots</h2><p>No client operations.</p></section>`;
  const { faults, durationUs } = recording;
  return `<section id="plots"><h2>Plots</h2><p class="summary">Fault windows are shaded.</p>${latencyScatter(operations, faults, durationUs)}${latencyQuantiles(operations, faults, durationUs)}${throughput(operations, faults, durationUs)}</section>`;
}

/**
 * The report page of a recording, as one HTML text.
 *
 * @example
 * ```ts
 * await writeFileAtomically("report/index.html", renderReport(recording));
 * ```
 */
export function renderReport(recording: Recording): string {
  const history = historyData(recording);
  const title = `${recording.name} seed ${recording.seed}: faultline run report`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>
<body>${header(recording)}
${historySection(history)}
${explanationSection(recording, history)}
${messagesSection()}
${plotsSection(recording)}
${faultsSection(recording)}
<div id="tip"></div>
<script type="application/json" id="report-data">${scriptJson(pageData(recording, history))}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
