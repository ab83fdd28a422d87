/**
 * The groups of event kinds the events list can be filtered to (`k` cycles through them):
 * messages, faults, client traffic, timers, log lines. A kind may sit in two groups (a
 * node failure is a fault and a log line).
 */
import { TraceKind, type TraceKindName } from "../../src/sim/trace.js";

/** The kind filters, in the order `k` cycles through them. */
export const KIND_GROUPS = ["all", "messages", "faults", "clients", "timers", "logs"] as const;

/** A kind filter's name. */
export type KindGroupName = (typeof KIND_GROUPS)[number];

const MEMBERS: Readonly<Record<Exclude<KindGroupName, "all">, readonly TraceKindName[]>> = {
  messages: ["send", "deliver", "drop", "duplicate"],
  faults: ["crash", "restart", "pause", "resume", "clock", "network", "note", "nodeFailure"],
  clients: ["clientRequest", "clientDeliver", "clientReply", "clientResponse"],
  timers: ["timer", "start"],
  logs: ["log", "report", "note", "nodeFailure"],
};

/** Kind codes that count as faults (`n`/`N` stop at them). */
export const FAULT_KIND_CODES: ReadonlySet<number> = new Set(
  MEMBERS.faults.filter((kind) => kind !== "nodeFailure").map((kind) => TraceKind[kind]),
);

/** For each group, a table from kind code to membership. */
const TABLES: Readonly<Record<KindGroupName, Uint8Array>> = (() => {
  const size = Math.max(...Object.values(TraceKind)) + 1;
  const tables = {} as Record<KindGroupName, Uint8Array>;
  for (const group of KIND_GROUPS) {
    const table = new Uint8Array(size);
    if (group === "all") table.fill(1);
    else for (const kind of MEMBERS[group]) table[TraceKind[kind]] = 1;
    tables[group] = table;
  }
  return tables;
})();

/** Whether kind code `kind` belongs to `group`. */
export function kindInGroup(group: KindGroupName, kind: number): boolean {
  return TABLES[group][kind] === 1;
}

/** The group after `group` in the cycle. */
export function nextKindGroup(group: KindGroupName): KindGroupName {
  return KIND_GROUPS[(KIND_GROUPS.indexOf(group) + 1) % KIND_GROUPS.length]!;
}
