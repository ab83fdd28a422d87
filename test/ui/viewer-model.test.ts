import { describe, expect, it } from "vitest";
import { TraceKind } from "../../src/sim/trace.js";
import { PLAIN_KEY } from "../../ui/model/key-bindings.js";
import { buildScreen } from "../../ui/model/screen-model.js";
import type { ViewerContext } from "../../ui/model/viewer-context.js";
import {
  initialViewerState,
  reduceViewer,
  type ViewerAction,
  type ViewerState,
} from "../../ui/model/viewer-state.js";
import { contextOf, LEADER_FAULTS, STALE_REPLICAS } from "./support/fixtures.js";

/** Applies `actions` in order from the viewer's initial state. */
function run(context: ViewerContext, ...actions: ViewerAction[]): ViewerState {
  return actions.reduce(
    (state, action) => reduceViewer(context, state, action),
    initialViewerState(context),
  );
}

const type = (input: string): ViewerAction => ({ type: "input", input, key: PLAIN_KEY });
const RIGHT: ViewerAction = { type: "input", input: "", key: { ...PLAIN_KEY, rightArrow: true } };
const ENTER: ViewerAction = { type: "input", input: "\r", key: { ...PLAIN_KEY, return: true } };

/** Runs a search to its end, slice by slice, as the viewer does between frames. */
function searchToEnd(context: ViewerContext, state: ViewerState): ViewerState {
  let current = state;
  for (let slices = 0; current.searching !== undefined && slices < 1_000; slices++)
    current = reduceViewer(context, current, { type: "searchSlice" });
  return current;
}

