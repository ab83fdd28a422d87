/**
 * The help overlay: every key and how to read the panels. It covers the panels while open.
 */
import { Box, Text } from "ink";

/** Props of `HelpOverlay`. */
export interface HelpOverlayProps {
  /** The help's lines, fitted. */
  readonly lines: readonly string[];
  /** Rows it occupies. */
  readonly rows: number;
}

/** The help overlay. */
export function HelpOverlay({ lines, rows }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" height={rows}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={index} wrap="truncate" bold={index === 0}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
