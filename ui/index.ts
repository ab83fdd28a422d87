/**
 * The terminal UI's entry points, for the `faultline ui` command: replay a seed into a
 * recording, derive the viewer's context, then either run the interactive viewer or print
 * the plain report. The interactive part (ink, react) is loaded only when it is used.
 */

export { type StaticReportOptions, staticReport } from "./model/static-report.js";
export { buildViewerContext, type ViewerContext } from "./model/viewer-context.js";
export { type RecordReplayOptions, recordReplay } from "./recording/record-replay.js";
export type { ReplayRecording } from "./recording/replay-recording.js";