describe("the viewer's state", () => {
  it("steps one event at a time, and not past either end", async () => {
    const context = await contextOf(STALE_REPLICAS, 2);
    expect(run(context, RIGHT, RIGHT, RIGHT).cursor).toBe(3);
    expect(run(context, RIGHT, { type: "step", direction: -1, count: 5 }).cursor).toBe(0);
    const end = run(context, { type: "edge", direction: 1 }, RIGHT);
    expect(end.cursor).toBe(context.recording.columns.length - 1);
    expect(end.message).toBe("end of the run");
  });

  it("jumps to the violation: the client's receipt of the stale read", async () => {
    const context = await contextOf(STALE_REPLICAS, 2);
    const state = run(context, type("v"));
    expect(state.showViolation).toBe(true);
    const { columns, trace } = context.recording;
    expect(columns.kind(state.cursor)).toBe(TraceKind.clientResponse);
    expect(trace.endpoints[columns.peer(state.cursor)]).toBe("c3");
    expect(context.violation?.summary).toBe(
      'not linearizable on key k1: 2 operations cannot be ordered: p3 read("k1") -> 3, p3 read("k1") -> 1',
    );
    expect(run(context, type("v"), type("v")).showViolation).toBe(false);
  });

  it("steps through one node's events when filtered by node", async () => {
    const context = await contextOf(LEADER_FAULTS, 3);
    const filtered = run(context, type("f"), type("f"));
    expect(filtered.filter.node).toBe("n2");
    const n2 = context.recording.trace.endpoints.indexOf("n2");
    let state = filtered;
    for (let step = 0; step < 30; step++) {
      state = reduceViewer(context, state, RIGHT);
      const { columns } = context.recording;
      expect(columns.involves(state.cursor, n2) || columns.node(state.cursor) < 0).toBe(true);
    }
    expect(run(context, type("f"), type("x")).filter.node).toBeUndefined();
  });

  it("stops at faults with n and N, once the fault has happened", async () => {
    const context = await contextOf(LEADER_FAULTS, 3);
    const { cluster } = context.recording;
    const statuses = new Set<string>();
    let partitioned = false;
    let clockOff = false;
    let state = run(context);
    for (let stop = 0; stop < 12; stop++) {
      state = reduceViewer(context, state, type("n"));
      const snapshot = cluster.at(state.cursor);
      for (const status of snapshot.statuses) statuses.add(status);
      partitioned ||= snapshot.partition.partitioned;
      clockOff ||= snapshot.clocks.some((clock) => clock.offsetUs !== 0);
    }
    expect([...statuses].sort()).toEqual(["crashed", "paused", "up"]);
    expect(partitioned).toBe(true);
    expect(clockOff).toBe(true);
    expect(state.message).toBe("no fault after this point");
    expect(reduceViewer(context, state, type("N")).cursor).toBeLessThan(state.cursor);
  });

  it("handles keys typed faster than they are read, one by one", async () => {
    const context = await contextOf(LEADER_FAULTS, 3);
    expect(run(context, type("nnn")).cursor).toBe(
      run(context, type("n"), type("n"), type("n")).cursor,
    );
    const prompt = run(context, type("g0.5s"));
    expect(prompt.prompt).toEqual({ kind: "time", text: "0.5s" });
    const submitted = run(context, type("g#42\r"));
    expect(submitted.prompt).toBeUndefined();
    expect(submitted.cursor).toBe(42);
  });

  it("goes to a virtual time or an event number", async () => {
    const context = await contextOf(STALE_REPLICAS, 2);
    const { columns } = context.recording;
    const atTime = run(context, type("g"), type("0.5s"), ENTER);
    expect(columns.timeUs(atTime.cursor)).toBeLessThanOrEqual(500_000);
    expect(columns.timeUs(atTime.cursor + 1)).toBeGreaterThan(500_000);
    expect(run(context, type("g"), type("#120"), ENTER).cursor).toBe(120);
    expect(run(context, type("g"), type("soon"), ENTER).message).toContain("not a time");
  });

  it("searches event text in slices, then repeats the search with an empty query", async () => {
    const context = await contextOf(STALE_REPLICAS, 2);
    const first = searchToEnd(context, run(context, type("/"), type("value:5"), ENTER));
    expect(first.message).toBe('found "value:5"');
    const repeated = searchToEnd(context, reduceViewer(context, first, type("/")));
    const again = searchToEnd(context, reduceViewer(context, repeated, ENTER));
    expect(again.cursor).toBeGreaterThan(first.cursor);
    const missing = searchToEnd(context, run(context, type("/"), type("no such thing"), ENTER));
    expect(missing.message).toBe('no event matches "no such thing"');
  });

  it("quits on q and plays until the end", async () => {
    const context = await contextOf(STALE_REPLICAS, 2);
    expect(run(context, type("q")).quit).toBe(true);
    let state = run(context, type(" "), type("]"), type("]"));
    expect(state.playing).toBe(true);
    expect(state.speed).toBe(4);
    state = reduceViewer(context, state, { type: "tick" });
    expect(state.cursor).toBe(4);
    state = run(context, { type: "edge", direction: 1 }, type(" "));
    expect(state.cursor).toBe(0);
  });
});

describe("the screen's layout", () => {
  it.each([
    [80, 24],
    [100, 30],
    [200, 60],
    [40, 12],
  ])("fills a %ix%i terminal without overflowing it", async (columns, rows) => {
    const context = await contextOf(LEADER_FAULTS, 3);
    for (const state of [
      run(context),
      run(context, type("v")),
      run(context, type("?")),
      run(context, type("vm")),
    ]) {
      const screen = buildScreen(context, state, { columns, rows });
      const { layout } = screen;
      expect(layout.height).toBe(rows - 1);
      const used =
        2 +
        (layout.nodeRows + 1) +
        (layout.flowRows > 0 ? layout.flowRows + 2 : 0) +
        (layout.eventRows + 1) +
        (layout.violationRows > 0 ? layout.violationRows + 1 : 0) +
        (layout.laneRows > 0 ? layout.laneRows + 2 + layout.laneNoteRows : 0);
      expect(used).toBeLessThanOrEqual(layout.height);
      for (const row of screen.events.rows) expect(row.text.length).toBe(columns);
    }
  });
});
