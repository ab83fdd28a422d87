/**
 * Virtual times in the viewer's fixed-width form: seconds with six decimals (`12.345678s`),
 * so that event rows line up and every microsecond of the run stays visible.
 */
import { US_PER_SECOND } from "../../src/sim/time.js";

/** `timeUs` as `s.ffffff` seconds, e.g. `1.234567s`. */
export function formatClockTime(timeUs: number): string {
  const seconds = Math.floor(timeUs / US_PER_SECOND);
  const micros = String(timeUs - seconds * US_PER_SECOND).padStart(6, "0");
  return `${seconds}.${micros}s`;
}

/** A clock offset: `0`, `+150ms`, `-2.5ms`, `+1.2s`. */
export function formatOffset(offsetUs: number): string {
  if (offsetUs === 0) return "0";
  const sign = offsetUs > 0 ? "+" : "-";
  const magnitude = Math.abs(offsetUs);
  if (magnitude < 1_000) return `${sign}${magnitude}us`;
  if (magnitude < US_PER_SECOND) return `${sign}${trim((magnitude / 1_000).toFixed(1))}ms`;
  return `${sign}${trim((magnitude / US_PER_SECOND).toFixed(2))}s`;
}

function trim(text: string): string {
  return text.replace(/\.?0+$/, "");
}
