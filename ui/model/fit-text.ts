/**
 * Fitting text into terminal cells: cut with an ellipsis, padded to a width. The viewer
 * draws with printable ASCII only (see `glyphs.ts`), so a string's length is its width.
 */
import { ELLIPSIS } from "./glyphs.js";

/** `text` cut to at most `width` characters (ending in `...` when cut and there is room). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length <= width) return text;
  return width <= ELLIPSIS.length
    ? text.slice(0, width)
    : `${text.slice(0, width - ELLIPSIS.length)}${ELLIPSIS}`;
}

/** `text` cut or padded with spaces to exactly `width` characters. */
export function fitWidth(text: string, width: number): string {
  return truncate(text, width).padEnd(Math.max(0, width));
}

/**
 * `text` broken into lines of at most `width` characters at spaces (words longer than a
 * line are cut); continuation lines are indented like the first line, plus two spaces.
 */
export function wrapWords(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const indent = `${/^ */.exec(text)![0]}  `;
  const lines: string[] = [];
  let line = "";
  for (const word of text.trim().split(/ +/)) {
    const prefix = lines.length === 0 && line === "" ? indent.slice(2) : indent;
    const candidate = line === "" ? `${prefix}${word}` : `${line} ${word}`;
    if (candidate.length <= width || line === "") {
      line = truncate(candidate, width);
    } else {
      lines.push(line);
      line = truncate(`${indent}${word}`, width);
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
