/**
 * The set-full checker, after Jepsen's `set-full`: clients add elements to a set and read
 * the whole set. For each element added it works out when the element became known (its
 * add was acknowledged, or a read showed it) and what every read that began after that
 * showed:
 *
 * - `lost`: known, yet missing from the last read of it, or from a final read (after
 *   healing) of some node; the explanation names the nodes that never saw it;
 * - `stale`: missing from some reads after it was known, present in the later ones (only
 *   an anomaly when `linearizable` is asked for);
 * - `never-read`: no read began after it was known (nothing to judge);
 * - `stable`: present from some read on; its stable latency is the time from the add's
 *   invocation to the first read from which it was always present.
 *
 * Elements read but never added are `unexpected`. The history is Maelstrom's: `add` (or
 * `broadcast`) with the element as value, `read` with the set (a list) as its ok value.
 */
import { type ObservedEvent, pairEvents } from "./event-pairs.js";
import { formatValue, type Value } from "./value.js";
import { type Anomaly, type HistoryVerdict, verdictOf } from "./verdict.js";

/** Options of the set-full checker. */
export interface SetFullOptions {
  /** The `f` of additions (default `add`; Maelstrom's broadcast uses `broadcast`). */
  readonly addFunction?: string;
  /** Also count stale reads as anomalies (default false, as for eventually consistent sets). */
  readonly linearizable?: boolean;
}

interface SetRead {
  readonly invokeTime: number;
  readonly completeTime: number;
  readonly node: string | undefined;
  readonly final: boolean;
  readonly members: ReadonlySet<number | string>;
}

interface Addition {
  readonly element: Value;
  readonly invokeTime: number;
  /** When it became known: an ok add's completion, or the completion of the first read showing it. */
  knownTime: number;
  readonly status: "ok" | "fail" | "info";
}

/** An element's identity: numbers as themselves, anything else as its JSON text. */
function elementKey(element: Value): number | string {
  return typeof element === "number" ? element : JSON.stringify(element);
}

function timeOf(event: ObservedEvent | undefined, fallback: number): number {
  return event?.time ?? fallback;
}

function collect(history: readonly ObservedEvent[], addFunction: string) {
  const additions = new Map<number | string, Addition>();
  const reads: SetRead[] = [];
  for (const { invoke, completion } of pairEvents(history)) {
    if (invoke.f === addFunction) {
      const key = elementKey(invoke.value ?? null);
      const status =
        completion === undefined
          ? "info"
          : completion.type === "ok"
            ? "ok"
            : completion.type === "fail"
              ? "fail"
              : "info";
      const knownTime = status === "ok" ? timeOf(completion, Infinity) : Infinity;
      additions.set(key, {
        element: invoke.value ?? null,
        invokeTime: timeOf(invoke, 0),
        knownTime,
        status,
      });
    } else if (
      invoke.f === "read" &&
      completion?.type === "ok" &&
      Array.isArray(completion.value)
    ) {
      reads.push({
        invokeTime: timeOf(invoke, 0),
        completeTime: timeOf(completion, 0),
        node: invoke.node,
        final: invoke.final === true,
        members: new Set((completion.value as readonly Value[]).map(elementKey)),
      });
    }
  }
  reads.sort((a, b) => a.invokeTime - b.invokeTime);
  for (const read of reads) {
    for (const member of read.members) {
      const addition = additions.get(member);
      if (addition !== undefined && read.completeTime < addition.knownTime)
        addition.knownTime = read.completeTime;
    }
  }
  return { additions, reads };
}

/** The index of the first read (they are sorted by invocation) invoked after `timeUs`. */
function firstReadAfter(reads: readonly SetRead[], timeUs: number): number {
  let low = 0;
  let high = reads.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reads[middle]!.invokeTime > timeUs) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** What the reads after an element was known say about it. */
type Outcome =
  | { readonly kind: "never-read" }
  | {
      readonly kind: "lost";
      readonly missingOn: readonly string[];
      readonly lastSeenTime: number | undefined;
    }
  | { readonly kind: "stable"; readonly staleReads: number; readonly stableTime: number };

