/**
 * What the viewer derives once from a recording and reuses on every key press: the
 * history in lanes, the located failure, the fault stops, and the summary fields worth a
 * column of their own.
 */
import type { ReplayRecording } from "../recording/replay-recording.js";
import { buildHistoryModel, type HistoryModel } from "./history-model.js";
import { faultStops } from "./navigation.js";
import { type ViolationView, violationView } from "./violation.js";

/** A recording with what the viewer derives from it. */
export interface ViewerContext {
  readonly recording: ReplayRecording;
  /** The client history in lanes. */
  readonly history: HistoryModel;
  /** The failure, located; undefined when the run passed. */
  readonly violation: ViolationView | undefined;
  /** Trace indexes `n`/`N` stop at. */
  readonly faultStops: readonly number[];
}

/** Derives the viewer's context from `recording`. */
export function buildViewerContext(recording: ReplayRecording): ViewerContext {
  return {
    recording,
    history: buildHistoryModel(
      recording.result.history,
      recording.clients,
      recording.result.virtualUs,
    ),
    violation: violationView(recording),
    faultStops: faultStops(recording),
  };
}
