/**
 * Names a dependency cycle as Elle does, from the kinds of its edges (after real-time
 * chains are contracted): no rw edge and only ww is G0, with a wr edge G1c; exactly one rw
 * edge is G-single; several, never two in a row (counting around the cycle), G-nonadjacent;
 * otherwise G2-item. A cycle that needs a real-time edge gets `-realtime`, else one that
 * needs a process edge `-process`.
 */
import { EdgeKind } from "./edge-list.js";

/** The anomaly type of a cycle whose steps have these edge kinds (`EdgeKind` bits), in order. */
export function classifyCycle(kinds: readonly number[]): string {
  let rw = 0;
  let wr = false;
  let adjacentRw = false;
  let realtime = false;
  let process = false;
  for (let index = 0; index < kinds.length; index++) {
    const kind = kinds[index]!;
    if (kind === EdgeKind.rw) {
      rw++;
      if (kinds[(index + 1) % kinds.length] === EdgeKind.rw) adjacentRw = true;
    }
    if (kind === EdgeKind.wr) wr = true;
    if (kind === EdgeKind.realtime) realtime = true;
    if (kind === EdgeKind.process) process = true;
  }
  let base: string;
  if (rw === 0) base = wr ? "G1c" : "G0";
  else if (rw === 1) base = "G-single";
  else base = adjacentRw ? "G2-item" : "G-nonadjacent";
  if (realtime) return `${base}-realtime`;
  return process ? `${base}-process` : base;
}
