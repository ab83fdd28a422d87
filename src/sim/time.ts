/**
 * Virtual time. The simulator's clock is an integer count of microseconds since the run
 * began; nothing in a simulation reads the wall clock. These helpers convert the units
 * people write (milliseconds, seconds) into that count and back into readable text.
 */

/** Microseconds per millisecond. */
export const US_PER_MS = 1_000;
/** Microseconds per second. */
export const US_PER_SECOND = 1_000_000;

/** `n` milliseconds as integer microseconds (rounded to the nearest microsecond). */
export function ms(n: number): number {
  return Math.round(n * US_PER_MS);
}

/** `n` seconds as integer microseconds (rounded to the nearest microsecond). */
export function seconds(n: number): number {
  return Math.round(n * US_PER_SECOND);
}

/**
 * Formats a virtual time or duration for people: `850us`, `12.5ms`, `3.207s`.
 *
 * @example
 * ```ts
 * formatTime(ms(12.5)); // "12.5ms"
 * ```
 */
export function formatTime(us: number): string {
  const sign = us < 0 ? "-" : "";
  const magnitude = Math.abs(us);
  if (magnitude < US_PER_MS) return `${sign}${magnitude}us`;
  if (magnitude < US_PER_SECOND) return `${sign}${trimZeros((magnitude / US_PER_MS).toFixed(3))}ms`;
  return `${sign}${trimZeros((magnitude / US_PER_SECOND).toFixed(3))}s`;
}

function trimZeros(text: string): string {
  return text.replace(/\.?0+$/, "");
}
