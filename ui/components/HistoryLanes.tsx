/**
 * The history lanes: client operations as bars over virtual time around the cursor, the
 * operations in the checker's explanation in red (cannot be placed) and blue (end of the
 * linearizable prefix), unknown and failed ones filled with ? and x, and a legend below.
 */
import { Box, Text } from "ink";
import type { HistoryView } from "../model/history-view.js";
import { colourProps, LANE_COLOURS } from "./tones.js";

/** Props of `HistoryLanes`. */
export interface HistoryLanesProps {
  /** What to show. */
  readonly view: HistoryView;
}

/** The history panel. */
export function HistoryLanes({ view }: HistoryLanesProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold>
        {view.title}
      </Text>
      {view.lanes.map((lane, slot) => (
        // Lanes are client slots: their order never changes.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={slot} wrap="truncate">
          <Text dimColor>{lane.label}</Text>
          {lane.segments.map((segment) => (
            <Text
              key={segment.start}
              {...colourProps(LANE_COLOURS[segment.tone])}
              inverse={segment.cursor || segment.tone === "blocker"}
              bold={segment.tone === "blocker" || segment.tone === "prefix"}
            >
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
      <Text wrap="truncate" dimColor>
        {view.axis}
      </Text>
      {view.notes.map((note, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: notes are positional
        <Text key={index} wrap="truncate" color={index === 0 ? "red" : "gray"}>
          {note}
        </Text>
      ))}
    </Box>
  );
}
