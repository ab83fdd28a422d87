/**
 * The run report's script, inlined into the page: it draws the message diagram and the
 * history view from the page's embedded data, with hovering, pinning, zooming and the
 * switch between the window around the failure and the whole run. Plain ES5-style browser
 * code with no dependencies and no network; kept here as a string so the report stays one
 * file. (Written without template literals, so it can live in this raw string.)
 */

/** The script of the report page. */
export const PAGE_SCRIPT = String.raw`
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31"];
  var tip = document.getElementById("tip");

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function fmt(us) {
    var a = Math.abs(us);
    if (a < 1000) return us + " µs";
    if (a < 1000000) return (us / 1000).toFixed(1) + " ms";
    return (us / 1000000).toFixed(3) + " s";
  }
  function showTip(evt, text) {
    tip.textContent = text;
    tip.style.display = "block";
    var x = Math.min(evt.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = evt.clientY + 14;
    if (y + tip.offsetHeight > window.innerHeight) y = evt.clientY - tip.offsetHeight - 8;
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.style.display = "none"; }
  function typeColor(index) { return PALETTE[index % PALETTE.length]; }

  /* ---------------- message diagram ---------------- */
  var md = data.messages;
  var COLUMN_WIDTH = 110, GUTTER = 90, TOP = 8;

  function timeScale(times, usPerPx, minStep, maxStep) {
    times.sort(function (a, b) { return a - b; });
    var T = [], Y = [], y = TOP + 10;
    for (var i = 0; i < times.length; i++) {
      if (T.length > 0 && times[i] === T[T.length - 1]) continue;
      if (T.length > 0) y += Math.max(minStep, Math.min(maxStep, (times[i] - T[T.length - 1]) / usPerPx));
      T.push(times[i]);
      Y.push(y);
    }
    function at(t) {
      if (T.length === 0) return TOP;
      if (t <= T[0]) return Y[0];
      if (t >= T[T.length - 1]) return Y[Y.length - 1];
      var lo = 0, hi = T.length - 1;
      while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (T[mid] <= t) lo = mid; else hi = mid; }
      return Y[lo] + (Y[hi] - Y[lo]) * (t - T[lo]) / (T[hi] - T[lo]);
    }
    return { y: at, height: (Y.length ? Y[Y.length - 1] : TOP) + 30, T: T, Y: Y };
  }

  function colX(column) { return GUTTER + column * COLUMN_WIDTH + COLUMN_WIDTH / 2; }

  function messagesIn(start, end) {
    var rows = [];
    for (var i = 0; i < md.messages.length; i++) {
      var m = md.messages[i];
      if (m[0] <= end && m[1] >= start) rows.push(i);
    }
    return rows;
  }

  function drawDiagram(whole) {
    var holder = document.getElementById("diagram");
    var header = document.getElementById("diagram-columns");
    holder.textContent = "";
    header.textContent = "";
    var start = whole ? 0 : md.window.startUs, end = whole ? md.durationUs : md.window.endUs;
    var rows = messagesIn(start, end);
    var times = [start, end];
    rows.forEach(function (i) { var m = md.messages[i]; times.push(Math.max(start, m[0]), Math.min(end, m[1])); });
    data.faults.forEach(function (f) { times.push(Math.max(start, Math.min(end, f.startUs)), Math.max(start, Math.min(end, f.endUs))); });
    var scale = whole ? timeScale(times, 2000, 0.6, 14) : timeScale(times, 150, 3, 36);
    var width = GUTTER + md.columns.length * COLUMN_WIDTH + 20;
    var svg = el("svg", { width: width, height: scale.height, "class": "diagram" }, holder);
    var hsvg = el("svg", { width: width, height: 26 }, header);
    md.columns.forEach(function (name, c) {
      el("text", { x: colX(c), y: 17, "text-anchor": "middle", "class": c < md.nodeColumns ? "col node" : "col client" }, hsvg, name);
    });
    var bands = el("g", {}, svg);
    data.faults.forEach(function (f) {
      if (f.endUs < start || f.startUs > end) return;
      var y0 = scale.y(Math.max(start, f.startUs)), y1 = scale.y(Math.min(end, f.endUs));
      var cols = f.nodes.map(function (n) { return md.columns.indexOf(n); }).filter(function (c) { return c >= 0; });
      if (cols.length === 0) cols = md.columns.map(function (_, c) { return c; }).slice(0, md.nodeColumns);
      cols.forEach(function (c) {
        var r = el("rect", { x: colX(c) - COLUMN_WIDTH / 2 + 4, y: y0, width: COLUMN_WIDTH - 8, height: Math.max(2, y1 - y0), "class": "fault " + f.kind }, bands);
        r.addEventListener("mousemove", function (e) { showTip(e, f.description + "\n" + fmt(f.startUs) + " to " + fmt(f.endUs)); });
        r.addEventListener("mouseleave", hideTip);
      });
      el("text", { x: 4, y: y0 + 12, "class": "fault-label" }, bands, f.description);
    });
    md.columns.forEach(function (_, c) {
      el("line", { x1: colX(c), x2: colX(c), y1: TOP, y2: scale.height - 10, "class": c < md.nodeColumns ? "lifeline node" : "lifeline client" }, svg);
    });
    md.spans.forEach(function (s) {
      if (s.endUs < start || s.startUs > end) return;
      var seg = el("line", { x1: colX(s.column), x2: colX(s.column), y1: scale.y(Math.max(start, s.startUs)), y2: scale.y(Math.min(end, s.endUs)), "class": "span " + s.kind }, svg);
      seg.addEventListener("mousemove", function (e) { showTip(e, md.columns[s.column] + " " + s.kind + " " + fmt(s.startUs) + " to " + fmt(s.endUs)); });
      seg.addEventListener("mouseleave", hideTip);
    });
    var last = -100;
    for (var k = 0; k < scale.T.length; k++) {
      if (scale.Y[k] - last < 60) continue;
      last = scale.Y[k];
      el("text", { x: 4, y: scale.Y[k] + 4, "class": "tick" }, svg, fmt(scale.T[k]));
      el("line", { x1: GUTTER - 6, x2: GUTTER, y1: scale.Y[k], y2: scale.Y[k], "class": "tick" }, svg);
    }
    md.notes.forEach(function (n) {
      if (n[0] < start || n[0] > end) return;
      el("text", { x: colX(n[1]) + 4, y: scale.y(n[0]) - 2, "class": "note" }, svg, n[2]);
    });
    var arrows = el("g", {}, svg);
    var parts = [];
    var delivered = 0;
    rows.forEach(function (i) {
      var m = md.messages[i];
      var x1 = colX(m[2]), x2 = colX(m[3]), y1 = scale.y(m[0]), y2 = scale.y(m[1]);
      var color = typeColor(m[4]);
      var kind = m[5] === 0 ? "delivered" : m[5] === 1 ? "dropped" : "inflight";
      var head = '<g class="msg ' + kind + '" data-i="' + i + '">';
      if (m[5] === 1) {
        var xm = x1 + (x2 - x1) * 0.45, ym = y1 + 8;
        parts.push(head + '<line class="arrow" stroke="' + color + '" x1="' + x1 + '" y1="' + y1 + '" x2="' + xm + '" y2="' + ym + '"/>' +
          '<path class="cross" d="M' + (xm - 4) + " " + (ym - 4) + 'l8 8m0 -8l-8 8"/>' +
          '<line class="hit" x1="' + x1 + '" y1="' + y1 + '" x2="' + xm + '" y2="' + ym + '"/></g>');
      } else {
        if (m[5] === 0) delivered++;
        parts.push(head + '<line class="arrow" stroke="' + color + '" x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y2 + '"' +
          (m[5] === 0 ? ' marker-end="url(#head)"' : "") + '/>' +
          '<line class="hit" x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y2 + '"/></g>');
      }
    });
    arrows.innerHTML = parts.join("");
    var defs = el("defs", {}, svg);
    var marker = el("marker", { id: "head", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0 0L10 5L0 10z", "class": "head" }, marker);
    if (data.violation) {
      var vy = scale.y(data.violation.startUs);
      el("line", { x1: GUTTER, x2: width, y1: vy, y2: vy, "class": "violation-line" }, svg);
      el("text", { x: GUTTER + 4, y: vy - 3, "class": "violation-text" }, svg, "✗ " + data.violation.label);
    }
    svg.setAttribute("data-delivered", String(delivered));
    svg.setAttribute("data-start-us", String(start));
    svg.setAttribute("data-end-us", String(end));
    document.getElementById("diagram-summary").textContent =
      (whole ? "The whole run: " : "From " + fmt(start) + " to " + fmt(end) + ": ") + rows.length + " messages (" + delivered + " delivered). Idle stretches are compressed; the time scale is on the left.";
    document.getElementById("diagram-toggle").textContent = whole ? "Show the window around the failure" : "Show the whole run (" + md.messages.length + " messages)";
  }

  document.getElementById("diagram").addEventListener("mousemove", function (e) {
    var g = e.target.closest ? e.target.closest("g.msg") : null;
    if (!g) { hideTip(); return; }
    var i = Number(g.getAttribute("data-i")), m = md.messages[i];
    var what = m[5] === 0 ? "delivered " + fmt(m[1]) + " (after " + fmt(m[1] - m[0]) + ")" : m[5] === 1 ? "dropped (" + md.dropReasons[m[7]] + ")" : "never delivered";
    showTip(e, "#" + m[6] + "  " + md.columns[m[2]] + " → " + md.columns[m[3]] + "  " + md.types[m[4]] + "\nsent " + fmt(m[0]) + ", " + what + "\n" + md.bodies[i]);
  });
  document.getElementById("diagram").addEventListener("mouseleave", hideTip);
  var whole = false;
  document.getElementById("diagram-toggle").addEventListener("click", function () { whole = !whole; drawDiagram(whole); });
  var legend = document.getElementById("diagram-legend");
  md.types.forEach(function (name, i) {
    var item = document.createElement("span");
    item.className = "swatch";
    item.style.borderColor = typeColor(i);
    item.textContent = name;
    legend.appendChild(item);
  });
  drawDiagram(false);

  /* ---------------- history ---------------- */
  var LANE = 30, BAR = 20, LEFT = 10, HTOP = 26;
  var zoom = data.history.pxPerMs;
  var pinned = null;
  var info = document.getElementById("history-info");

  function drawPartition(index) {
    var part = data.history.partitions[index];
    var holder = document.getElementById("partition-" + index);
    holder.textContent = "";
    var ops = part.operations;
    var t0 = Infinity, t1 = 0;
    ops.forEach(function (o) { t0 = Math.min(t0, o.startUs); t1 = Math.max(t1, o.endUs === null ? data.durationUs : o.endUs); });
    if (!isFinite(t0)) return;
    t0 = Math.max(0, t0 - 2000);
    function x(t) { return LEFT + (t - t0) / 1000 * zoom; }
    var width = x(t1) + 40, height = HTOP + part.lanes.length * LANE + 10;
    var svg = el("svg", { width: width, height: height, "class": "history" }, holder);
    var ann = el("g", {}, svg);
    data.faults.forEach(function (f) {
      if (f.endUs < t0 || f.startUs > t1) return;
      var r = el("rect", { x: x(Math.max(t0, f.startUs)), y: HTOP - 4, width: Math.max(2, x(Math.min(t1, f.endUs)) - x(Math.max(t0, f.startUs))), height: height - HTOP, "class": "fault " + f.kind }, ann);
      el("title", {}, r, f.description + " (" + fmt(f.startUs) + " to " + fmt(f.endUs) + ")");
      el("text", { x: x(Math.max(t0, f.startUs)) + 3, y: height - 4, "class": "fault-label" }, ann, f.description);
    });
    data.crashes.forEach(function (c) {
      if (c.timeUs < t0 || c.timeUs > t1) return;
      el("line", { x1: x(c.timeUs), x2: x(c.timeUs), y1: HTOP - 6, y2: height, "class": "crash-line" }, ann);
      el("text", { x: x(c.timeUs) + 2, y: HTOP - 8, "class": "crash-label" }, ann, c.node + " " + c.kind);
    });
    var step = Math.max(1, Math.pow(10, Math.ceil(Math.log10(90 / zoom))));
    for (var t = Math.ceil(t0 / 1000 / step) * step; t * 1000 <= t1; t += step) {
      el("line", { x1: x(t * 1000), x2: x(t * 1000), y1: 12, y2: height, "class": "grid" }, svg);
      el("text", { x: x(t * 1000) + 2, y: 10, "class": "tick" }, svg, fmt(t * 1000));
    }
    var labels = document.getElementById("lanes-" + index);
    labels.textContent = "";
    var lsvg = el("svg", { width: 64, height: height }, labels);
    part.lanes.forEach(function (lane, i) {
      el("text", { x: 4, y: HTOP + i * LANE + LANE / 2 + 4, "class": "lane" }, lsvg, lane);
      el("line", { x1: LEFT, x2: width, y1: HTOP + (i + 1) * LANE, y2: HTOP + (i + 1) * LANE, "class": "lane-line" }, svg);
    });
    var path = el("path", { "class": "lin-path", d: "" }, svg);
    var bars = el("g", {}, svg);
    var byId = {};
    ops.forEach(function (o) {
      var lane = part.lanes.indexOf(o.lane);
      var y = HTOP + lane * LANE + (LANE - BAR) / 2;
      var x0 = x(o.startUs), x1 = Math.max(x0 + 4, x(o.endUs === null ? t1 : o.endUs));
      var g = el("g", { "class": "op " + o.role + (o.endUs === null ? " open" : "") + (o.culprit ? " culprit" : ""), "data-id": o.id, "data-order": o.order === null ? "" : o.order }, bars);
      el("rect", { x: x0, y: y, width: x1 - x0, height: BAR, rx: 2 }, g);
      if (x1 - x0 > 40) el("text", { x: x0 + 3, y: y + 14, "class": "op-label" }, g, o.process + " " + o.description);
      if (o.pointUs !== null) el("circle", { cx: x(o.pointUs), cy: y + BAR / 2, r: 3, "class": "lin-point" }, g);
      if (o.role === "blocker") el("text", { x: x0 - 2, y: y - 1, "class": "x-mark" }, g, "✗");
      if (o.role === "blocker" && index === 0) g.lastChild.setAttribute("id", "violation-mark");
      byId[o.id] = { op: o, g: g, cy: y + BAR / 2 };
      g.addEventListener("mouseenter", function () { if (pinned === null) highlight(part, byId, path, o, x); });
      g.addEventListener("mouseleave", function () { if (pinned === null) clear(byId, path); });
      g.addEventListener("click", function (e) {
        e.stopPropagation();
        if (pinned === o.id) { pinned = null; clear(byId, path); return; }
        pinned = o.id;
        clear(byId, path);
        highlight(part, byId, path, o, x);
      });
    });
    svg.addEventListener("click", function () { pinned = null; clear(byId, path); });
  }

  function highlight(part, byId, path, o, x) {
    var upTo = o.order !== null ? o.order : o.role === "blocker" || o.role === "unplaced" ? Infinity : 0;
    var chain = [];
    part.operations.forEach(function (p) {
      var entry = byId[p.id];
      var on = p.id === o.id || (p.order !== null && p.order <= upTo);
      entry.g.classList.toggle("hl", on);
      entry.g.classList.toggle("dim", !on);
      if (on && p.order !== null) chain.push(p);
    });
    chain.sort(function (a, b) { return a.order - b.order; });
    path.setAttribute("d", chain.map(function (p, i) { return (i ? "L" : "M") + x(p.pointUs) + " " + byId[p.id].cy; }).join(""));
    var lines = [o.process + " " + o.description + "   (" + fmt(o.startUs) + " – " + (o.endUs === null ? "never completed" : fmt(o.endUs)) + ", " + o.status + ")"];
    if (o.order !== null) {
      lines.push("#" + o.order + " in the linearization shown (" + o.order + " operation(s) highlighted), linearized at " + fmt(o.pointUs));
      lines.push("state before: " + o.stateBefore + "    state after: " + o.stateAfter);
    } else if (o.role === "blocker") {
      lines.push("✗ cannot be placed after the longest linearizable prefix (highlighted); " + (part.prefixState ? "the state there is " + part.prefixState : ""));
    } else if (o.role === "failed") {
      lines.push("failed: it did not take effect");
    } else {
      lines.push("not in the linearization shown" + (o.status === "info" ? " (outcome unknown: it need not have taken effect)" : ""));
    }
    if (o.culprit) lines.push("in the smallest set of operations that cannot be ordered");
    info.textContent = lines.join("\n");
    info.classList.add("active");
  }

  function clear(byId, path) {
    for (var id in byId) { byId[id].g.classList.remove("hl"); byId[id].g.classList.remove("dim"); }
    path.setAttribute("d", "");
    info.classList.remove("active");
    info.textContent = "Hover an operation to see the linearization up to it, with the state before and after; click to pin it.";
  }

  data.history.partitions.forEach(function (_, index) {
    var details = document.getElementById("details-" + index);
    if (details.open) drawPartition(index);
    details.addEventListener("toggle", function () { if (details.open) drawPartition(index); });
  });
  function rezoom(factor) {
    zoom = Math.max(0.02, Math.min(50, zoom * factor));
    data.history.partitions.forEach(function (_, index) { if (document.getElementById("details-" + index).open) drawPartition(index); });
    var mark = document.getElementById("violation-mark");
    if (mark) mark.scrollIntoView({ block: "nearest", inline: "center" });
  }
  if (info) {
    document.getElementById("zoom-in").addEventListener("click", function () { rezoom(2); });
    document.getElementById("zoom-out").addEventListener("click", function () { rezoom(0.5); });
    clear({}, { setAttribute: function () {} });
  }
  var mark = document.getElementById("violation-mark");
  if (mark) mark.scrollIntoView({ block: "center", inline: "center" });
  document.body.setAttribute("data-ready", "true");
})();
`;
