/**
 * Findings about a node's behaviour as a process: it would not start, exited, never
 * answered `init`, wrote something that is not a Maelstrom message, wrote to a destination
 * that does not exist, answered one request twice, or flooded the harness. Each names the
 * node, quotes the line it wrote and the last lines of its stderr, and says what to fix;
 * none is ever a crash or a hang of the harness.
 */

/** The kinds of misbehaviour, each with its own explanation. */
export type NodeFindingKind =
  | "exited-at-start"
  | "exited"
  | "init-timeout"
  | "init-failed"
  | "not-json"
  | "malformed-message"
  | "wrong-source"
  | "unknown-destination"
  | "duplicate-reply"
  | "unexpected-reply"
  | "line-too-long"
  | "flood";

/** One finding about one node. */
export interface NodeFinding {
  readonly kind: NodeFindingKind;
  readonly node: string;
  /** When it happened, in microseconds since the run started. */
  readonly timeUs: number;
  /** What happened, in one sentence that names the node. */
  readonly summary: string;
  /** What to do about it. */
  readonly advice: string;
  /** The line the node wrote, when one is at fault (cut to a readable length). */
  readonly line?: string;
  /** The node's last stderr lines when the finding was made. */
  readonly stderrTail: readonly string[];
  /** Whether the run stops here (the cluster cannot go on meaningfully). */
  readonly fatal: boolean;
}

/** The longest quoted line. */
const QUOTED_LINE_CHARS = 300;

/** Cuts `line` to a readable length for a finding. */
export function quoteLine(line: string): string {
  return line.length <= QUOTED_LINE_CHARS
    ? line
    : `${line.slice(0, QUOTED_LINE_CHARS)}... (${line.length} characters)`;
}

/** The finding as text for a person: the summary, the line, the advice and the stderr tail. */
export function formatNodeFinding(finding: NodeFinding): string {
  const seconds = (finding.timeUs / 1e6).toFixed(2);
  const lines = [`${finding.summary} (at ${seconds} s)`];
  if (finding.line !== undefined) lines.push(`  line: ${finding.line}`);
  lines.push(`  ${finding.advice}`);
  if (finding.stderrTail.length === 0) {
    lines.push(`  ${finding.node} wrote nothing to stderr.`);
  } else {
    lines.push(`  last ${finding.stderrTail.length} stderr line(s) of ${finding.node}:`);
    for (const line of finding.stderrTail) lines.push(`    | ${quoteLine(line)}`);
  }
  return lines.join("\n");
}
