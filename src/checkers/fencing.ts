/**
 * Fencing, judged from the guarded resource's view: the server never accepts a fencing
 * token lower than one it has already accepted for the same resource. A lock service hands
 * out tokens that strictly increase per lock; a holder passes its token with every access;
 * the resource refuses a token older than the newest it has seen. Then a holder that
 * paused past its lease cannot write after the next holder has: its token is older.
 * Accesses without a token are not judged here (mutual exclusion judges them).
 */
import type { TimeFormat } from "./mutual-exclusion.js";
import type { ResourceAccess } from "./resource-access.js";

/** An access accepted with a token older than one the resource had accepted before. */
export interface FencingViolation {
  readonly access: ResourceAccess;
  /** The highest token accepted before it. */
  readonly highest: number;
  /** When that token was first accepted. */
  readonly highestAt: number;
  /** The holder that passed it. */
  readonly highestHolder: string;
}

/** What the check says about a list of accesses. */
export type FencingResult =
  | { readonly ok: true; readonly fenced: number }
  | { readonly ok: false; readonly violation: FencingViolation; readonly explanation: string };

interface Highest {
  readonly token: number;
  readonly at: number;
  readonly holder: string;
}

/** Follows accesses in time order and reports the first stale token accepted. */
export class FencingMonitor {
  readonly #highest = new Map<string, Highest>();
  #fenced = 0;

  /** Number of accepted accesses that carried a token. */
  get fenced(): number {
    return this.#fenced;
  }

  /** Takes the next access; returns the violation it is, if any. */
  observe(access: ResourceAccess): FencingViolation | undefined {
    if (!access.accepted || access.token === null) return undefined;
    this.#fenced++;
    const highest = this.#highest.get(access.resource);
    if (highest !== undefined && access.token < highest.token) {
      return {
        access,
        highest: highest.token,
        highestAt: highest.at,
        highestHolder: highest.holder,
      };
    }
    if (highest === undefined || access.token > highest.token) {
      this.#highest.set(access.resource, {
        token: access.token,
        at: access.time,
        holder: access.holder,
      });
    }
    return undefined;
  }
}

/** One sentence saying which stale token was accepted. */
export function explainFencing(violation: FencingViolation, format: TimeFormat = String): string {
  const { access, highest, highestAt, highestHolder } = violation;
  return (
    `${access.resource} accepted token ${access.token} from ${access.holder} at ` +
    `${format(access.time)}, after it had accepted token ${highest} from ${highestHolder} at ` +
    `${format(highestAt)}`
  );
}

/**
 * Checks that a resource never accepted a token lower than one it had accepted before.
 *
 * @example
 * ```ts
 * const result = checkFencing([
 *   { time: 1, resource: "r", holder: "b", token: 9, accepted: true },
 *   { time: 2, resource: "r", holder: "a", token: 7, accepted: true },
 * ]);
 * result.ok; // false: token 7 accepted after token 9
 * ```
 */
export function checkFencing(
  accesses: readonly ResourceAccess[],
  format: TimeFormat = String,
): FencingResult {
  const monitor = new FencingMonitor();
  for (const access of accesses) {
    const violation = monitor.observe(access);
    if (violation !== undefined) {
      return { ok: false, violation, explanation: explainFencing(violation, format) };
    }
  }
  return { ok: true, fenced: monitor.fenced };
}
