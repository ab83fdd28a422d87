/**
 * The node table: one row per node at the cursor, the node the cursor's event involves
 * marked with `›`.
 */
import { Box, Text } from "ink";
import type { NodeTableView } from "../model/node-table-view.js";
import { colourProps, NODE_COLOURS } from "./tones.js";

/** Props of `NodeTable`. */
export interface NodeTableProps {
  /** What to show. */
  readonly view: NodeTableView;
}

/** The node table. */
export function NodeTable({ view }: NodeTableProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold>
        {view.heading}
        {view.hidden > 0 ? ` (+${view.hidden} more)` : ""}
      </Text>
      {view.rows.map((row) => (
        <Text key={row.node} wrap="truncate">
          <Text color="cyan">{row.touched ? "> " : "  "}</Text>
          {row.cells.map((cell) => (
            <Text
              key={cell.column}
              {...colourProps(NODE_COLOURS[cell.tone])}
              bold={cell.tone === "leader" || cell.tone === "crashed"}
            >
              {cell.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
