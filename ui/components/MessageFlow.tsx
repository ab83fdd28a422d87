/**
 * The message-flow panel: arrows between node columns for the last messages up to the
 * cursor.
 */
import { Box, Text } from "ink";
import type { MessageFlowView } from "../model/message-flow-view.js";

/** Props of `MessageFlow`. */
export interface MessageFlowProps {
  /** What to show. */
  readonly view: MessageFlowView;
}

/** The message-flow panel. */
export function MessageFlow({ view }: MessageFlowProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold>
        {view.title}
      </Text>
      <Text wrap="truncate" dimColor>
        {view.header}
      </Text>
      {view.lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={index} wrap="truncate" bold={line.startsWith(">")}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
