/**
 * Counts promise reaction jobs (the continuations of `await` and `.then`) while a
 * simulation runs. The run loop lets pending continuations run after each event that
 * involved a promise; counting them tells it exactly when none are left, however deep the
 * chain of awaits, instead of guessing from a fixed number of rounds.
 *
 * Uses V8's promise hooks (`node:v8`), installed only while some simulation is running.
 * Callbacks queued with `queueMicrotask` are not promise jobs and are not counted.
 */
import { promiseHooks } from "node:v8";

let reactions = 0;
let watchers = 0;
let stopHook: (() => void) | undefined;

/** Promise reaction jobs run since the process started counting. */
export function promiseReactions(): number {
  return reactions;
}

/** Starts counting promise reactions; returns the function that stops this watcher. */
export function watchPromiseReactions(): () => void {
  if (watchers++ === 0) {
    // Typed as returning `Function`; it is the function that removes the hook.
    stopHook = promiseHooks.onBefore(() => {
      reactions++;
    }) as () => void;
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--watchers === 0) {
      stopHook?.();
      stopHook = undefined;
    }
  };
}
