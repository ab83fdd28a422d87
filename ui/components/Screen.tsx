/**
 * One frame: the header, then either the help or the panels (nodes, events, the open
 * explanation, history lanes), then the status line, in exactly the layout's rows.
 */
import { Box } from "ink";
import type { Screen as ScreenData } from "../model/screen-model.js";
import { EventList } from "./EventList.js";
import { Header } from "./Header.js";
import { HelpOverlay } from "./HelpOverlay.js";
import { HistoryLanes } from "./HistoryLanes.js";
import { MessageFlow } from "./MessageFlow.js";
import { NodeTable } from "./NodeTable.js";
import { StatusLine } from "./StatusLine.js";
import { ViolationPanel } from "./ViolationPanel.js";

/** Props of `Screen`. */
export interface ScreenProps {
  /** The frame's data. */
  readonly screen: ScreenData;
}

/** Draws one frame. */
export function Screen({ screen }: ScreenProps) {
  const { layout } = screen;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header view={screen.header} />
      {screen.help === undefined ? (
        <Box flexDirection="column" height={layout.height - 2}>
          <NodeTable view={screen.nodes} />
          {screen.flow === undefined ? null : <MessageFlow view={screen.flow} />}
          <EventList view={screen.events} rows={layout.eventRows} />
          {screen.violation === undefined ? null : <ViolationPanel view={screen.violation} />}
          {screen.history === undefined ? null : <HistoryLanes view={screen.history} />}
        </Box>
      ) : (
        <HelpOverlay lines={screen.help} rows={layout.height - 2} />
      )}
      <StatusLine view={screen.status} />
    </Box>
  );
}