function judge(key: number | string, addition: Addition, reads: readonly SetRead[]): Outcome {
  const after = reads.slice(firstReadAfter(reads, addition.knownTime));
  if (after.length === 0) return { kind: "never-read" };
  let lastPresent: SetRead | undefined;
  let lastAbsent: SetRead | undefined;
  let absentCount = 0;
  const missingOnFinal = new Set<string>();
  for (const read of after) {
    if (read.members.has(key)) lastPresent = read;
    else {
      lastAbsent = read;
      absentCount++;
      if (read.final) missingOnFinal.add(read.node ?? "a node");
    }
  }
  if (
    lastPresent === undefined ||
    missingOnFinal.size > 0 ||
    (lastAbsent !== undefined && lastAbsent.invokeTime > lastPresent.invokeTime)
  ) {
    const missingOn =
      missingOnFinal.size > 0 ? [...missingOnFinal] : [lastAbsent?.node ?? "a node"];
    return { kind: "lost", missingOn: missingOn.sort(), lastSeenTime: lastPresent?.completeTime };
  }
  const stableFrom =
    lastAbsent === undefined
      ? after[0]!
      : after.find((read) => read.invokeTime > lastAbsent.invokeTime)!;
  return { kind: "stable", staleReads: absentCount, stableTime: stableFrom.invokeTime };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Stable latencies (microseconds in, milliseconds out) as Jepsen reports them. */
function latencyFigures(latenciesUs: number[]) {
  latenciesUs.sort((a, b) => a - b);
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    0: ms(quantile(latenciesUs, 0)),
    0.5: ms(quantile(latenciesUs, 0.5)),
    0.95: ms(quantile(latenciesUs, 0.95)),
    0.99: ms(quantile(latenciesUs, 0.99)),
    1: ms(latenciesUs[latenciesUs.length - 1] ?? 0),
  };
}

function unexpectedElements(
  additions: ReadonlyMap<number | string, Addition>,
  reads: readonly SetRead[],
): Anomaly[] {
  const unexpected = new Map<number | string, string | undefined>();
  for (const read of reads) {
    for (const member of read.members) {
      if (!additions.has(member) && !unexpected.has(member)) unexpected.set(member, read.node);
    }
  }
  return [...unexpected].map(([member, node]) => ({
    type: "unexpected",
    element: typeof member === "number" ? member : (JSON.parse(member) as Value),
    explanation: `${node ?? "a node"} returned ${String(member)} in a read, but no client ever added it`,
  }));
}

/**
 * Judges a set history.
 *
 * @example
 * ```ts
 * const verdict = checkSetFull(history, { addFunction: "broadcast" });
 * if (verdict.valid === false) console.log(verdict.explanation);
 * ```
 */
export function checkSetFull(
  history: readonly ObservedEvent[],
  options: SetFullOptions = {},
): HistoryVerdict {
  const { additions, reads } = collect(history, options.addFunction ?? "add");
  const anomalies: Anomaly[] = unexpectedElements(additions, reads);
  const latencies: number[] = [];
  const counts = { attempted: 0, acknowledged: 0, stable: 0, lost: 0, stale: 0, neverRead: 0 };
  for (const [key, addition] of additions) {
    counts.attempted++;
    if (addition.status === "ok") counts.acknowledged++;
    if (addition.knownTime === Infinity) continue;
    const outcome = judge(key, addition, reads);
    if (outcome.kind === "never-read") counts.neverRead++;
    else if (outcome.kind === "lost") {
      counts.lost++;
      const seen =
        outcome.lastSeenTime === undefined
          ? "never shown by a read after it was known"
          : `last seen at ${(outcome.lastSeenTime / 1000).toFixed(1)}ms`;
      anomalies.push({
        type: "lost",
        element: addition.element,
        missingOn: outcome.missingOn,
        explanation: `${formatValue(addition.element)} was ${addition.status === "ok" ? "acknowledged" : "read"} at ${(addition.knownTime / 1000).toFixed(1)}ms but is missing on ${outcome.missingOn.join(", ")} (${seen})`,
      });
    } else {
      counts.stable++;
      latencies.push(Math.max(0, outcome.stableTime - addition.invokeTime));
      if (outcome.staleReads > 0) {
        counts.stale++;
        if (options.linearizable === true) {
          anomalies.push({
            type: "stale",
            element: addition.element,
            explanation: `${formatValue(addition.element)} was missing from ${outcome.staleReads} read(s) after it was known`,
          });
        }
      }
    }
  }
  const stats = { ...counts, stableLatencyMs: latencyFigures(latencies) };
  if (anomalies.length === 0 && counts.stable === 0) {
    return {
      valid: "unknown",
      anomalies,
      explanation: "no element was read after it was known, so nothing can be judged",
      stats,
    };
  }
  return verdictOf(
    anomalies,
    `all ${counts.stable} elements read after they were known stayed present (${counts.stale} were stale for a while, ${counts.neverRead} never read)`,
    stats,
  );
}
