/**
 * Mutual exclusion in real time, judged from the guarded resource's view: no two critical
 * sections are ever inside at once. A critical section, as the resource's server sees it,
 * spans from the first to the last access it accepted for that holder; two sections of one
 * resource overlap when one holder's accepted access falls between another holder's first
 * and last. That is what a lock is for, and what a lease-based lock without fencing loses
 * when a holder pauses past its lease: its late write lands inside the next holder's section.
 *
 * Judged online: once a holder's access is followed by another holder's, the first
 * holder's section is closed, and any later accepted access of it is the violation.
 */
import type { ResourceAccess } from "./resource-access.js";

/** Two critical sections of one resource that overlapped. */
export interface MutualExclusionViolation {
  readonly resource: string;
  /** The holder whose access landed inside another's section. */
  readonly holder: string;
  /** When that holder's section began (its first accepted access). */
  readonly enteredAt: number;
  /** The other holder, whose access came between. */
  readonly intruder: string;
  /** When the other holder accessed the resource. */
  readonly intrudedAt: number;
  /** The access that shows the overlap. */
  readonly access: ResourceAccess;
}

/** What the check says about a list of accesses. */
export type MutualExclusionResult =
  | { readonly ok: true; readonly sections: number }
  | {
      readonly ok: false;
      readonly violation: MutualExclusionViolation;
      readonly explanation: string;
    };

interface Section {
  readonly enteredAt: number;
  /** Set when another holder accessed the resource after this one. */
  closedBy: { readonly holder: string; readonly at: number } | undefined;
}

interface ResourceState {
  current: string | undefined;
  readonly sections: Map<string, Section>;
}

/** Follows accesses in time order and reports the first overlap. */
export class MutualExclusionMonitor {
  readonly #resources = new Map<string, ResourceState>();
  #sections = 0;

  /** Number of critical sections seen so far. */
  get sections(): number {
    return this.#sections;
  }

  /** Takes the next access (times must not decrease); returns the overlap it shows, if any. */
  observe(access: ResourceAccess): MutualExclusionViolation | undefined {
    if (!access.accepted) return undefined;
    let state = this.#resources.get(access.resource);
    if (state === undefined) {
      state = { current: undefined, sections: new Map() };
      this.#resources.set(access.resource, state);
    }
    if (state.current === access.holder) return undefined;
    const known = state.sections.get(access.holder);
    if (known?.closedBy !== undefined) {
      return {
        resource: access.resource,
        holder: access.holder,
        enteredAt: known.enteredAt,
        intruder: known.closedBy.holder,
        intrudedAt: known.closedBy.at,
        access,
      };
    }
    if (state.current !== undefined) {
      state.sections.get(state.current)!.closedBy = { holder: access.holder, at: access.time };
    }
    if (known === undefined) {
      state.sections.set(access.holder, { enteredAt: access.time, closedBy: undefined });
      this.#sections++;
    }
    state.current = access.holder;
    return undefined;
  }
}

/** How a time is written in explanations (e.g. the simulator's `formatTime`). */
export type TimeFormat = (time: number) => string;

/** One sentence saying which sections overlapped, and when. */
export function explainMutualExclusion(
  violation: MutualExclusionViolation,
  format: TimeFormat = String,
): string {
  const { resource, holder, enteredAt, intruder, intrudedAt, access } = violation;
  const token = access.token === null ? "no token" : `token ${access.token}`;
  return (
    `${resource}: ${holder} entered its critical section at ${format(enteredAt)}, ${intruder} ` +
    `accessed ${resource} at ${format(intrudedAt)}, and ${holder} accessed it again at ` +
    `${format(access.time)} (${token}), so both were inside at once`
  );
}

/**
 * Checks that no two critical sections overlap, from the resource server's accesses in
 * time order.
 *
 * @example
 * ```ts
 * const result = checkMutualExclusion([
 *   { time: 1, resource: "r", holder: "a", token: null, accepted: true },
 *   { time: 2, resource: "r", holder: "b", token: null, accepted: true },
 *   { time: 3, resource: "r", holder: "a", token: null, accepted: true },
 * ]);
 * result.ok; // false: a's section [1, 3] contains b's access at 2
 * ```
 */
export function checkMutualExclusion(
  accesses: readonly ResourceAccess[],
  format: TimeFormat = String,
): MutualExclusionResult {
  const monitor = new MutualExclusionMonitor();
  for (const access of accesses) {
    const violation = monitor.observe(access);
    if (violation !== undefined) {
      return { ok: false, violation, explanation: explainMutualExclusion(violation, format) };
    }
  }
  return { ok: true, sections: monitor.sections };
}
