/**
 * The unique-ids checker, after Jepsen's: every id a `generate` returned must differ from
 * every other. A duplicate names the id and which operations (process, node) got it.
 */
import { type ObservedEvent, pairEvents } from "./event-pairs.js";
import { type Anomaly, type HistoryVerdict, verdictOf } from "./verdict.js";

/**
 * Judges an id-generation history: `generate` operations whose ok value is the id.
 *
 * @example
 * ```ts
 * checkUniqueIds(history).valid; // false when two generates returned the same id
 * ```
 */
export function checkUniqueIds(history: readonly ObservedEvent[]): HistoryVerdict {
  const holders = new Map<string, string[]>();
  let attempted = 0;
  let acknowledged = 0;
  for (const { invoke, completion } of pairEvents(history)) {
    if (invoke.f !== "generate") continue;
    attempted++;
    if (completion?.type !== "ok") continue;
    acknowledged++;
    const id = JSON.stringify(completion.value ?? null);
    const list = holders.get(id) ?? [];
    list.push(`process ${invoke.process}${invoke.node === undefined ? "" : ` on ${invoke.node}`}`);
    holders.set(id, list);
  }
  const anomalies: Anomaly[] = [];
  for (const [id, list] of holders) {
    if (list.length < 2) continue;
    anomalies.push({
      type: "duplicate",
      id: JSON.parse(id),
      count: list.length,
      explanation: `id ${id} was generated ${list.length} times (${list.slice(0, 4).join(", ")})`,
    });
  }
  const stats = { attempted, acknowledged, duplicated: anomalies.length };
  if (acknowledged === 0)
    return {
      valid: "unknown",
      anomalies,
      explanation: "no id was generated, so there is nothing to judge",
      stats,
    };
  return verdictOf(anomalies, `all ${acknowledged} generated ids are distinct`, stats);
}
