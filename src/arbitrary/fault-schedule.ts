/**
 * A fast-check arbitrary for fault schedules: lists of fault episodes as plain data, the
 * same `FaultEpisode`s a scenario file's `nemesis.schedule` holds. fast-check shrinks a
 * failing schedule the way it shrinks any list: fewer episodes first, then each episode
 * earlier, shorter, and of a simpler kind (kinds shrink towards the first one listed).
 */
import fc from "fast-check";
import { FAULT_KINDS, type Fault, type FaultEpisode, type FaultKind } from "../nemesis/fault.js";

/** Options of `faultSchedule`. */
export interface FaultScheduleOptions {
  /** The cluster: a node count (nodes n1..nN) or the node names. */
  readonly nodes: number | readonly string[];
  /** Length of the main phase, in microseconds: every episode begins within it. */
  readonly mainUs: number;
  /** Kinds of fault to draw, simplest first (default: every kind). */
  readonly kinds?: readonly FaultKind[];
  /** Most episodes in a schedule (default 5). */
  readonly maxFaults?: number;
  /** Shortest episode, in microseconds (default 1 ms). */
  readonly minDurationUs?: number;
  /** Longest episode, in microseconds (default half the main phase). */
  readonly maxDurationUs?: number;
  /** Also aim faults at `"leader"`, resolved when the fault begins (default true). */
  readonly leader?: boolean;
  /** Also aim faults at `"lock-holder"`, resolved when the fault begins (default false). */
  readonly lockHolder?: boolean;
}

/** The options with defaults filled in and checked. */
interface ResolvedOptions {
  readonly nodes: readonly string[];
  readonly mainUs: number;
  readonly kinds: readonly FaultKind[];
  readonly maxFaults: number;
  readonly minDurationUs: number;
  readonly maxDurationUs: number;
  readonly leader: boolean;
  readonly lockHolder: boolean;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`faultSchedule: ${message}`);
}

function resolveOptions(options: FaultScheduleOptions): ResolvedOptions {
  const nodes =
    typeof options.nodes === "number"
      ? Array.from({ length: options.nodes }, (_, index) => `n${index + 1}`)
      : [...options.nodes];
  check(nodes.length > 0, `nodes must name at least one node, found ${String(options.nodes)}`);
  check(
    Number.isSafeInteger(options.mainUs) && options.mainUs > 0,
    `mainUs must be a positive integer (microseconds), found ${options.mainUs}`,
  );
  const kinds = options.kinds ?? FAULT_KINDS;
  check(kinds.length > 0, "kinds must list at least one fault kind");
  for (const kind of kinds) check(FAULT_KINDS.includes(kind), `unknown fault kind "${kind}"`);
  const minDurationUs = options.minDurationUs ?? 1_000;
  const maxDurationUs = options.maxDurationUs ?? Math.max(minDurationUs, options.mainUs / 2);
  check(
    Number.isSafeInteger(minDurationUs) && minDurationUs > 0 && minDurationUs <= maxDurationUs,
    `expected 0 < minDurationUs <= maxDurationUs, found ${minDurationUs} and ${maxDurationUs}`,
  );
  const maxFaults = options.maxFaults ?? 5;
  check(Number.isSafeInteger(maxFaults) && maxFaults >= 0, "maxFaults must be an integer >= 0");
  return {
    nodes,
    mainUs: options.mainUs,
    kinds,
    maxFaults,
    minDurationUs,
    maxDurationUs: Math.round(maxDurationUs),
    leader: options.leader ?? true,
    lockHolder: options.lockHolder ?? false,
  };
}

/** A rate in [min, max] with three decimals, shrinking towards `min`. */
function rate(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) })
    .map((perMille) => perMille / 1000);
}

