/**
 * Small text helpers of the run report: HTML escaping, JSON that is safe inside a
 * `<script>` element, and virtual times in words (`4.567 s`, `12.3 ms`).
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** JSON for a `<script type="application/json">` element: `<` is escaped so no tag can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

/** A time in microseconds, in the unit that reads best (`850 µs`, `12.3 ms`, `4.567 s`). */
export function formatUs(us: number): string {
  const magnitude = Math.abs(us);
  if (magnitude < 1000) return `${us} µs`;
  if (magnitude < 1_000_000) return `${(us / 1000).toFixed(1)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/** A value as short text: JSON, cut to `max` characters with an ellipsis. */
export function shortJson(value: unknown, max: number): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
