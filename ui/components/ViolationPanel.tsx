/**
 * The open explanation of the run's failure.
 */
import { Box, Text } from "ink";
import type { ViolationPanelView } from "../model/violation-panel-view.js";

/** Props of `ViolationPanel`. */
export interface ViolationPanelProps {
  /** What to show. */
  readonly view: ViolationPanelView;
}

/** The explanation panel. */
export function ViolationPanel({ view }: ViolationPanelProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold color="red">
        {view.title}
      </Text>
      {view.lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={index} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
