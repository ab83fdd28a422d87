/**
 * The header line: the verdict and playback first (so a narrow terminal never cuts them),
 * then the run, the cursor's virtual time and trace position.
 */
import { Text } from "ink";
import type { HeaderView } from "../model/header-view.js";

/** Props of `Header`. */
export interface HeaderProps {
  /** What to show. */
  readonly view: HeaderView;
}

/** The header line. */
export function Header({ view }: HeaderProps) {
  return (
    <Text wrap="truncate">
      <Text bold color={view.passed ? "green" : "red"}>
        {view.verdict}
      </Text>
      <Text dimColor> | </Text>
      {view.playback === undefined ? (
        <Text>PAUSED</Text>
      ) : (
        <Text color="cyan">{view.playback}</Text>
      )}
      {view.warning === undefined ? null : <Text color="yellow"> | hash differs!</Text>}
      <Text dimColor> | </Text>
      <Text>{view.position}</Text>
      <Text dimColor> | </Text>
      <Text>{view.time}</Text>
      <Text dimColor> | </Text>
      <Text bold>faultline </Text>
      <Text>{view.run}</Text>
    </Text>
  );
}
