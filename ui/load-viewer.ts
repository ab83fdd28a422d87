/**
 * Loads the interactive viewer (ink and React) on demand, so that commands that never show
 * it do not pay for loading it. React is loaded in its production build unless NODE_ENV
 * asks otherwise: the development build checks every render and made each key press
 * redraw about half as fast again.
 */

/** The interactive viewer's module. */
export type ViewerModule = typeof import("./run-replay-ui.js");

/** Imports the interactive viewer. */
export async function loadViewer(): Promise<ViewerModule> {
  process.env.NODE_ENV ??= "production";
  return import("./run-replay-ui.js");
}
