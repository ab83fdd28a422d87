/**
 * The log checker for Maelstrom's kafka workload: append-only logs per key, where `send`
 * appends a message and gets its offset, `poll` reads `[offset, message]` pairs from each
 * key, and `list` (list_committed_offsets) re-assigns a client's keys, after which its
 * positions may move. It finds, as Jepsen's kafka checker does:
 *
 * - `inconsistent-offset`: one offset of a key holding two different messages;
 * - `duplicate`: one message at two offsets of a key;
 * - `lost-write`: an acknowledged send at an offset never seen by any poll, although polls
 *   saw higher offsets of its key;
 * - `nonmonotonic-poll` / `nonmonotonic-send`: a client's offsets on a key not strictly
 *   increasing, within one poll (internal) or between two (external, never across `list`);
 * - `skip`: a client's poll jumping over an offset known to exist.
 *
 * History values: send invokes `[key, msg]`, completes `[key, msg, offset]`; poll
 * completes `{key: [[offset, msg], ...]}`; list completes `{key: offset}`.
 */
import { type ObservedEvent, pairEvents } from "./event-pairs.js";
import type { Value } from "./value.js";
import { type Anomaly, type HistoryVerdict, verdictOf } from "./verdict.js";

type Pair = readonly [offset: number, message: Value];

interface KeyLog {
  /** offset -> message (as JSON) first seen there. */
  readonly messages: Map<number, string>;
  /** message (as JSON) -> offset first seen at. */
  readonly offsets: Map<string, number>;
  /** Offsets seen by polls. */
  readonly polled: Set<number>;
  sorted: number[] | undefined;
}

function keyLog(logs: Map<string, KeyLog>, key: string): KeyLog {
  let log = logs.get(key);
  if (log === undefined) {
    log = { messages: new Map(), offsets: new Map(), polled: new Set(), sorted: undefined };
    logs.set(key, log);
  }
  return log;
}

function pollPairs(value: Value | undefined): [string, Pair[]][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const result: [string, Pair[]][] = [];
  for (const [key, list] of Object.entries(value as Record<string, Value>)) {
    if (!Array.isArray(list)) continue;
    const pairs = (list as Value[]).filter(
      (pair): pair is Pair => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]),
    );
    result.push([key, pairs]);
  }
  return result;
}

class LogChecker {
  readonly logs = new Map<string, KeyLog>();
  readonly anomalies: Anomaly[] = [];
  readonly stats = { sends: 0, acknowledged: 0, polls: 0, lost: 0, unobserved: 0 };

  record(key: string, offset: number, message: Value, where: string): void {
    const log = keyLog(this.logs, key);
    const text = JSON.stringify(message);
    const before = log.messages.get(offset);
    if (before === undefined) log.messages.set(offset, text);
    else if (before !== text) {
      this.anomalies.push({
        type: "inconsistent-offset",
        key,
        offset,
        explanation: `offset ${offset} of key ${key} holds ${before} and also ${text} (${where})`,
      });
    }
    const at = log.offsets.get(text);
    if (at === undefined) log.offsets.set(text, offset);
    else if (at !== offset) {
      this.anomalies.push({
        type: "duplicate",
        key,
        message,
        explanation: `message ${text} appears at offsets ${at} and ${offset} of key ${key} (${where})`,
      });
    }
    log.sorted = undefined;
  }

  /** A known offset of `key` strictly between `low` and `high`, if there is one. */
  knownBetween(key: string, low: number, high: number): number[] {
    const log = this.logs.get(key);
    if (log === undefined || high - low < 2) return [];
    log.sorted ??= [...log.messages.keys()].sort((a, b) => a - b);
    return log.sorted.filter((offset) => offset > low && offset < high);
  }
}

function sendParts(
  value: Value | undefined,
): { key: string; message: Value; offset: number } | undefined {
  if (!Array.isArray(value) || value.length !== 3 || !Number.isInteger(value[2])) return undefined;
  return { key: String(value[0]), message: value[1] as Value, offset: value[2] as number };
}