function partition(options: ResolvedOptions, target: fc.Arbitrary<string>): fc.Arbitrary<Fault> {
  const { nodes } = options;
  const isolate = target.map(
    (node): Fault => ({ kind: "partition", shape: "isolate", target: node }),
  );
  if (nodes.length < 3) return isolate;
  const split = fc
    .subarray([...nodes], { minLength: 1, maxLength: nodes.length - 1 })
    .map((group): Fault => ({ kind: "partition", groups: [group] }));
  return fc.oneof(isolate, split);
}

/** The arbitrary of one fault of `kind`. */
function fault(
  kind: FaultKind,
  options: ResolvedOptions,
  target: fc.Arbitrary<string>,
): fc.Arbitrary<Fault> {
  const clockDeltaUs = fc.integer({ min: 1_000, max: 2_000_000 });
  switch (kind) {
    case "partition":
      return partition(options, target);
    case "crash":
    case "pause":
      return target.map((node) => ({ kind, target: node }));
    case "clock-bump":
      return fc
        .record({ node: target, deltaUs: clockDeltaUs, backwards: fc.boolean() })
        .map(({ node, deltaUs, backwards }) => ({
          kind,
          target: node,
          deltaUs: backwards ? -deltaUs : deltaUs,
        }));
    case "clock-strobe":
      return fc
        .record({
          node: target,
          deltaUs: clockDeltaUs,
          periodUs: fc.integer({ min: 1_000, max: 200_000 }),
        })
        .map(({ node, deltaUs, periodUs }) => ({ kind, target: node, deltaUs, periodUs }));
    case "clock-drift":
      return fc
        .record({ node: target, driftPpm: fc.integer({ min: -100_000, max: 100_000 }) })
        .map(({ node, driftPpm }) => ({ kind, target: node, driftPpm }));
    case "loss":
      return rate(0.05, 0.5).map((value) => ({ kind, rate: value }));
    case "duplicate":
      return rate(0.05, 0.3).map((value) => ({ kind, rate: value }));
    case "delay":
      return fc.integer({ min: 1_000, max: 500_000 }).map((maxUs) => ({ kind, minUs: 0, maxUs }));
    case "disk":
      return fc
        .record({ node: target, partialFlushRate: rate(0, 1), tornWriteRate: rate(0, 1) })
        .map(({ node, partialFlushRate, tornWriteRate }) => ({
          kind,
          target: node,
          faults: { partialFlushRate, tornWriteRate, readErrorRate: 0 },
        }));
  }
}

function episode(options: ResolvedOptions): fc.Arbitrary<FaultEpisode> {
  const target = fc.constantFrom(
    ...options.nodes,
    ...(options.leader ? ["leader"] : []),
    ...(options.lockHolder ? ["lock-holder"] : []),
  );
  return fc
    .record({
      atUs: fc.integer({ min: 0, max: options.mainUs - 1 }),
      durationUs: fc.option(
        fc.integer({ min: options.minDurationUs, max: options.maxDurationUs }),
        { nil: undefined },
      ),
      fault: fc.oneof(...options.kinds.map((kind) => fault(kind, options, target))),
    })
    .map(({ atUs, durationUs, fault: drawn }) =>
      durationUs === undefined ? { atUs, fault: drawn } : { atUs, durationUs, fault: drawn },
    );
}

/**
 * Fault schedules for a cluster: up to `maxFaults` episodes, in order of their start.
 * An episode without `durationUs` lasts until the recovery phase.
 *
 * @example
 * ```ts
 * fc.assert(
 *   fc.asyncProperty(faultSchedule({ nodes: 3, mainUs: 5_000_000 }), async (schedule) =>
 *     (await runScenario({ ...scenario, schedule, randomNemesis: undefined }, 1)).ok,
 *   ),
 * );
 * ```
 */
export function faultSchedule(options: FaultScheduleOptions): fc.Arbitrary<FaultEpisode[]> {
  const resolved = resolveOptions(options);
  return fc
    .array(episode(resolved), { maxLength: resolved.maxFaults })
    .map((episodes) => [...episodes].sort((a, b) => a.atUs - b.atUs));
}
