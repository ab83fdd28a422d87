/**
 * The header line's data: which run this is, where the cursor is in virtual time and in
 * the trace, the verdict, and whether playback runs.
 */
import type { ReplayRecording } from "../recording/replay-recording.js";
import { formatClockTime } from "./format-time.js";
import type { ViewerState } from "./viewer-state.js";

/** The header, ready to draw. */
export interface HeaderView {
  /** `stale-replicas seed 2`. */
  readonly run: string;
  /** `t=1.234567s/2.005000s`. */
  readonly time: string;
  /** `#1234/4254`. */
  readonly position: string;
  /** Whether the run passed. */
  readonly passed: boolean;
  /** `PASSED` or `FAILED linearizability`. */
  readonly verdict: string;
  /** `PLAYING x4` while playing. */
  readonly playback: string | undefined;
  /** Set when the replay's trace hash differs from the failure file's. */
  readonly warning: string | undefined;
}

/** The header for `state`. */
export function headerView(recording: ReplayRecording, state: ViewerState): HeaderView {
  const { columns, result } = recording;
  const last = Math.max(0, columns.length - 1);
  const expected = recording.expectedTraceHash;
  return {
    run: `${recording.scenarioName} seed ${recording.seed}`,
    time: `t=${formatClockTime(columns.length === 0 ? 0 : columns.timeUs(state.cursor))}/${formatClockTime(result.virtualUs)}`,
    position: `#${state.cursor}/${last}`,
    passed: result.ok,
    verdict: result.ok ? "PASSED" : `FAILED ${result.failure?.reason ?? ""}`.trim(),
    playback: state.playing ? `PLAYING x${state.speed}` : undefined,
    warning:
      expected !== undefined && expected !== result.traceHash
        ? `trace hash ${result.traceHash} differs from the failure file's ${expected}: the scenario or system changed`
        : undefined,
  };
}
