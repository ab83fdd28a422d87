/**
 * Runs a search under way slice by slice: after each frame, the next slice, so that keys
 * and redraws are never held up by a search through a long run.
 */
import { useEffect } from "react";
import type { SearchProgress } from "../model/navigation.js";

/** Calls `next` after each change of `searching` until it is undefined. */
export function useSearch(searching: SearchProgress | undefined, next: () => void): void {
  useEffect(() => {
    if (searching === undefined) return;
    const timer = setImmediate(next);
    return () => clearImmediate(timer);
  }, [searching, next]);
}
