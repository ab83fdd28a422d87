/**
 * The events list around the cursor; the cursor's row is drawn inverted, rows matching
 * the last search are underlined.
 */
import { Box, Text } from "ink";
import type { EventListView } from "../model/event-list-view.js";
import { colourProps, EVENT_COLOURS } from "./tones.js";

/** Props of `EventList`. */
export interface EventListProps {
  /** What to show. */
  readonly view: EventListView;
  /** Rows the list occupies (it is padded to keep the panels below in place). */
  readonly rows: number;
}

/** The events list. */
export function EventList({ view, rows }: EventListProps) {
  return (
    <Box flexDirection="column" height={rows + 1}>
      <Text wrap="truncate" bold>
        {view.title}
      </Text>
      {view.rows.map((row) => (
        <Text
          key={row.index}
          wrap="truncate"
          {...colourProps(EVENT_COLOURS[row.tone])}
          inverse={row.cursor}
          underline={row.match && !row.cursor}
        >
          {row.text}
        </Text>
      ))}
    </Box>
  );
}
