/**
 * Message bodies, client operations and summaries in one short line: JSON-like, keys
 * unquoted, long arrays and strings cut with a count of what was left out, so that a 50-entry
 * append message still fits an 80-column row.
 */
import { ELLIPSIS } from "./glyphs.js";

/** Array elements shown before the rest is summarised as `...+n`. */
const ARRAY_ITEMS = 3;
/** Characters of a string shown before it is cut. */
const STRING_CHARS = 40;
/** Nesting shown before deeper values become `{...}` or `[...]`. */
const DEPTH = 3;

/**
 * Formats `value` in one line.
 *
 * @example
 * ```ts
 * formatValue({ type: "append", entries: [1, 2, 3, 4, 5] }); // '{type:"append",entries:[1,2,3,...+2]}'
 * ```
 */
export function formatValue(value: unknown, depth = 0): string {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return formatScalar(value);
  if (depth >= DEPTH) return Array.isArray(value) ? `[${ELLIPSIS}]` : `{${ELLIPSIS}}`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, ARRAY_ITEMS).map((item) => formatValue(item, depth + 1));
    if (value.length > ARRAY_ITEMS) shown.push(`${ELLIPSIS}+${value.length - ARRAY_ITEMS}`);
    return `[${shown.join(",")}]`;
  }
  const fields = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .map(([key, field]) => `${formatKey(key)}:${formatValue(field, depth + 1)}`);
  return `{${fields.join(",")}}`;
}

function formatScalar(value: unknown): string {
  if (typeof value === "string") {
    const cut = value.length > STRING_CHARS ? `${value.slice(0, STRING_CHARS)}${ELLIPSIS}` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "fn";
  return String(value);
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
