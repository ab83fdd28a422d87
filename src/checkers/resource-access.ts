/**
 * Accesses to a shared resource as the resource's own server saw them: the data that the
 * mutual-exclusion and fencing checks judge. A server that guards a resource (a storage
 * node behind a lock, a database behind a leader) records each request it handled: when,
 * on which resource, for which critical section (`holder`), with which fencing token, and
 * whether it accepted it. The records are plain data, so they can come from the simulator
 * (as `resource-access` facts) or from any log.
 */

/** One request a resource's server handled. */
export interface ResourceAccess {
  /** When the server handled it (virtual microseconds in the simulator; any ordered unit). */
  readonly time: number;
  /** The resource, e.g. a file or a key. */
  readonly resource: string;
  /** The critical section it belongs to: one name per holder and acquisition (e.g. "n2#7"). */
  readonly holder: string;
  /** The fencing token the holder passed, or null when it passed none. */
  readonly token: number | null;
  /** Whether the server performed it (false: it refused it, e.g. for a stale token). */
  readonly accepted: boolean;
}

/** The fact type a node reports for each access it handled (the fact is a `ResourceAccess` without `time`). */
export const RESOURCE_ACCESS = "resource-access";

/** The fact a resource's server reports with `ctx.report`; the harness stamps the time. */
export interface ResourceAccessFact extends Omit<ResourceAccess, "time"> {
  readonly type: typeof RESOURCE_ACCESS;
}

/** The access a fact reports, stamped with `time`, or undefined when the fact is another one. */
export function resourceAccessOf(fact: unknown, time: number): ResourceAccess | undefined {
  if (typeof fact !== "object" || fact === null) return undefined;
  const candidate = fact as Partial<ResourceAccessFact>;
  if (candidate.type !== RESOURCE_ACCESS) return undefined;
  const { resource, holder, token, accepted } = candidate;
  if (typeof resource !== "string" || typeof holder !== "string") return undefined;
  if (typeof accepted !== "boolean" || (token !== null && typeof token !== "number"))
    return undefined;
  return { time, resource, holder, token: token ?? null, accepted };
}