function checkProcessOrder(checker: LogChecker, history: readonly ObservedEvent[]): void {
  const positions = new Map<string, Map<string, number>>();
  const sendPositions = new Map<string, Map<string, number>>();
  const at = (map: Map<string, Map<string, number>>, process: string) => {
    let entry = map.get(process);
    if (entry === undefined) {
      entry = new Map();
      map.set(process, entry);
    }
    return entry;
  };
  for (const { invoke, completion } of pairEvents(history)) {
    const process = String(invoke.process);
    if (completion?.type !== "ok") continue;
    if (invoke.f === "list" || invoke.final === true) positions.delete(process);
    if (invoke.f === "send") {
      const send = sendParts(completion.value);
      if (send === undefined) continue;
      const last = at(sendPositions, process).get(send.key);
      if (last !== undefined && send.offset <= last) {
        checker.anomalies.push({
          type: "nonmonotonic-send",
          key: send.key,
          explanation: `process ${process} sent to key ${send.key} and got offset ${send.offset} after an earlier send of its own got ${last}`,
        });
      }
      at(sendPositions, process).set(send.key, send.offset);
    }
    if (invoke.f !== "poll") continue;
    const seen = at(positions, process);
    for (const [key, pairs] of pollPairs(completion.value)) {
      let previous = seen.get(key);
      let internal = false;
      for (const [offset] of pairs) {
        const kind = internal ? "internal" : "external";
        if (previous !== undefined && offset <= previous) {
          checker.anomalies.push({
            type: "nonmonotonic-poll",
            key,
            explanation: `process ${process} polled key ${key} and saw offset ${offset} after offset ${previous} (${kind})`,
          });
        } else if (previous !== undefined) {
          const skipped = checker.knownBetween(key, previous, offset);
          if (skipped.length > 0) {
            checker.anomalies.push({
              type: "skip",
              key,
              skipped,
              explanation: `process ${process} polled key ${key} and jumped from offset ${previous} to ${offset}, skipping ${skipped.slice(0, 5).join(", ")} (${kind})`,
            });
          }
        }
        previous = offset;
        internal = true;
      }
      if (previous !== undefined) seen.set(key, previous);
    }
  }
}

/**
 * Judges a kafka-style log history.
 *
 * @example
 * ```ts
 * const verdict = checkKafkaLog(history);
 * verdict.anomalies.filter((anomaly) => anomaly.type === "lost-write");
 * ```
 */
export function checkKafkaLog(history: readonly ObservedEvent[]): HistoryVerdict {
  const checker = new LogChecker();
  const acknowledged: { key: string; message: Value; offset: number; process: string }[] = [];
  for (const { invoke, completion } of pairEvents(history)) {
    if (invoke.f === "send") {
      checker.stats.sends++;
      const send = completion?.type === "ok" ? sendParts(completion.value) : undefined;
      if (send === undefined) continue;
      checker.stats.acknowledged++;
      acknowledged.push({ ...send, process: String(invoke.process) });
      checker.record(send.key, send.offset, send.message, `send by process ${invoke.process}`);
    } else if (invoke.f === "poll" && completion?.type === "ok") {
      checker.stats.polls++;
      for (const [key, pairs] of pollPairs(completion.value)) {
        for (const [offset, message] of pairs) {
          checker.record(key, offset, message, `poll by process ${invoke.process}`);
          keyLog(checker.logs, key).polled.add(offset);
        }
      }
    }
  }
  for (const send of acknowledged) {
    const log = checker.logs.get(send.key)!;
    if (log.polled.has(send.offset)) continue;
    const highest = Math.max(-1, ...log.polled);
    if (highest > send.offset) {
      checker.stats.lost++;
      checker.anomalies.push({
        type: "lost-write",
        key: send.key,
        offset: send.offset,
        explanation: `process ${send.process} sent ${JSON.stringify(send.message)} to key ${send.key} and got offset ${send.offset}, which no poll ever returned although polls reached offset ${highest}`,
      });
    } else checker.stats.unobserved++;
  }
  checkProcessOrder(checker, history);
  if (checker.stats.acknowledged === 0 && checker.anomalies.length === 0)
    return {
      valid: "unknown",
      anomalies: [],
      explanation: "no send was acknowledged, so there is nothing to judge",
      stats: checker.stats,
    };
  return verdictOf(
    checker.anomalies,
    `${checker.stats.acknowledged} acknowledged sends, ${checker.stats.polls} polls: no lost, duplicated, reordered or skipped offsets (${checker.stats.unobserved} sends never polled)`,
    checker.stats,
  );
}
