/**
 * The help overlay's lines: every key (from the one table the key handling uses) and how
 * to read the panels.
 */
import { fitWidth } from "./fit-text.js";
import { KEY_BINDINGS } from "./key-bindings.js";

const KEYS_WIDTH = 18;

const LEGEND = [
  "Nodes: status, net (partition group A, B, ...; * some peers of its own group are cut off),",
  "  clock offset from true time, and what the system's inspect() reports.",
  "Events: the state shown is the one after the > event. Stepping and play follow the filter.",
  "History: one lane per client, bars from invocation to completion (green ok, grey fail,",
  "  yellow info); red and yellow marks are the operations the checker's explanation names.",
];

/** The help's lines, at most `rows` of them, `width` wide. */
export function helpLines(rows: number, width: number): string[] {
  const lines = [
    "Keys",
    ...KEY_BINDINGS.map((binding) => `  ${binding.keys.padEnd(KEYS_WIDTH)}${binding.does}`),
    "",
    ...LEGEND,
  ];
  return lines.slice(0, Math.max(0, rows)).map((line) => fitWidth(line, width));
}
