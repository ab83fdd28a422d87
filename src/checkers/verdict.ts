/**
 * The verdict of a history checker that judges values rather than orders (set-full,
 * counter, unique ids, logs): valid, invalid or unknown, the anomalies found, each with an
 * explanation a person can act on, and the figures the checker worked out.
 */

/** One anomaly, with words a person can act on. */
export interface Anomaly {
  /** A short kebab-case name, e.g. `lost`, `duplicate`, `out-of-range`. */
  readonly type: string;
  readonly explanation: string;
  readonly [detail: string]: unknown;
}

/** What a value checker says. */
export interface HistoryVerdict {
  /** `unknown` when the history cannot decide (e.g. nothing was read). */
  readonly valid: true | false | "unknown";
  readonly anomalies: readonly Anomaly[];
  /** One paragraph: the verdict and why. */
  readonly explanation: string;
  /** Figures the checker worked out (counts, latencies, ...). */
  readonly stats?: Readonly<Record<string, unknown>>;
}

/** Most anomalies listed by name in an explanation before "and N more". */
export const ANOMALIES_NAMED = 3;

/** The verdict for `anomalies` found among `subject`, with the figures. */
export function verdictOf(
  anomalies: readonly Anomaly[],
  validText: string,
  stats: Readonly<Record<string, unknown>>,
): HistoryVerdict {
  if (anomalies.length === 0) return { valid: true, anomalies, explanation: validText, stats };
  const named = anomalies.slice(0, ANOMALIES_NAMED).map((anomaly) => anomaly.explanation);
  const more = anomalies.length - named.length;
  const explanation = `${anomalies.length} anomal${anomalies.length === 1 ? "y" : "ies"}: ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
  return { valid: false, anomalies, explanation, stats };
}
