/**
 * Playback: while `playing`, calls `tick` every `intervalMs` of wall-clock time. (The
 * viewer's own timer: the simulation is long over; this only moves the cursor.)
 */
import { useEffect, useRef } from "react";

/** Calls `tick` every `intervalMs` while `playing`. */
export function usePlayback(playing: boolean, intervalMs: number, tick: () => void): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => clearInterval(timer);
  }, [playing, intervalMs]);
}
