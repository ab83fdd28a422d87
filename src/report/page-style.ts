/** The run report's style sheet, inlined into the page. */
export const PAGE_STYLE = `
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { padding: 14px 24px 10px; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { font-size: 19px; margin: 0 0 4px; }
.verdict { display: inline-block; padding: 1px 10px; border-radius: 10px; font-weight: 600; margin-right: 8px; }
.verdict.fail { background: #fde2e1; color: #a1181d; } .verdict.pass { background: #dff3e4; color: #1b6b32; }
.verdict.unknown { background: #fff2cc; color: #7a5a00; }
header .meta { color: #555; font-size: 13px; } code { font: 12px ui-monospace, monospace; background: #f1f1f1; padding: 1px 4px; }
nav a { margin-right: 14px; font-size: 13px; }
section { padding: 8px 24px 18px; }
h2 { font-size: 16px; margin: 12px 0 6px; }
.summary { margin: 4px 0 8px; max-width: 1100px; }
pre.explanation { background: #fff; border: 1px solid #ddd; padding: 10px; overflow-x: auto; font-size: 12px; max-height: 340px; }
.scroll { overflow: auto; border: 1px solid #ddd; background: #fff; }
.history-scroll { max-height: 320px; flex: 1; }
.partition { display: flex; align-items: flex-start; } .lanes { flex: none; width: 64px; padding-top: 1px; }
#history-info { white-space: pre-wrap; font: 12px ui-monospace, monospace; background: #fff; border: 1px solid #ddd; padding: 6px 8px; min-height: 54px; margin: 6px 0; color: #666; }
#history-info.active { color: #111; border-color: #7a9cc6; }
details { margin: 6px 0; } summary { cursor: pointer; font-weight: 600; }
svg text { font: 11px ui-monospace, monospace; fill: #333; }
svg .tick { fill: #777; stroke: #bbb; } svg line.grid { stroke: #eee; }
svg text.lane { font-weight: 600; } line.lane-line { stroke: #f0f0f0; }
g.op rect { stroke-width: 1; cursor: pointer; }
g.op.linearized rect { fill: #c8e6c9; stroke: #3f8a46; }
g.op.blocker rect { fill: #f4a3a3; stroke: #b3261e; stroke-width: 2; }
g.op.unplaced rect { fill: #e8e8e8; stroke: #9a9a9a; }
g.op.failed rect { fill: #fff; stroke: #c77; stroke-dasharray: 2 2; }
g.op.open rect { stroke-dasharray: 5 3; fill-opacity: .6; }
g.op.culprit rect { stroke: #b3261e; stroke-width: 3; }
g.op.dim { opacity: .25; } g.op.hl rect { fill: #9ecbf0; stroke: #1f5f99; }
g.op.hl.blocker rect { fill: #f4a3a3; }
text.op-label { font-size: 10px; pointer-events: none; }
circle.lin-point { fill: #1f5f99; pointer-events: none; }
path.lin-path { fill: none; stroke: #1f5f99; stroke-width: 1.5; stroke-dasharray: 3 2; pointer-events: none; }
text.x-mark { font-size: 18px; fill: #b3261e; font-weight: 700; text-anchor: end; }
rect.fault { fill: #ffcc80; opacity: .28; } rect.fault.crash, rect.fault.pause { fill: #ef9a9a; }
text.fault-label { fill: #9a5b00; font-size: 10px; } line.crash-line { stroke: #b3261e; stroke-dasharray: 2 2; }
text.crash-label { fill: #b3261e; font-size: 10px; }
.legend span, .swatch { display: inline-block; padding: 0 7px; margin: 0 6px 4px 0; border: 2px solid #999; border-radius: 3px; font-size: 12px; background: #fff; }
.legend .linearized { background: #c8e6c9; } .legend .blocker { background: #f4a3a3; } .legend .unplaced { background: #e8e8e8; }
.legend .culprit { border-color: #b3261e; border-width: 3px; } .legend .open { border-style: dashed; }
.legend .failed { border-style: dotted; border-color: #c77; }
button { font: inherit; font-size: 13px; padding: 2px 10px; margin-right: 6px; cursor: pointer; }
#diagram-columns { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; z-index: 1; }
.diagram-scroll { max-height: 78vh; }
svg text.col { font-weight: 600; font-size: 12px; } svg text.col.client { fill: #555; }
line.lifeline { stroke: #bbb; stroke-width: 1.5; } line.lifeline.client { stroke-dasharray: 2 3; }
line.span.crashed { stroke: #b3261e; stroke-width: 6; opacity: .55; } line.span.paused { stroke: #e6a700; stroke-width: 6; opacity: .6; }
g.msg line.arrow { stroke-width: 1.2; } g.msg.inflight line.arrow { stroke-dasharray: 4 3; }
g.msg path.cross { stroke: #b3261e; stroke-width: 2; } path.head { fill: #555; }
g.msg line.hit { stroke: transparent; stroke-width: 7; }
g.msg:hover line.arrow { stroke-width: 3; }
text.note { fill: #2a6; font-size: 10px; }
line.violation-line { stroke: #b3261e; stroke-dasharray: 6 3; } text.violation-text { fill: #b3261e; font-weight: 700; }
figure.plot { margin: 8px 0 14px; } figure.plot figcaption { font-weight: 600; font-size: 13px; }
rect.fault-band { fill: #ffcc80; opacity: .3; } svg line.grid { stroke: #eee; }
ol.faults li, ul.node-events li { font: 12px ui-monospace, monospace; }
#tip { position: fixed; display: none; max-width: 560px; white-space: pre-wrap; background: #222; color: #fff; font: 12px ui-monospace, monospace; padding: 6px 8px; border-radius: 4px; pointer-events: none; z-index: 10; }
`;
