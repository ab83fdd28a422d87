/**
 * Which events the events list shows: all of them, or those of one node (with the
 * cluster-wide ones: partitions and notes concern every node), of one group of kinds, or
 * both. Matching reads only the trace columns, so it is cheap enough to scan long runs.
 */
import type { ReplayRecording } from "../recording/replay-recording.js";
import { type KindGroupName, kindInGroup } from "./kind-groups.js";

/** The events list's filter. */
export interface EventFilter {
  /** Only events of this endpoint (node name), or undefined for every endpoint. */
  readonly node: string | undefined;
  /** Only events of this group of kinds. */
  readonly kinds: KindGroupName;
}

/** The filter that lets everything through. */
export const NO_FILTER: EventFilter = { node: undefined, kinds: "all" };

/** A predicate over trace indexes for `filter`. */
export function eventMatcher(
  recording: ReplayRecording,
  filter: EventFilter,
): (index: number) => boolean {
  const { columns } = recording;
  const endpoint = filter.node === undefined ? -1 : recording.trace.endpoints.indexOf(filter.node);
  const kinds = filter.kinds;
  if (endpoint < 0 && kinds === "all") return () => true;
  return (index) => {
    if (!kindInGroup(kinds, columns.kind(index))) return false;
    if (endpoint < 0) return true;
    return columns.involves(index, endpoint) || columns.node(index) < 0;
  };
}

/** Whether `filter` lets everything through. */
export function isUnfiltered(filter: EventFilter): boolean {
  return filter.node === undefined && filter.kinds === "all";
}

/** The node filter after `current` in the cycle: every node, then each node in turn. */
export function nextNodeFilter(
  nodeIds: readonly string[],
  current: string | undefined,
): string | undefined {
  if (current === undefined) return nodeIds[0];
  const position = nodeIds.indexOf(current);
  return position < 0 || position + 1 >= nodeIds.length ? undefined : nodeIds[position + 1];
}
