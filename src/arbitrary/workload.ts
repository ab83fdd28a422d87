/**
 * A fast-check arbitrary for client workloads: how many clients, how fast they think, how
 * many keys and operations, which kinds of operation, and how clients pick a node.
 * Shrinking goes towards one client, one key, few operations, the first kind of operation
 * and sticky routing.
 */
import fc from "fast-check";
import type { ScenarioWorkload } from "../scenario/scenario.js";
import type { WorkloadKind } from "../systems/definition.js";

/** Options of `workload`. */
export interface WorkloadArbitraryOptions {
  /** The client vocabulary of the system under test (default "kv"). */
  readonly kind?: WorkloadKind;
  /** Most client processes (default 5). */
  readonly maxClients?: number;
  /** Most operations of the main phase (default 200). */
  readonly maxOps?: number;
  /** Most keys, for the kv vocabulary (default 5). */
  readonly maxKeys?: number;
  /** Longest pause between a client's operations, in microseconds (default 100 ms). */
  readonly maxThinkUs?: number;
  /** How long a client waits for an answer, in microseconds (default 1 s). */
  readonly timeoutUs?: number;
}

/** The operations whose weights are drawn; lock clients alternate acquire and release. */
const OPERATIONS: Readonly<Record<WorkloadKind, readonly string[]>> = {
  kv: ["read", "write", "cas"],
  set: ["add", "read-set"],
  lock: [],
  none: [],
};

/** The mix of a vocabulary whose operations are not drawn by weight. */
const FIXED_MIX: Readonly<Partial<Record<WorkloadKind, Record<string, number>>>> = {
  lock: { acquire: 1, release: 1 },
};

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`workload: ${message}`);
}

function mixOf(kind: WorkloadKind): fc.Arbitrary<Record<string, number>> {
  const operations = OPERATIONS[kind];
  if (operations.length === 0) return fc.constant({ ...FIXED_MIX[kind] });
  return fc.tuple(...operations.map(() => fc.integer({ min: 0, max: 3 }))).map((weights) => {
    const mix = Object.fromEntries(operations.map((f, index) => [f, weights[index]!]));
    // At least one operation must be drawn: the first one keeps a weight.
    if (weights.every((weight) => weight === 0)) mix[operations[0]!] = 1;
    return mix;
  });
}

/**
 * Client workloads for `Scenario.workload`.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.asyncProperty(workload({ maxClients: 3 }), async (clients) =>
 *     (await runScenario({ ...scenario, workload: clients }, 1)).ok,
 *   ),
 * );
 * ```
 */
export function workload(options: WorkloadArbitraryOptions = {}): fc.Arbitrary<ScenarioWorkload> {
  const kind = options.kind ?? "kv";
  const maxClients = options.maxClients ?? 5;
  const maxOps = options.maxOps ?? 200;
  const maxKeys = options.maxKeys ?? 5;
  const maxThinkUs = options.maxThinkUs ?? 100_000;
  const timeoutUs = options.timeoutUs ?? 1_000_000;
  check(Number.isSafeInteger(maxClients) && maxClients >= 1, "maxClients must be an integer >= 1");
  check(Number.isSafeInteger(maxOps) && maxOps >= 1, "maxOps must be an integer >= 1");
  check(Number.isSafeInteger(maxKeys) && maxKeys >= 1, "maxKeys must be an integer >= 1");
  check(
    Number.isSafeInteger(maxThinkUs) && maxThinkUs >= 1_000,
    "maxThinkUs must be >= 1000 (1 ms)",
  );
  check(Number.isSafeInteger(timeoutUs) && timeoutUs >= 1_000, "timeoutUs must be >= 1000 (1 ms)");
  return fc
    .record({
      clients: fc.integer({ min: 1, max: maxClients }),
      thinkMinUs: fc.integer({ min: 1_000, max: maxThinkUs }),
      thinkSpanUs: fc.integer({ min: 0, max: maxThinkUs }),
      keys: fc.integer({ min: 1, max: maxKeys }),
      ops: fc.integer({ min: 1, max: maxOps }),
      mix: mixOf(kind),
      routing: fc.constantFrom("sticky" as const, "home" as const),
    })
    .map(({ clients, thinkMinUs, thinkSpanUs, keys, ops, mix, routing }) => ({
      kind,
      clients,
      thinkUs: { minUs: thinkMinUs, maxUs: Math.min(maxThinkUs, thinkMinUs + thinkSpanUs) },
      timeoutUs,
      keys,
      keyDistribution: "uniform" as const,
      mix,
      maxOps: ops,
      maxRedirects: 5,
      routing,
    }));
}
